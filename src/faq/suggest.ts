import type { FaqListRow } from '../db/queries/faqs.ts';
import type { FaqSearchRow } from './search.ts';

export type SuggestionTier = 'exact' | 'prefix' | 'full-text' | 'fuzzy';

export interface Suggestion {
  slug: string;
  question: string;
  tier: SuggestionTier;
}

const TIER_ORDER: Record<SuggestionTier, number> = { exact: 0, prefix: 1, 'full-text': 2, fuzzy: 3 };

/**
 * Orders autocomplete suggestions: an exact question or alias first, then questions starting with
 * the text, then full-text matches of the words as typed, then matches found only after correcting
 * a typo. Within a tier the order of each source is kept (alphabetical, or by score). Each entry
 * appears once, in its best tier.
 */
export function rankSuggestions(
  startMatches: ReadonlyArray<Pick<FaqListRow, 'slug' | 'question' | 'exact'>>,
  searchMatches: ReadonlyArray<Pick<FaqSearchRow, 'slug' | 'question' | 'literal'>>,
  limit: number,
): Suggestion[] {
  const candidates: Suggestion[] = [
    ...startMatches.map((row) => ({
      slug: row.slug,
      question: row.question,
      tier: row.exact ? ('exact' as const) : ('prefix' as const),
    })),
    ...searchMatches.map((row) => ({
      slug: row.slug,
      question: row.question,
      tier: row.literal ? ('full-text' as const) : ('fuzzy' as const),
    })),
  ];
  const best = new Map<string, Suggestion & { position: number }>();
  candidates.forEach((candidate, position) => {
    const existing = best.get(candidate.slug);
    if (!existing || TIER_ORDER[candidate.tier] < TIER_ORDER[existing.tier]) {
      best.set(candidate.slug, { ...candidate, position });
    }
  });
  return [...best.values()]
    .sort((a, b) => TIER_ORDER[a.tier] - TIER_ORDER[b.tier] || a.position - b.position)
    .slice(0, limit)
    .map(({ slug, question, tier }) => ({ slug, question, tier }));
}
