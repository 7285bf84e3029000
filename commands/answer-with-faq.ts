import { answerWithFaqData, createAnswerWithFaq } from '../src/faq/answer-message.ts';
import type { MessageCommand } from '../src/router/command.ts';

/** The message command Answer with FAQ (type 3, guild only): answers the target message's text. */
export function createAnswerWithFaqCommand(): MessageCommand {
  return { data: answerWithFaqData, execute: createAnswerWithFaq() };
}
