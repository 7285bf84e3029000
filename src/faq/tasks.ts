import { deleteFaqQuestionsAskedBefore } from '../db/queries/faq-questions.ts';
import type { SchedulerTask } from '../scheduler/scheduler.ts';
import { DAY_MS } from '../time.ts';

/**
 * How long the questions members typed are kept. /faq-admin gaps looks back 30 days; the rest is
 * slack so a moderator returning from a break still sees a full month. Older text serves no one.
 */
export const FAQ_QUESTION_RETENTION_DAYS = 90;
/** Rows per delete statement, so a large backlog never holds one long transaction. */
const DELETE_BATCH = 1000;
/** Batches per tick: a backlog drains over a few ticks instead of stalling one. */
const BATCHES_PER_TICK = 10;

/** Deletes typed FAQ questions older than the retention period, in small batches. */
export const faqQuestionRetentionTask: SchedulerTask = {
  name: 'faq-question-retention',
  async run(ctx) {
    const cutoff = new Date(ctx.clock().getTime() - FAQ_QUESTION_RETENTION_DAYS * DAY_MS);
    let total = 0;
    for (let batch = 0; batch < BATCHES_PER_TICK; batch++) {
      const deleted = await deleteFaqQuestionsAskedBefore(ctx.db, cutoff, DELETE_BATCH);
      total += deleted;
      if (deleted < DELETE_BATCH) break;
    }
    if (total > 0) ctx.log.info({ deleted: total }, 'old faq questions deleted');
  },
};
