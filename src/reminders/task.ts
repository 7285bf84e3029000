import type { Context } from '../context.ts';
import {
  type ClaimedReminder,
  claimDueReminders,
  completeReminder,
  disableReminders,
  releaseReminder,
} from '../db/queries/guild-settings.ts';
import { describePostFailure, postFailureKind, sendChannelMessage } from '../discord/channels.ts';
import { renderPitfallEmbed } from '../pitfalls/render.ts';
import { pitfallAt } from '../pitfalls/rotation.ts';
import type { SchedulerTask } from '../scheduler/scheduler.ts';
import { nextRunAfterPost, REMINDER_BATCH_SIZE, REMINDER_LEASE_MS, retryBackoffMs } from './schedule.ts';

/** Posts every due pitfall reminder once, whichever process claims it. */
export const pitfallReminderTask: SchedulerTask = {
  name: 'pitfall-reminders',
  async run(ctx) {
    const now = ctx.clock();
    const claims = await claimDueReminders(ctx.db, now, {
      limit: REMINDER_BATCH_SIZE,
      leaseUntil: new Date(now.getTime() + REMINDER_LEASE_MS),
    });
    await Promise.all(claims.map((claim) => postReminder(ctx, claim)));
  },
};

async function postReminder(ctx: Context, claim: ClaimedReminder): Promise<void> {
  const ids = { guildId: claim.guildId, channelId: claim.channelId };
  try {
    const embed = renderPitfallEmbed(pitfallAt(claim.pitfallCursor), 'channel');
    try {
      await sendChannelMessage(ctx.rest, claim.channelId, { embeds: [embed] });
    } catch (error) {
      await recordFailure(ctx, claim, error);
      return;
    }
    const postedAt = ctx.clock();
    await completeReminder(
      ctx.db,
      claim,
      nextRunAfterPost(claim.dueAt, postedAt, claim.everyHours),
      postedAt,
    );
  } catch (error) {
    // The claim's lease runs out on its own, so the reminder is tried again later.
    ctx.log.error({ err: error, ...ids }, 'pitfall reminder not recorded');
  }
}

async function recordFailure(ctx: Context, claim: ClaimedReminder, error: unknown): Promise<void> {
  const now = ctx.clock();
  const problem = describePostFailure(error);
  const ids = { guildId: claim.guildId, channelId: claim.channelId };
  if (postFailureKind(error) === 'permanent') {
    await disableReminders(ctx.db, claim, problem, now);
    ctx.log.warn({ ...ids, problem }, 'pitfall reminders turned off: the channel cannot be posted to');
    return;
  }
  const failures = claim.failures + 1;
  const retryAt = new Date(now.getTime() + retryBackoffMs(failures));
  await releaseReminder(ctx.db, claim, { retryAt, problem }, now);
  ctx.log.warn({ ...ids, problem, failures, retryAt }, 'pitfall reminder not posted; will retry');
}
