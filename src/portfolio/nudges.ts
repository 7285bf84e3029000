import { DAY_MS, HOUR_MS, MINUTE_MS } from '../time.ts';
import type { PortfolioStatus } from './catalog.ts';

const WEEK_MS = 7 * DAY_MS;

/** How long an item may sit in a status before a nudge asks about it. */
export const STALE_AFTER_WEEKS: Partial<Readonly<Record<PortfolioStatus, number>>> = {
  in_preparation: 8,
  writing: 8,
  data_collection: 8,
  submitted: 12,
};

export const SNOOZE_MS = 4 * WEEK_MS;
/** At most one nudge a week per member. */
export const NUDGE_INTERVAL_MS = WEEK_MS;
/** With nothing stale, the member is looked at again a day later. */
export const NOTHING_DUE_RECHECK_MS = DAY_MS;
/** After a failure that may pass, the next try. */
export const NUDGE_RETRY_MS = HOUR_MS;
/** A claimed member is the claimer's for this long; after that another process may take it. */
export const NUDGE_LEASE_MS = 5 * MINUTE_MS;
export const NUDGE_BATCH_SIZE = 20;
/** Items named in one message: each gets a row of buttons, and Discord allows five rows. */
export const ITEMS_PER_NUDGE = 5;

export interface NudgeCandidate {
  id: number;
  status: PortfolioStatus;
  /** YYYY-MM-DD */
  statusSince: string;
  nudgeSnoozedUntil: Date | null;
}

/** Whether the item has sat in its status long enough to ask about, and is not snoozed. */
export function isStale(item: NudgeCandidate, now: Date): boolean {
  const weeks = STALE_AFTER_WEEKS[item.status];
  if (weeks === undefined) return false;
  if (item.nudgeSnoozedUntil && item.nudgeSnoozedUntil > now) return false;
  const since = new Date(`${item.statusSince}T00:00:00Z`).getTime();
  return now.getTime() - since >= weeks * WEEK_MS;
}

/** The stale items a nudge names, the longest-waiting first. */
export function itemsToNudge<T extends NudgeCandidate>(items: readonly T[], now: Date): T[] {
  return items
    .filter((item) => isStale(item, now))
    .sort((a, b) => a.statusSince.localeCompare(b.statusSince) || a.id - b.id)
    .slice(0, ITEMS_PER_NUDGE);
}

/**
 * When to look at a member again: a week after a nudge went out (never two in one week), a day
 * later when nothing was stale.
 */
export function nextCheckAfter(outcome: 'sent' | 'nothing-due' | 'retry', now: Date): Date {
  const wait =
    outcome === 'sent'
      ? NUDGE_INTERVAL_MS
      : outcome === 'nothing-due'
        ? NOTHING_DUE_RECHECK_MS
        : NUDGE_RETRY_MS;
  return new Date(now.getTime() + wait);
}

/**
 * When a user who got a nudge at `lastSentAt` may get the next one: now, unless that was less than
 * a week ago. Also where a member who turns nudges on is first looked at.
 */
export function nextNudgeAllowedAt(lastSentAt: Date | null, now: Date): Date {
  if (lastSentAt && now.getTime() - lastSentAt.getTime() < NUDGE_INTERVAL_MS) {
    return new Date(lastSentAt.getTime() + NUDGE_INTERVAL_MS);
  }
  return now;
}
