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

export interface RecentOpening {
  id: number;
  title: string;
  institution: string;
  createdAt: Date;
}

export type PostingRefusal =
  | { reason: 'rate_limited'; allowedAgainAt: Date }
  | { reason: 'duplicate'; existingId: number };

/** How titles and institutions are compared for duplicates: case and spacing do not matter. */
function comparable(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLocaleLowerCase('en-US');
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
    const duplicate = recent.find(
      (opening) =>
        opening.createdAt.getTime() > duplicateStart &&
        comparable(opening.title) === comparable(candidate.title) &&
        comparable(opening.institution) === comparable(candidate.institution),
    );
    if (duplicate) return { reason: 'duplicate', existingId: duplicate.id };
  }
  return null;
}
