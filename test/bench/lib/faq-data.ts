import { readdirSync, readFileSync } from 'node:fs';
import { z } from 'zod';

const fixtures = new URL('../../fixtures/', import.meta.url);

const labelledSchema = z.array(
  z.object({
    query: z.string().min(1),
    /** null: on topic, but no entry answers it (the writer's label); the closest entry is expected. */
    slug: z.string().min(1).nullable(),
    kind: z.string().default('unknown'),
    /**
     * A second labeller's reading of the same question, made without seeing the first label (the
     * independent writers' sets only): how often two careful readers pick the same entry is the
     * ceiling a top-1 figure can be read against.
     */
    secondLabel: z.object({ slug: z.string().min(1).nullable() }).optional(),
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

/** The name of the set holding every writer's held-out half: the targets are measured on it. */
export const ALL_HELD_OUT_HALVES = 'all held-out halves';

export interface LabelledSet {
  name: string;
  items: LabelledQuery[];
  /** Never looked at while tuning: only aggregate figures may be shown, never its questions. */
  heldOut: boolean;
}

/**
 * The sets relevance is measured on: the project's own labelled questions (the search was tuned to
 * them), and the questions three writers wrote from the guide without seeing the entries, each split
 * once into a dev half (tuned on) and a held-out half (only ever measured), plus all held-out
 * halves together.
 */
export function labelledSets(): LabelledSet[] {
  const read = (name: string) => labelledSchema.parse(readFixture(name));
  const heldOut = read('faq-independent-heldout.json');
  const heldOut2 = read('faq-independent2-heldout.json');
  const heldOut3 = read('faq-independent3-heldout.json');
  return [
    { name: 'project labelled set', items: labelledQueries(), heldOut: false },
    { name: 'independent dev half', items: read('faq-independent-dev.json'), heldOut: false },
    { name: 'independent held-out half', items: heldOut, heldOut: true },
    { name: 'second writer dev half', items: read('faq-independent2-dev.json'), heldOut: false },
    { name: 'second writer held-out half', items: heldOut2, heldOut: true },
    { name: 'third writer dev half', items: read('faq-independent3-dev.json'), heldOut: false },
    { name: 'third writer held-out half', items: heldOut3, heldOut: true },
    { name: ALL_HELD_OUT_HALVES, items: [...heldOut, ...heldOut2, ...heldOut3], heldOut: true },
  ];
}

export interface OffTopicSet {
  name: string;
  items: string[];
  heldOut: boolean;
}

/** Questions the FAQ must turn away: the original 16, and each independent writer's two halves. */
export function offTopicSets(): OffTopicSet[] {
  const questions = z.array(z.string());
  const read = (name: string) => questions.parse(readFixture(name));
  return [
    { name: 'original off-topic', items: read('faq-unanswerable.json'), heldOut: false },
    { name: 'independent off-topic dev', items: read('faq-offtopic-dev.json'), heldOut: false },
    { name: 'independent off-topic held-out', items: read('faq-offtopic-heldout.json'), heldOut: true },
    { name: 'second writer off-topic dev', items: read('faq-offtopic2-dev.json'), heldOut: false },
    { name: 'second writer off-topic held-out', items: read('faq-offtopic2-heldout.json'), heldOut: true },
    { name: 'third writer off-topic dev', items: read('faq-offtopic3-dev.json'), heldOut: false },
    { name: 'third writer off-topic held-out', items: read('faq-offtopic3-heldout.json'), heldOut: true },
  ];
}
