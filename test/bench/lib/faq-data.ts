import { readdirSync, readFileSync } from 'node:fs';
import { z } from 'zod';

const fixtures = new URL('../../fixtures/', import.meta.url);

const labelledSchema = z.array(
  z.object({
    query: z.string().min(1),
    /** null: on topic, but no entry answers it (the writer's label); the closest entry is expected. */
    slug: z.string().min(1).nullable(),
    kind: z.string().default('unknown'),
  }),
);

export type LabelledQuery = z.output<typeof labelledSchema>[number];

const readFixture = (name: string): unknown => JSON.parse(readFileSync(new URL(name, fixtures), 'utf8'));

/** The labelled questions the /faq helper wrote (test/fixtures/faq-labelled*.json), all files together. */
export function labelledQueries(): LabelledQuery[] {
  const files = readdirSync(fixtures).filter((name) => /^faq-labelled.*\.json$/.test(name));
  if (files.length === 0) throw new Error('no test/fixtures/faq-labelled*.json yet');
  return files.flatMap((name) => labelledSchema.parse(readFixture(name)));
}

export interface LabelledSet {
  name: string;
  items: LabelledQuery[];
  /** Never looked at while tuning: only aggregate figures may be shown, never its questions. */
  heldOut: boolean;
}

/**
 * The sets relevance is measured on: the project's own labelled questions (the search was tuned to
 * them), and the questions written from the guide by someone who never saw the entries, split once
 * into a dev half (tuned on) and a held-out half (only ever measured).
 */
export function labelledSets(): LabelledSet[] {
  return [
    { name: 'project labelled set', items: labelledQueries(), heldOut: false },
    {
      name: 'independent dev half',
      items: labelledSchema.parse(readFixture('faq-independent-dev.json')),
      heldOut: false,
    },
    {
      name: 'independent held-out half',
      items: labelledSchema.parse(readFixture('faq-independent-heldout.json')),
      heldOut: true,
    },
  ];
}

export interface OffTopicSet {
  name: string;
  items: string[];
  heldOut: boolean;
}

/** Questions the FAQ must turn away: the original 16, and the independent writer's two halves. */
export function offTopicSets(): OffTopicSet[] {
  const questions = z.array(z.string());
  return [
    {
      name: 'original off-topic',
      items: questions.parse(readFixture('faq-unanswerable.json')),
      heldOut: false,
    },
    {
      name: 'independent off-topic dev',
      items: questions.parse(readFixture('faq-offtopic-dev.json')),
      heldOut: false,
    },
    {
      name: 'independent off-topic held-out',
      items: questions.parse(readFixture('faq-offtopic-heldout.json')),
      heldOut: true,
    },
  ];
}
