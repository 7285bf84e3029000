import type { Context } from '../context.ts';
import type { Db } from '../db/client.ts';
import type { SchedulerTask } from './scheduler.ts';

/** How many due rows one claim takes, and until when they are leased to the claiming process. */
export interface ClaimBatch {
  limit: number;
  leaseUntil: Date;
}

/**
 * A task that claims a batch of due rows (leased for `leaseMs`, so two processes never handle the
 * same row) and handles each claim: all at once, or `oneAtATime` when they share a rate limit.
 */
export function claimingTask<Claim>(spec: {
  name: string;
  claim: (db: Db, now: Date, batch: ClaimBatch) => Promise<Claim[]>;
  batchSize: number;
  leaseMs: number;
  handle: (ctx: Context, claim: Claim) => Promise<void>;
  oneAtATime?: boolean;
}): SchedulerTask {
  return {
    name: spec.name,
    async run(ctx) {
      const now = ctx.clock();
      const claims = await spec.claim(ctx.db, now, {
        limit: spec.batchSize,
        leaseUntil: new Date(now.getTime() + spec.leaseMs),
      });
      if (!spec.oneAtATime) {
        await Promise.all(claims.map((claim) => spec.handle(ctx, claim)));
        return;
      }
      for (const claim of claims) await spec.handle(ctx, claim);
    },
  };
}
