import type { Command } from '../src/router/command.ts';
import { createHelpCommand } from './help.ts';

/** The one static list of commands: used by the runtime, the deploy script, /help and the tests. */
export const commands: readonly Command[] = [createHelpCommand(() => commands)];
