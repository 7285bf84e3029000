import type { Context } from '../context.ts';
import type { Db } from '../db/client.ts';
import type { SchedulerTask } from './scheduler.ts';

/** How many due rows one claim takes, and until when they are leased to the claiming process. */
interface ClaimBatch {
  limit: number;
  leaseUntil: Date;
}

/**
 * A task that claims a batch of due rows (leased for `leaseMs`, so two processes never handle the
 * same row) and handles each claim: all at once, or `oneAtATime` when they share a rate limit.
 */
export function claimingTask<Claim>(
  name: string,
  claim: (db: Db, now: Date, batch: ClaimBatch) => Promise<Claim[]>,
  handle: (ctx: Context, claim: Claim) => Promise<void>,
  { batchSize, leaseMs, oneAtATime = false }: { batchSize: number; leaseMs: number; oneAtATime?: boolean },
): SchedulerTask {
  return {
    name,
    async run(ctx) {
      const now = ctx.clock();
      const claims = await claim(ctx.db, now, {
        limit: batchSize,
        leaseUntil: new Date(now.getTime() + leaseMs),
      });
      if (!oneAtATime) {
        await Promise.all(claims.map((claimed) => handle(ctx, claimed)));
        return;
      }
      for (const claimed of claims) await handle(ctx, claimed);
    },
  };
}
