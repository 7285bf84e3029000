import { type FaqSuggestionRow, upperBound } from '../db/queries/faqs.ts';
import { queryTerms } from './query-text.ts';
import { FAQ_SEARCH_TUNING } from './search-tuning.ts';
import { editDistance } from './typos.ts';

/** One suggestion the index found: as rankSuggestions takes question-start and search rows. */
export interface IndexedStart {
  slug: string;
  question: string;
  /** What was typed is exactly the question or one of the aliases. */
  exact: boolean;
}

export interface IndexedMatch {
  slug: string;
  question: string;
  /** Found with a word as typed, not only with one corrected for a typo. */
  literal: boolean;
}

/**
 * The entries one guild sees, held for its autocomplete: what a keystroke needs is a binary search
 * and a walk over a few lists of entry numbers, with no database work. Built from one read; never
 * changed afterwards (a change to the guild's FAQ builds a new one).
 */
export interface SuggestionIndex {
  readonly entryCount: number;
  /** Rough heap it holds, counted as the FAQ reads cache counts its entries. */
  readonly bytes: number;
  /**
   * Entries whose question starts with `start` (normalizeText's form), and those with an alias
   * equal to it: exact ones first, then by question, as listFaqsByQuestionStart orders them.
   */
  questionStarts(start: string, limit: number): IndexedStart[];
  /**
   * Entries holding the typed words (the last one as a prefix with `prefixLastWord`), members'
   * terms and corrected typos as the search reads them: the most and rarest words first, then by
   * question. `allWordsKnown` is false when a typed word is in no entry's question, aliases or tags
   * (a typo, or a word only an answer uses): the full search should rank then.
   */
  wordMatches(
    normalized: string,
    limit: number,
    options?: { prefixLastWord?: boolean },
  ): { matches: IndexedMatch[]; allWordsKnown: boolean };
}

/** Heap of one entry beyond its text: the object, its arrays, their slots. */
const ENTRY_OVERHEAD_BYTES = 160;
/** Heap of one distinct word beyond its text: its slot in the sorted list and its list of entries. */
const WORD_OVERHEAD_BYTES = 120;
/** A prefix of a few letters may start thousands of words; beyond this many it adds only work. */
const MAX_PREFIX_WORDS = 400;
/**
 * The entries the words finding candidates may hold together (the search's budget for its index
 * scan): a guild's FAQ stays far below it, so every word finds entries there.
 */
const MATCH_BUDGET = FAQ_SEARCH_TUNING.indexMatchBudget;
/** A lookup in a list of entries (a binary search) costs about this many steps of a walk through one. */
const LOOKUP_COST = 20;
/** A word in an entry's tags counts this much of one in its question or aliases: the search's B weight over its A. */
const TAG_WEIGHT = FAQ_SEARCH_TUNING.rankWeights[2] / FAQ_SEARCH_TUNING.rankWeights[3];
/**
 * Share of the score from the rarity-weighted words found; the rest is how much of the question (or
 * an alias) the query's words make up: the search's own split.
 */
const COVERAGE_SHARE = FAQ_SEARCH_TUNING.coverageShare;
/** In the resemblance, the weight of the share of the typed words held, beside the share of the text. */
const QUERY_SHARE = 0.75;
/** Entries found whose question and aliases are compared with the query, best coarse scores first. */
const RESCORE_POOL = 50;
/** Shorter typed words are too likely to be one slip from a word meant otherwise. */
const MIN_CORRECTED_LENGTH = 4;
/** Words compared with a misspelt one, at most: the first-letter slice of a huge FAQ is long. */
const MAX_CORRECTION_CANDIDATES = 5_000;
/** For a question holding a word that starts with the short unfinished last word. */
const SHORT_WORD_BONUS = 0.1;

interface Entry {
  slug: string;
  question: string;
  questionKey: string;
  aliasKeys: readonly string[];
}

/**
 * The word with a plain English ending taken off, so "publication" finds "publications" and
 * "matching" finds "match". Deliberately light: the full search stems properly; this only has to
 * agree with itself, on the entries and on what is typed.
 */
export function lightStem(word: string): string {
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && word.endsWith('ed')) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

function byKeyThenId(a: FaqSuggestionRow, b: FaqSuggestionRow): number {
  if (a.questionKey !== b.questionKey) return a.questionKey < b.questionKey ? -1 : 1;
  return a.id - b.id;
}

/** The first position in the sorted `list` whose value is not below `value`. */
function lowerBound<T extends string | number>(list: ArrayLike<T>, value: T): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((list[middle] as T) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

export function buildSuggestionIndex(rows: readonly FaqSuggestionRow[]): SuggestionIndex {
  const sorted = [...rows].sort(byKeyThenId);
  const entries: Entry[] = sorted.map(({ slug, question, questionKey, aliasKeys }) => ({
    slug,
    question,
    questionKey,
    aliasKeys: aliasKeys.filter((alias) => alias !== ''),
  }));
  const keys = entries.map((entry) => entry.questionKey);
  const byAlias = new Map<string, number[]>();
  const inText = new Map<string, number[]>();
  const inTags = new Map<string, number[]>();
  const push = (map: Map<string, number[]>, key: string, position: number) => {
    const list = map.get(key);
    if (!list) map.set(key, [position]);
    else if (list[list.length - 1] !== position) list.push(position);
  };
  // Entries share most of their words: each is stemmed once.
  const stemOf = new Map<string, string>();
  const stemmed = (word: string) => {
    let stem = stemOf.get(word);
    if (stem === undefined) {
      stem = lightStem(word);
      stemOf.set(word, stem);
    }
    return stem;
  };
  // Text of [a-z0-9 ] is stored one byte a character.
  let bytes = 0;
  sorted.forEach((row, position) => {
    bytes += ENTRY_OVERHEAD_BYTES + 2 * row.question.length + row.slug.length + row.questionKey.length;
    const words = row.questionKey.split(' ');
    for (const alias of row.aliasKeys) {
      if (alias === '') continue;
      push(byAlias, alias, position);
      bytes += alias.length + 16;
      words.push(...alias.split(' '));
    }
    const stems = new Set<string>();
    for (const word of words) if (word !== '') stems.add(stemmed(word));
    for (const stem of stems) push(inText, stem, position);
    const tagWords = row.tags.flatMap((tag) => tag.split(/[^a-z0-9]+/)).filter((word) => word !== '');
    for (const word of tagWords) push(inTags, stemmed(word), position);
    bytes += 4 * (stems.size + tagWords.length);
  });
  // Positions were pushed in order, so each list of entries is sorted.
  const packed = (map: Map<string, number[]>) =>
    new Map([...map].map(([stem, list]) => [stem, Int32Array.from(list)] as const));
  const textPostings = packed(inText);
  const tagPostings = packed(inTags);
  // Each field's postings with the weight of a word found there; made once, read on every keystroke.
  const fields = [
    [textPostings, 1],
    [tagPostings, TAG_WEIGHT],
  ] as const;
  const words = [...stemOf.keys()].sort();
  for (const word of words) bytes += WORD_OVERHEAD_BYTES + word.length;

  // Scratch space for one query at a time (queries run synchronously): what each entry has matched.
  const scores = new Float64Array(entries.length);
  const literal = new Uint8Array(entries.length);
  const seenFor = new Int32Array(entries.length);
  bytes += 13 * entries.length;
  let stamp = 0;

  /** The stems the term stands for: its own, or, for a prefix, those of every word starting so. */
  function stemsFor(word: string, prefix: boolean): string[] {
    if (!prefix) return [lightStem(word)];
    const from = lowerBound(words, word);
    const to = Math.min(lowerBound(words, upperBound(word)), from + MAX_PREFIX_WORDS);
    return [...new Set(words.slice(from, to).map((known) => stemOf.get(known) ?? known))];
  }

  /**
   * The guild's word one typing slip away from a typed word no entry holds (for the unfinished last
   * word, the start of one): the most common of them. Only words of the same first letter are
   * compared, which keeps it to a slice of the sorted list.
   */
  function nearestWord(typed: string, prefix: boolean): string | null {
    if (typed.length < MIN_CORRECTED_LENGTH || /[0-9]/.test(typed)) return null;
    const limit = typed.length >= 7 ? 2 : 1;
    const from = lowerBound(words, typed[0] as string);
    const to = Math.min(lowerBound(words, upperBound(typed[0] as string)), from + MAX_CORRECTION_CANDIDATES);
    let best: string | null = null;
    let bestHolding = 0;
    for (let at = from; at < to; at++) {
      const word = words[at] as string;
      const compared = prefix ? word.slice(0, typed.length) : word;
      if (Math.abs(compared.length - typed.length) > limit || editDistance(typed, compared, limit) > limit)
        continue;
      const holding = holders([stemOf.get(word) ?? word]);
      if (holding > bestHolding) {
        best = prefix ? compared : word;
        bestHolding = holding;
      }
    }
    return best;
  }

  /** How many entries hold one of the stems, about (an entry holding two counts twice). */
  function holders(stems: readonly string[]): number {
    let count = 0;
    for (const stem of stems)
      count += (textPostings.get(stem)?.length ?? 0) + (tagPostings.get(stem)?.length ?? 0);
    return Math.min(count, entries.length);
  }

  /** The weight of the best field of the entry holding one of the stems; 0 if none. */
  function heldBy(position: number, stems: readonly string[]): number {
    for (const [postings, fieldWeight] of fields) {
      for (const stem of stems) {
        const list = postings.get(stem);
        if (list && includesSorted(list, position)) return fieldWeight;
      }
    }
    return 0;
  }

  return {
    entryCount: entries.length,
    bytes,
    questionStarts(start, limit) {
      const found: IndexedStart[] = [];
      const taken = new Set<number>();
      const take = (position: number, exact: boolean) => {
        if (found.length >= limit || taken.has(position)) return;
        taken.add(position);
        const { slug, question } = entries[position] as Entry;
        found.push({ slug, question, exact });
      };
      const from = start === '' ? 0 : lowerBound(keys, start);
      const to = start === '' ? keys.length : lowerBound(keys, upperBound(start));
      const exact = [...(byAlias.get(start) ?? [])];
      for (let position = from; position < to && keys[position] === start; position++) exact.push(position);
      for (const position of exact.sort((a, b) => a - b)) take(position, true);
      for (let position = from; position < to && found.length < limit; position++) take(position, false);
      return found;
    },
    wordMatches(normalized, limit, { prefixLastWord = false } = {}) {
      const touched: number[] = [];
      const typedStems: Array<ReadonlySet<string>> = [];
      let totalWeight = 0;
      let allWordsKnown = true;
      const terms = queryTerms(normalized, { prefixLastWord })
        .map((term) => {
          const stems = stemsFor(term.word, term.prefix);
          const holding = holders(stems);
          const nearest = holding === 0 && term.typed ? nearestWord(term.word, term.prefix) : null;
          if (!nearest) return { ...term, stems, holding };
          const nearStems = stemsFor(nearest, term.prefix);
          return { ...term, corrected: true, stems: nearStems, holding: holders(nearStems) };
        })
        .sort((a, b) => a.holding - b.holding);
      // The rarest words find the entries, while the entries they hold stay within the budget: on a
      // huge FAQ, the common words ("ir", "research", "how") then only add to the score of those found.
      const finding = new Set<(typeof terms)[number]>();
      let budget = MATCH_BUDGET;
      for (const term of terms) {
        if (term.holding === 0) continue;
        if (finding.size > 0 && term.holding > budget) break;
        finding.add(term);
        budget -= term.holding;
      }
      for (const term of terms) {
        // Rarer words say more about which entry is meant.
        const weight = term.weight * Math.log(1 + entries.length / Math.max(term.holding, 1));
        totalWeight += weight;
        if (term.holding === 0) {
          // A short unknown word ("hw", "js", "dk") is a slip on a small word, seldom the one that matters.
          if (term.typed && term.word.length >= MIN_CORRECTED_LENGTH) allWordsKnown = false;
          continue;
        }
        if (term.typed) typedStems.push(new Set(term.stems));
        const asTyped = term.typed && !term.corrected;
        const finds = finding.has(term);
        if (!finds && touched.length * term.stems.length * LOOKUP_COST < term.holding) {
          // Fewer entries found than this word holds: each is looked up in its lists instead.
          for (const position of touched) {
            const fieldWeight = heldBy(position, term.stems);
            scores[position] = (scores[position] as number) + weight * fieldWeight;
            if (asTyped && fieldWeight > 0) literal[position] = 1;
          }
          continue;
        }
        stamp++;
        for (const [postings, fieldWeight] of fields) {
          for (const stem of term.stems) {
            const list = postings.get(stem);
            if (!list) continue;
            for (let at = 0; at < list.length; at++) {
              const position = list[at] as number;
              if (seenFor[position] === stamp) continue;
              seenFor[position] = stamp;
              if (scores[position] === 0) {
                // However common the only words typed, the entries found stay within the budget.
                if (!finds || touched.length >= MATCH_BUDGET) continue;
                touched.push(position);
              }
              scores[position] = (scores[position] as number) + weight * fieldWeight;
              if (asTyped) literal[position] = 1;
            }
          }
        }
      }
      // As the search does: a coarse score for every entry found, the costlier one for the best few.
      const pool = topPositions(touched, scores, Math.max(limit, RESCORE_POOL));
      const shortLastWord = prefixLastWord ? unfinishedShortWord(normalized) : null;
      for (const position of pool) {
        const entry = entries[position] as Entry;
        const started = shortLastWord !== null && ` ${entry.questionKey}`.includes(` ${shortLastWord}`);
        scores[position] =
          COVERAGE_SHARE * ((scores[position] as number) / Math.max(totalWeight, Number.EPSILON)) +
          (1 - COVERAGE_SHARE) * resemblance(entry, typedStems) +
          (started ? SHORT_WORD_BONUS : 0);
      }
      const matches = topPositions(pool, scores, limit).map((position) => {
        const { slug, question } = entries[position] as Entry;
        return { slug, question, literal: literal[position] === 1 };
      });
      for (const position of touched) {
        scores[position] = 0;
        literal[position] = 0;
      }
      return { matches, allWordsKnown };
    },
  };
}

/**
 * How closely the question, or one alias, says what was typed: mostly the share of the typed words
 * it holds, then the share of its own words they make up (a short alias holding them all is best).
 */
function resemblance(entry: Entry, typedStems: ReadonlyArray<ReadonlySet<string>>): number {
  if (typedStems.length === 0) return 0;
  let best = 0;
  for (const text of [entry.questionKey, ...entry.aliasKeys]) {
    const stems = new Set(text.split(' ').map(lightStem));
    let held = 0;
    for (const termStems of typedStems) {
      for (const stem of termStems) {
        if (!stems.has(stem)) continue;
        held++;
        break;
      }
    }
    best = Math.max(best, QUERY_SHARE * (held / typedStems.length) + (1 - QUERY_SHARE) * (held / stems.size));
  }
  return best;
}

/**
 * The last word while it is still one or two letters: too short for the search (which leaves it
 * out), but it still tells "research f" apart from "research p" among the entries found.
 */
function unfinishedShortWord(normalized: string): string | null {
  const words = normalized.split(' ');
  const last = words[words.length - 1] ?? '';
  return words.length > 1 && last.length > 0 && last.length < 3 ? last : null;
}
/** Whether the sorted list holds the value. */
function includesSorted(list: Int32Array, value: number): boolean {
  return list[lowerBound(list, value)] === value;
}

/** The `limit` positions of highest score, ties by position (the question's order), best first. */
function topPositions(touched: readonly number[], scores: Float64Array, limit: number): number[] {
  const before = (a: number, b: number) =>
    (scores[a] as number) > (scores[b] as number) || (scores[a] === scores[b] && a < b);
  const best: number[] = [];
  for (const position of touched) {
    if (best.length >= limit && !before(position, best[best.length - 1] as number)) continue;
    let at = best.length;
    while (at > 0 && before(position, best[at - 1] as number)) at--;
    best.splice(at, 0, position);
    if (best.length > limit) best.pop();
  }
  return best;
}
