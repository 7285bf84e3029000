import type { Context } from '../context.ts';
import { listAllMemberItems } from '../db/queries/portfolio-items.ts';
import {
  type ClaimedNudge,
  claimDueNudges,
  completeNudge,
  lastNudgeSentToUser,
  turnOffNudges,
} from '../db/queries/portfolio-nudges.ts';
import { sendDirectMessage } from '../discord/direct-messages.ts';
import { claimingTask } from '../scheduler/claiming-task.ts';
import type { SchedulerTask } from '../scheduler/scheduler.ts';
import { renderNudge } from './nudge-render.ts';
import {
  itemsToNudge,
  NUDGE_BATCH_SIZE,
  NUDGE_LEASE_MS,
  nextCheckAfter,
  nextNudgeAllowedAt,
} from './nudges.ts';

export const DM_REFUSED_REASON = 'Discord did not let the bot send you a direct message';

/** Sends each due member at most one DM about their stale items, whichever process claims them. */
export const portfolioNudgeTask: SchedulerTask = claimingTask('portfolio-nudges', claimDueNudges, nudge, {
  batchSize: NUDGE_BATCH_SIZE,
  leaseMs: NUDGE_LEASE_MS,
  // DMs share one rate limit, and a batch is small.
  oneAtATime: true,
});

async function nudge(ctx: Context, claim: ClaimedNudge): Promise<void> {
  const ids = { guildId: claim.guildId, userId: claim.userId };
  try {
    const now = ctx.clock();
    const allowedAt = nextNudgeAllowedAt(await lastNudgeSentToUser(ctx.db, claim.userId), now);
    if (allowedAt > now) {
      // A nudge from another server reached this user this week.
      await completeNudge(ctx.db, claim, { sentAt: null, nextCheckAt: allowedAt }, now);
      return;
    }
    const items = itemsToNudge(await listAllMemberItems(ctx.db, claim.guildId, claim.userId), now);
    if (items.length === 0) {
      await completeNudge(
        ctx.db,
        claim,
        { sentAt: null, nextCheckAt: nextCheckAfter('nothing-due', now) },
        now,
      );
      return;
    }
    const sent = await sendDirectMessage(ctx, claim.userId, renderNudge(claim.guildId, items));
    if (!sent.ok) {
      const failedAt = ctx.clock();
      if (sent.closed) {
        await turnOffNudges(ctx.db, claim, DM_REFUSED_REASON, failedAt);
        ctx.log.info(ids, 'portfolio reminders turned off: the member does not accept DMs');
        return;
      }
      ctx.log.warn({ ...ids, problem: sent.problem }, 'portfolio reminder not sent; will retry');
      await completeNudge(
        ctx.db,
        claim,
        { sentAt: null, nextCheckAt: nextCheckAfter('retry', failedAt), failed: true },
        failedAt,
      );
      return;
    }
    const sentAt = ctx.clock();
    await completeNudge(ctx.db, claim, { sentAt, nextCheckAt: nextCheckAfter('sent', sentAt) }, sentAt);
    ctx.log.info({ ...ids, items: items.length }, 'portfolio reminder sent');
  } catch (error) {
    // The claim's lease runs out on its own, so the member is looked at again later.
    ctx.log.error({ err: error, ...ids }, 'portfolio reminder not recorded');
  }
}
