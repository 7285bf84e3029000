/** Pure timing decisions of the pitfall reminder schedule; the scheduler task does the I/O. */
import { backoffMs, REMINDER_RETRY } from '../scheduler/backoff.ts';
import { HOUR_MS, MINUTE_MS } from '../time.ts';

/** Bounds of `/config reminders every_hours` (one hour to thirty days), enforced on both sides. */
export const REMINDER_INTERVAL_HOURS = { min: 1, max: 720, default: 168 } as const;

/**
 * How long a claimed reminder stays reserved for the process that claimed it. Long enough for
 * @discordjs/rest to ride out rate limits and its own retries; if a process dies mid-post, another
 * one picks the reminder up once the lease has passed.
 */
export const REMINDER_LEASE_MS = 10 * MINUTE_MS;

/** Guilds claimed per tick; the rest stay due and are claimed on the next tick (or by another process). */
export const REMINDER_BATCH_SIZE = 25;

export function isDue(nextRunAt: Date | null, now: Date): boolean {
  return nextRunAt !== null && nextRunAt.getTime() <= now.getTime();
}

/**
 * When to post after a successful post. Keeps the cadence of the slot that was due (no drift from
 * tick delays), but after downtime of a whole interval or more it counts from now: one post, not
 * a burst of catch-up posts.
 */
export function nextRunAfterPost(dueAt: Date, postedAt: Date, everyHours: number): Date {
  const interval = everyHours * HOUR_MS;
  const onCadence = dueAt.getTime() + interval;
  return new Date(onCadence > postedAt.getTime() ? onCadence : postedAt.getTime() + interval);
}

/** Wait before retrying after `failures` failed attempts in a row: 1, 2, 4 … minutes, at most an hour. */
export function retryBackoffMs(failures: number): number {
  return backoffMs(failures, REMINDER_RETRY);
}

interface ReminderScheduleState {
  channelId: string | null;
  nextRunAt: Date | null;
  /** Why the last post failed, if it did. */
  problem: string | null;
}

/**
 * First run after a moderator turns reminders on or changes them. Turning them on, moving them to
 * another channel, or fixing a recorded problem posts within a tick, so the moderator sees at once
 * that posting works. Changing only the interval keeps the scheduled post unless the new interval
 * brings it closer.
 */
export function firstRunAfterConfigure(
  current: ReminderScheduleState | null,
  change: { channelId: string; everyHours: number },
  now: Date,
): Date {
  if (
    current === null ||
    current.nextRunAt === null ||
    current.channelId !== change.channelId ||
    current.problem !== null
  ) {
    return now;
  }
  const sooner = now.getTime() + change.everyHours * HOUR_MS;
  return new Date(Math.min(current.nextRunAt.getTime(), sooner));
}
