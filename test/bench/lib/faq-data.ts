import { readdirSync, readFileSync } from 'node:fs';
import { z } from 'zod';

const fixtures = new URL('../../fixtures/', import.meta.url);

const labelledSchema = z.array(
  z.object({ query: z.string().min(1), slug: z.string().min(1), kind: z.string().default('unknown') }),
);

export type LabelledQuery = z.output<typeof labelledSchema>[number];

/** The labelled questions the /faq helper wrote (test/fixtures/faq-labelled*.json), all files together. */
export function labelledQueries(): LabelledQuery[] {
  const files = readdirSync(fixtures).filter((name) => /^faq-labelled.*\.json$/.test(name));
  if (files.length === 0) throw new Error('no test/fixtures/faq-labelled*.json yet');
  return files.flatMap((name) =>
    labelledSchema.parse(JSON.parse(readFileSync(new URL(name, fixtures), 'utf8'))),
  );
}
