import { readFileSync } from 'node:fs';
import { z } from 'zod';

const vocabularySchema = z.object({
  about: z.string(),
  terms: z.record(z.string().min(1), z.string().min(1)),
  translations: z.record(z.string().min(1), z.string().min(1)),
  filler: z.array(z.string().min(1)),
  topic: z.array(z.string().min(1)),
});

export type MemberVocabulary = z.output<typeof vocabularySchema>;

/** The members' vocabulary (member-vocabulary.json): one reviewed data file, read once at start. */
export const memberVocabulary: MemberVocabulary = vocabularySchema.parse(
  JSON.parse(readFileSync(new URL('./member-vocabulary.json', import.meta.url), 'utf8')),
);
