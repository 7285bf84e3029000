import type { Context } from '../context.ts';
import {
  type ClaimedReminder,
  claimDueReminders,
  completeReminder,
  disableReminders,
  releaseReminder,
} from '../db/queries/guild-settings.ts';
import { postMessage, postToGuildChannel } from '../discord/channel-post.ts';
import { REMINDER_RETRY } from '../scheduler/backoff.ts';
import { claimingTask } from '../scheduler/claiming-task.ts';
import type { SchedulerTask } from '../scheduler/scheduler.ts';
import { nextRunAfterPost, REMINDER_BATCH_SIZE, REMINDER_LEASE_MS } from './reminder-schedule.ts';
import { renderPitfallEmbed } from './render.ts';
import { pitfallAt } from './rotation.ts';

/** Posts every due pitfall reminder once, whichever process claims it. */
export const pitfallReminderTask: SchedulerTask = claimingTask(
  'pitfall-reminders',
  claimDueReminders,
  postReminder,
  {
    batchSize: REMINDER_BATCH_SIZE,
    leaseMs: REMINDER_LEASE_MS,
  },
);

async function postReminder(ctx: Context, claim: ClaimedReminder): Promise<void> {
  const ids = { guildId: claim.guildId, channelId: claim.channelId };
  try {
    const embed = renderPitfallEmbed(pitfallAt(claim.pitfallCursor), 'channel');
    const posted = await postToGuildChannel(ctx, {
      guildId: claim.guildId,
      purpose: 'reminders',
      channelId: claim.channelId,
      kind: 'new',
      failures: claim.failures,
      retry: REMINDER_RETRY,
      reportEveryFailure: true,
      send: postMessage(ctx, claim.channelId, { embeds: [embed] }),
    });
    const now = ctx.clock();
    if (posted.ok) {
      await completeReminder(ctx.db, claim, nextRunAfterPost(claim.dueAt, now, claim.everyHours), now);
    } else if (posted.retryAt) {
      await releaseReminder(ctx.db, claim, posted.retryAt, now);
      const { problem, failures, retryAt } = posted;
      ctx.log.warn({ ...ids, problem, failures, retryAt }, 'pitfall reminder not posted; will retry');
    } else {
      await disableReminders(ctx.db, claim, now);
      ctx.log.warn(ids, 'pitfall reminders turned off: the channel cannot be posted to');
    }
  } catch (error) {
    // The claim's lease runs out on its own, so the reminder is tried again later.
    ctx.log.error({ err: error, ...ids }, 'pitfall reminder not recorded');
  }
}
