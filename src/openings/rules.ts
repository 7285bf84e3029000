import { createHash } from 'node:crypto';
import { comparableText } from '../discord/safe-text.ts';
import { DAY_MS } from '../time.ts';

/** Limits of the opening form; the same numbers go to Discord (max_length) and to the server check. */
export const FIELD_LIMITS = {
  title: { min: 5, max: 120 },
  institution: { min: 2, max: 120 },
  mentor: { min: 0, max: 120 },
  description: { min: 20, max: 1500 },
  contact: { min: 6, max: 200 },
} as const;

export const EXPIRY_DAYS = { min: 1, max: 90, default: 30 } as const;

/** Against spam: new openings per member in a rolling window, and how long a repeat counts as one. */
const POSTING_LIMIT = { max: 3, windowMs: DAY_MS } as const;
export const DUPLICATE_WINDOW_MS = 7 * DAY_MS;

export const LIST_PAGE_SIZE = 5;
/** Kept short so that the filters and the search text fit in a button's 100-character custom_id. */
export const QUERY_MAX_LENGTH = 60;
export const MAX_PAGE = 999;

export function expiryFrom(now: Date, days: number): Date {
  return new Date(now.getTime() + days * DAY_MS);
}

/** The moment a refused member may post again: when the oldest post in the window leaves it. */
function postingAllowedAgainAt(oldestInWindow: Date): Date {
  return new Date(oldestInWindow.getTime() + POSTING_LIMIT.windowMs);
}

/** An opening the member posted recently, as the spam rules see it (also one they deleted since). */
export interface RecentOpening {
  id: number;
  /** See `duplicateKey`. */
  duplicateKey: string;
  createdAt: Date;
}

export type PostingRefusal =
  | { reason: 'rate_limited'; allowedAgainAt: Date }
  | { reason: 'duplicate'; existingId: number }
  | { reason: 'too_new'; minDays: number; allowedAt: Date };

/** Bounds of `/config openings min_member_days`. */
export const MIN_MEMBER_DAYS = { min: 0, max: 365 } as const;

/**
 * Refuses a member who joined the server fewer than `minDays` days ago (moderators choose it
 * against throwaway accounts). Without a join date from Discord the member is refused too while a
 * minimum is set: the rule cannot be checked.
 */
export function newMemberRefusal(joinedAt: Date | null, minDays: number, now: Date): PostingRefusal | null {
  if (minDays <= 0) return null;
  const allowedAt = new Date((joinedAt ?? now).getTime() + minDays * DAY_MS);
  return joinedAt && allowedAt.getTime() <= now.getTime() ? null : { reason: 'too_new', minDays, allowedAt };
}

/**
 * What two openings share when one repeats the other: the same title and institution, whatever
 * the case, spacing, invisible characters or compatibility forms. A hash, so that it can outlive
 * a deleted opening's text.
 */
export function duplicateKey(opening: { title: string; institution: string }): string {
  return createHash('sha256')
    .update(`${comparableText(opening.title)}\n${comparableText(opening.institution)}`)
    .digest('base64url');
}

/**
 * Why a member may not post this opening now, or null. `recent` is the member's openings in this
 * guild created within the duplicate window (the longer of the two windows); without a candidate
 * only the rate limit is checked (before the form is shown).
 */
export function postingRefusal(
  recent: readonly RecentOpening[],
  now: Date,
  candidate?: { title: string; institution: string },
): PostingRefusal | null {
  const windowStart = now.getTime() - POSTING_LIMIT.windowMs;
  const inWindow = recent
    .filter((opening) => opening.createdAt.getTime() > windowStart)
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const oldest = inWindow[0];
  if (inWindow.length >= POSTING_LIMIT.max && oldest) {
    return { reason: 'rate_limited', allowedAgainAt: postingAllowedAgainAt(oldest.createdAt) };
  }
  if (candidate) {
    const duplicateStart = now.getTime() - DUPLICATE_WINDOW_MS;
    const key = duplicateKey(candidate);
    const duplicate = recent.find(
      (opening) => opening.createdAt.getTime() > duplicateStart && opening.duplicateKey === key,
    );
    if (duplicate) return { reason: 'duplicate', existingId: duplicate.id };
  }
  return null;
}
