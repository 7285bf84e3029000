import { readFileSync } from 'node:fs';
import { stemmer } from 'stemmer';
import { z } from 'zod';
import { normalizeText, type QueryTerm, queryTerms } from './query-text.ts';
import { FAQ_SEARCH_TUNING } from './search-tuning.ts';

const phrasingsSchema = z.object({
  about: z.string(),
  phrasings: z.record(z.string().min(1), z.array(z.string().min(1)).min(1)),
});

/** What members write when an entry is the one they need (member-phrasings.json), by entry slug. */
export function loadMemberPhrasings(): Readonly<Record<string, readonly string[]>> {
  return phrasingsSchema.parse(
    JSON.parse(readFileSync(new URL('./member-phrasings.json', import.meta.url), 'utf8')),
  ).phrasings;
}

/**
 * A naive Bayes model of which words members use for which entry, counted from their phrasings:
 * for each entry, in how many of its phrasings each word stem appears.
 */
export interface PhrasingModel {
  wordsByEntry: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** All word occurrences counted for an entry: the denominator of its word probabilities. */
  totalByEntry: ReadonlyMap<string, number>;
  /** Every stem some phrasing uses. */
  vocabulary: ReadonlySet<string>;
}

interface WeightedStem {
  stem: string;
  weight: number;
}

/**
 * The stems of what the search reads of a text: its content words, typos corrected, members'
 * terms with the FAQ's words for them. Phrasings and questions go through the same reading.
 */
function stemsOf(terms: readonly QueryTerm[]): WeightedStem[] {
  const byStem = new Map<string, number>();
  for (const term of terms) {
    const stem = stemmer(term.word);
    byStem.set(stem, Math.max(byStem.get(stem) ?? 0, term.weight));
  }
  return [...byStem].map(([stem, weight]) => ({ stem, weight }));
}

export function buildPhrasingModel(phrasings: Readonly<Record<string, readonly string[]>>): PhrasingModel {
  const wordsByEntry = new Map<string, Map<string, number>>();
  const totalByEntry = new Map<string, number>();
  const vocabulary = new Set<string>();
  for (const [slug, texts] of Object.entries(phrasings)) {
    const words = new Map<string, number>();
    let total = 0;
    for (const text of texts) {
      for (const { stem, weight } of stemsOf(queryTerms(normalizeText(text)))) {
        words.set(stem, (words.get(stem) ?? 0) + weight);
        total += weight;
        vocabulary.add(stem);
      }
    }
    wordsByEntry.set(slug, words);
    totalByEntry.set(slug, total);
  }
  return { wordsByEntry, totalByEntry, vocabulary };
}

/**
 * For each entry of the model, how likely it is the one a question asks for (the shares add up to
 * 1), from the question's words (its queryTerms) the phrasings use; every entry is equally likely
 * beforehand. Empty when no word of the question appears in any phrasing.
 */
export function entryLikelihoods(model: PhrasingModel, terms: readonly QueryTerm[]): Map<string, number> {
  const smoothing = FAQ_SEARCH_TUNING.phrasingSmoothing;
  const stems = stemsOf(terms).filter(({ stem }) => model.vocabulary.has(stem));
  if (stems.length === 0) return new Map();
  const logLikelihoods = new Map<string, number>();
  for (const [slug, words] of model.wordsByEntry) {
    const denominator = (model.totalByEntry.get(slug) ?? 0) + smoothing * model.vocabulary.size;
    let sum = 0;
    for (const { stem, weight } of stems)
      sum += weight * Math.log(((words.get(stem) ?? 0) + smoothing) / denominator);
    logLikelihoods.set(slug, sum);
  }
  // Shares through the largest, so the exponentials of long questions stay representable.
  const largest = Math.max(...logLikelihoods.values());
  let total = 0;
  for (const value of logLikelihoods.values()) total += Math.exp(value - largest);
  return new Map([...logLikelihoods].map(([slug, value]) => [slug, Math.exp(value - largest) / total]));
}

let builtInModel: PhrasingModel | undefined;

/** The model of the built-in entries' phrasings, built on first use (or at start, warmUpQueryText). */
export function builtInPhrasingModel(): PhrasingModel {
  builtInModel ??= buildPhrasingModel(loadMemberPhrasings());
  return builtInModel;
}
