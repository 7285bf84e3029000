import { MINUTE_MS } from '../time.ts';

/** How a post that Discord refused is retried: exponential backoff, then give up. */
export const POST_RETRY = {
  firstDelayMs: MINUTE_MS,
  maxDelayMs: 60 * MINUTE_MS,
  /** After this many failures in a row (about six hours) the opening stays listed but is not posted. */
  maxAttempts: 12,
  /** How long a claimed post is left alone by other processes while one is sending it. */
  leaseMs: 2 * MINUTE_MS,
  /** Posts one scheduler tick sends at most, so one tick stays short. */
  batchSize: 20,
} as const;

/** When to try again after the `failures`-th failure in a row, or null to give up. */
export function nextPostAttemptAt(failures: number, now: Date): Date | null {
  if (failures >= POST_RETRY.maxAttempts) return null;
  const delay = Math.min(POST_RETRY.firstDelayMs * 2 ** Math.max(0, failures - 1), POST_RETRY.maxDelayMs);
  return new Date(now.getTime() + delay);
}

export function postLeaseUntil(now: Date): Date {
  return new Date(now.getTime() + POST_RETRY.leaseMs);
}
