import { faqSynonyms } from './synonyms.ts';

/** Discord caps the /faq question option at this length; longer input is cut, never refused. */
export const MAX_QUERY_LENGTH = 200;
const MAX_WORDS = 40;
const MAX_WORD_LENGTH = 30;
const MAX_TERMS = 32;
const MIN_PREFIX_LENGTH = 3;
/** How much a word added by the synonym list counts next to a word the member typed. */
const SYNONYM_WEIGHT = 0.5;

/**
 * Lower-case letters and digits separated by single spaces: the same rule as the database function
 * faq_normalize, so exact-alias and prefix comparisons agree on both sides. Whatever the input
 * (quotes, operators, SQL, emoji), the result only ever holds [a-z0-9 ].
 */
export function normalizeText(text: string): string {
  return text
    .slice(0, MAX_QUERY_LENGTH * 2)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export interface QueryTerm {
  /** A word of [a-z0-9] only, safe to hand to to_tsquery. */
  word: string;
  weight: number;
  /** Typed by the member (may be corrected for typos) rather than added from the synonym list. */
  typed: boolean;
  /** The word the member is still typing (autocomplete): matched as a prefix, never corrected. */
  prefix: boolean;
}

const synonymsByKey = new Map(
  Object.entries(faqSynonyms).map(([key, expansion]) => [normalizeText(key), normalizeText(expansion)]),
);
const longestSynonymKey = Math.max(...[...synonymsByKey.keys()].map((key) => key.split(' ').length));

/**
 * The words to search for: what the member typed, plus expansions of abbreviations they used. With
 * `prefixLastWord` (autocomplete), the last word may be unfinished and is matched as a prefix.
 */
export function queryTerms(normalized: string, { prefixLastWord = false } = {}): QueryTerm[] {
  const words = normalized
    .split(' ')
    .filter((word) => word.length > 0)
    .slice(0, MAX_WORDS)
    .map((word) => word.slice(0, MAX_WORD_LENGTH));
  const terms = new Map<string, QueryTerm>();
  const add = (word: string, weight: number, typed: boolean, prefix = false) => {
    const existing = terms.get(word);
    if (!existing || existing.weight < weight || prefix) terms.set(word, { word, weight, typed, prefix });
  };
  for (let index = 0; index < words.length; index++) {
    for (let length = Math.min(longestSynonymKey, words.length - index); length >= 1; length--) {
      const phrase = words.slice(index, index + length).join(' ');
      const expansion = synonymsByKey.get(phrase);
      if (!expansion) continue;
      for (const word of expansion.split(' ')) add(word, SYNONYM_WEIGHT, false);
      break;
    }
    const word = words[index];
    const unfinished = prefixLastWord && index === words.length - 1 && word !== undefined;
    // A last word of one or two letters is too short to match as a prefix (it would match nearly
    // everything) and, as a whole word, usually matches nothing ("research f"): while typing it
    // is left out, unless it is all there is.
    if (unfinished && word.length < MIN_PREFIX_LENGTH && words.length > 1) continue;
    if (word) add(word, 1, true, unfinished && word.length >= MIN_PREFIX_LENGTH);
  }
  return [...terms.values()]
    .sort((a, b) => Number(b.typed) - Number(a.typed) || b.weight - a.weight)
    .slice(0, MAX_TERMS);
}
