/**
 * Per-word typo correction against the words of the built-in entries, by edit distance with
 * swapped letters counting as one edit ("fellowhsip", "jounrals"), which trigram similarity in the
 * database scores too low to trust. Pure, and bounded: each unknown word is compared only with
 * known words of about its length, and a question has at most maxCorrectedWords of them corrected
 * (src/faq/search-tuning.ts).
 */
const MIN_LENGTH = 4;
/** The shortest word corrected to a shorter known word (for a letter typed twice or in excess). */
const MIN_LENGTH_TO_SHORTEN = 6;

export interface Vocabulary {
  /** Known words, with how many entries use each (the tie-break between equally close words). */
  counts: ReadonlyMap<string, number>;
  byLength: ReadonlyMap<number, readonly string[]>;
}

export function buildVocabulary(texts: Iterable<string>, alsoKnown: Iterable<string> = []): Vocabulary {
  const counts = new Map<string, number>();
  for (const text of texts) {
    for (const word of new Set(text.split(' '))) {
      if (word) counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
  // Known but never a correction: members' terms and stop words.
  for (const word of alsoKnown) if (!counts.has(word)) counts.set(word, 0);
  const byLength = new Map<number, string[]>();
  for (const [word, count] of counts) {
    if (count === 0 || word.length < MIN_LENGTH || /\d/.test(word)) continue;
    const list = byLength.get(word.length) ?? [];
    list.push(word);
    byLength.set(word.length, list);
  }
  return { counts, byLength };
}

/** Edits a word of this length may be from the word meant: one, or two for long words. */
function allowedEdits(length: number): number {
  return length >= 9 ? 2 : 1;
}

/**
 * Optimal string alignment distance (Levenshtein plus adjacent swaps), or `limit + 1` as soon as it
 * must exceed `limit`.
 */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous2: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, (previous2[j - 2] ?? 0) + 1);
      }
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    previous2 = previous;
    previous = current;
  }
  return previous[b.length] ?? limit + 1;
}

/** Whether a word is one to look up: unknown, long enough, and without digits. */
export function isCorrectable(word: string, vocabulary: Vocabulary): boolean {
  return word.length >= MIN_LENGTH && !/\d/.test(word) && !vocabulary.counts.has(word);
}

/**
 * The known word a typed word was meant to be, or null: the word itself when known, too short,
 * holding digits, or with no known word close enough. Long words must keep their first letter,
 * so "apartment" never becomes "department".
 */
export function correctWord(word: string, vocabulary: Vocabulary): string | null {
  if (!isCorrectable(word, vocabulary)) return null;
  const limit = allowedEdits(word.length);
  // A short word a letter longer than a known one is usually another word ("movie" and "move",
  // "state" and "stat"): short words are corrected for a missing letter, never for an extra one.
  const shortest = word.length < MIN_LENGTH_TO_SHORTEN ? word.length : word.length - limit;
  let best: { word: string; distance: number; count: number } | null = null;
  for (let length = shortest; length <= word.length + limit; length++) {
    for (const known of vocabulary.byLength.get(length) ?? []) {
      // Long words keep their first letter; short ones their first or their second.
      if (known[0] !== word[0] && (limit > 1 || known[1] !== word[1])) continue;
      const distance = editDistance(word, known, limit);
      if (distance > limit) continue;
      const count = vocabulary.counts.get(known) ?? 0;
      if (!best || distance < best.distance || (distance === best.distance && count > best.count)) {
        best = { word: known, distance, count };
      }
    }
  }
  return best?.word ?? null;
}
