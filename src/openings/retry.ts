import { nextAttempt, POST_RETRY_POLICY } from '../scheduler/backoff.ts';
import { MINUTE_MS } from '../time.ts';

/** How a post that Discord refused is retried: the backoff of `POST_RETRY_POLICY`, lease and batch. */
export const POST_RETRY = {
  ...POST_RETRY_POLICY,
  /** How long a claimed post is left alone by other processes while one is sending it. */
  leaseMs: 2 * MINUTE_MS,
  /** Posts one scheduler tick sends at most, so one tick stays short. */
  batchSize: 20,
} as const;

/** When to try again after the `failures`-th failure in a row, or null to give up. */
export function nextPostAttemptAt(failures: number, now: Date): Date | null {
  return nextAttempt(failures, now, POST_RETRY_POLICY);
}

export function postLeaseUntil(now: Date): Date {
  return new Date(now.getTime() + POST_RETRY.leaseMs);
}
