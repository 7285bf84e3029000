import type { FaqSuggestionRow } from '../db/queries/faqs.ts';
import { queryTerms } from './query-text.ts';

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
/** A word in an entry's tags counts this much of one in its question or aliases (as in the search). */
const TAG_WEIGHT = 0.8;
/**
 * Share of the score from the rarity-weighted words found; the rest is how much of the question (or
 * an alias) the query's words make up. The search splits its score the same way.
 */
const COVERAGE_SHARE = 0.6;
/** Entries found whose question and aliases are compared with the query, best coarse scores first. */
const RESCORE_POOL = 50;
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
function lowerBound(list: readonly string[], value: string, key: (item: string) => string = (item) => item) {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (key(list[middle] as string) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The smallest string above every string starting with `prefix` ([a-z0-9 ] only, not empty). */
function pastPrefix(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
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
  const rawWords = new Set<string>();
  const push = (map: Map<string, number[]>, key: string, position: number) => {
    const list = map.get(key);
    if (!list) map.set(key, [position]);
    else if (list[list.length - 1] !== position) list.push(position);
  };
  let bytes = 0;
  sorted.forEach((row, position) => {
    bytes += ENTRY_OVERHEAD_BYTES + 2 * (row.slug.length + row.question.length + row.questionKey.length);
    const words = row.questionKey.split(' ').filter((word) => word !== '');
    for (const alias of row.aliasKeys) {
      if (alias === '') continue;
      push(byAlias, alias, position);
      bytes += 2 * alias.length + 16;
      words.push(...alias.split(' '));
    }
    const stems = new Set(words.map(lightStem));
    for (const stem of stems) push(inText, stem, position);
    const tagStems = row.tags.flatMap((tag) => tag.split(/[^a-z0-9]+/)).filter((word) => word !== '');
    for (const word of tagStems) push(inTags, lightStem(word), position);
    for (const word of [...words, ...tagStems]) rawWords.add(word);
    bytes += 4 * (stems.size + tagStems.length);
  });
  // Positions were pushed in order, so each list of entries is sorted.
  const packed = (map: Map<string, number[]>) =>
    new Map([...map].map(([stem, list]) => [stem, Int32Array.from(list)] as const));
  const textPostings = packed(inText);
  const tagPostings = packed(inTags);
  const words = [...rawWords].sort();
  for (const word of words) bytes += WORD_OVERHEAD_BYTES + 2 * word.length;

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
    const to = Math.min(lowerBound(words, pastPrefix(word)), from + MAX_PREFIX_WORDS);
    return [...new Set(words.slice(from, to).map(lightStem))];
  }

  /** Each entry holding one of the stems once, with the weight of its best field. */
  function forEachHolder(stems: readonly string[], visit: (position: number, fieldWeight: number) => void) {
    stamp++;
    for (const [postings, fieldWeight] of [
      [textPostings, 1],
      [tagPostings, TAG_WEIGHT],
    ] as const) {
      for (const stem of stems) {
        for (const position of postings.get(stem) ?? []) {
          if (seenFor[position] === stamp) continue;
          seenFor[position] = stamp;
          visit(position, fieldWeight);
        }
      }
    }
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
      const to = start === '' ? keys.length : lowerBound(keys, pastPrefix(start));
      const exact = [...(byAlias.get(start) ?? [])];
      for (let position = from; position < to && keys[position] === start; position++) exact.push(position);
      for (const position of exact.sort((a, b) => a - b)) take(position, true);
      for (let position = from; position < to && found.length < limit; position++) take(position, false);
      return found;
    },
    wordMatches(normalized, limit, { prefixLastWord = false } = {}) {
      const touched: number[] = [];
      const queryStems = new Set<string>();
      let totalWeight = 0;
      let allWordsKnown = true;
      for (const term of queryTerms(normalized, { prefixLastWord })) {
        const stems = stemsFor(term.word, term.prefix);
        let holding = 0;
        forEachHolder(stems, () => holding++);
        // Rarer words say more about which entry is meant.
        const weight = term.weight * Math.log(1 + entries.length / Math.max(holding, 1));
        totalWeight += weight;
        if (holding === 0) {
          if (term.typed) allWordsKnown = false;
          continue;
        }
        for (const stem of stems) queryStems.add(stem);
        forEachHolder(stems, (position, fieldWeight) => {
          if (scores[position] === 0) touched.push(position);
          scores[position] = (scores[position] as number) + weight * fieldWeight;
          if (term.typed && !term.corrected) literal[position] = 1;
        });
      }
      // As the search does: a coarse score for every entry found, the costlier one for the best few.
      const pool = topPositions(touched, scores, Math.max(limit, RESCORE_POOL));
      const shortLastWord = prefixLastWord ? unfinishedShortWord(normalized) : null;
      for (const position of pool) {
        const entry = entries[position] as Entry;
        const started = shortLastWord !== null && ` ${entry.questionKey}`.includes(` ${shortLastWord}`);
        scores[position] =
          COVERAGE_SHARE * ((scores[position] as number) / Math.max(totalWeight, Number.EPSILON)) +
          (1 - COVERAGE_SHARE) * resemblance(entry, queryStems) +
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

/** The largest share of the question's, or of one alias's, words that the query holds. */
function resemblance(entry: Entry, queryStems: ReadonlySet<string>): number {
  let best = 0;
  for (const text of [entry.questionKey, ...entry.aliasKeys]) {
    const stems = new Set(text.split(' ').map(lightStem));
    let held = 0;
    for (const stem of stems) if (queryStems.has(stem)) held++;
    best = Math.max(best, held / stems.size);
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
