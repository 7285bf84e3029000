import type { Command, MessageCommand } from '../src/router/command.ts';
import { createAnswerWithFaqCommand } from './answer-with-faq.ts';
import { assessCommand } from './assess.ts';
import { configCommand } from './config.ts';
import { faqCommand } from './faq.ts';
import { faqAdminCommand } from './faq-admin.ts';
import { createHelpCommand } from './help.ts';
import { mydataCommand } from './mydata.ts';
import { openingCommand } from './opening.ts';
import { pitfallCommand } from './pitfall.ts';
import { portfolioCommand } from './portfolio.ts';
import { roadmapCommand } from './roadmap.ts';

/** The one static list of commands: used by the runtime, the deploy script, /help and the tests. */
export const commands: readonly Command[] = [
  createHelpCommand(() => commands),
  faqCommand,
  faqAdminCommand,
  assessCommand,
  roadmapCommand,
  configCommand,
  pitfallCommand,
  openingCommand,
  mydataCommand,
  portfolioCommand,
];

/** The message commands (type 3, in a message's Apps menu), deployed with the slash commands. */
export const messageCommands: readonly MessageCommand[] = [createAnswerWithFaqCommand()];
