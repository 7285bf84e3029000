import { deleteOpeningTracesBefore } from '../db/queries/deleted-opening-traces.ts';
import { claimNextDuePost } from '../db/queries/opening-posts.ts';
import { expireDueOpenings } from '../db/queries/openings.ts';
import type { SchedulerTask } from '../scheduler/scheduler.ts';
import { publishOpening } from './publisher.ts';
import { POST_RETRY, postLeaseUntil } from './retry.ts';
import { DUPLICATE_WINDOW_MS } from './rules.ts';

/**
 * Marks openings past their expiry as expired (their posts are then edited by the post task), and
 * forgets the traces of deleted openings the posting limits no longer count.
 */
export const openingExpiryTask: SchedulerTask = {
  name: 'opening-expiry',
  async run(ctx) {
    const now = ctx.clock();
    await deleteOpeningTracesBefore(ctx.db, new Date(now.getTime() - DUPLICATE_WINDOW_MS));
    const expired = await expireDueOpenings(ctx.db, now, POST_RETRY.batchSize * 5);
    for (const opening of expired) {
      ctx.log.info({ guildId: opening.guildId, openingId: opening.id }, 'opening expired');
    }
  },
};

/** Sends the posts and edits that are due: first tries after a failure, and edits after expiry. */
export const openingPostTask: SchedulerTask = {
  name: 'opening-posts',
  async run(ctx) {
    // One claim per send: a batch claimed at once could outlive its lease while earlier sends wait
    // on retries and rate limits, and then another process would post the rest again.
    for (let sent = 0; sent < POST_RETRY.batchSize; sent++) {
      const now = ctx.clock();
      const opening = await claimNextDuePost(ctx.db, now, postLeaseUntil(now));
      if (!opening) return;
      try {
        await publishOpening(ctx, opening);
      } catch (error) {
        // Its lease runs out on its own, so it is tried again on a later tick.
        ctx.log.error(
          { err: error, guildId: opening.guildId, openingId: opening.id },
          'opening post not recorded',
        );
      }
    }
  },
};
