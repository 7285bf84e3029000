import { MINUTE_MS } from '../time.ts';

/** How a failed post to a channel is retried: exponential backoff, and when to give up. */
export interface RetryPolicy {
  firstDelayMs: number;
  maxDelayMs: number;
  /** After this many failures in a row the bot stops retrying; Infinity never stops. */
  maxAttempts: number;
}

/** Pitfall reminders keep trying (a moderator turns them off); 1, 2, 4 … minutes, at most an hour. */
export const REMINDER_RETRY: RetryPolicy = {
  firstDelayMs: MINUTE_MS,
  maxDelayMs: 60 * MINUTE_MS,
  maxAttempts: Number.POSITIVE_INFINITY,
};

/** Opening posts: the same curve, given up after 12 failures in a row (about six hours). */
export const POST_RETRY_POLICY: RetryPolicy = { ...REMINDER_RETRY, maxAttempts: 12 };

/** The wait before the next try after the `failures`-th failure in a row. */
export function backoffMs(failures: number, policy: RetryPolicy): number {
  const exponent = Math.max(0, Math.min(failures - 1, 30));
  return Math.min(policy.firstDelayMs * 2 ** exponent, policy.maxDelayMs);
}

/** When to try again after the `failures`-th failure in a row, or null to give up. */
export function nextAttempt(failures: number, now: Date, policy: RetryPolicy): Date | null {
  if (failures >= policy.maxAttempts) return null;
  return new Date(now.getTime() + backoffMs(failures, policy));
}
