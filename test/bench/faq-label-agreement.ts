/**
 * How far two people agree on which entry answers a held-out question, beside how far the bot
 * agrees with each: the ceiling the relevance target is measured against. The second labeller saw
 * the entries and the held-out questions, never the first labels (test/fixtures/
 * faq-heldout-second-labels.json, ids "w1-…" and "w2-…" for the two writers' halves).
 *   npx tsx test/bench/faq-label-agreement.ts
 * Totals only: held-out questions are never printed.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { openPglite } from '../../src/db/client.ts';
import { seedBuiltInContent } from '../../src/db/seed.ts';
import { searchFaqs } from '../../src/faq/search.ts';
import { benchGuild } from './lib/interactions.ts';

const fixtures = new URL('../fixtures/', import.meta.url);
const label = z.object({ slug: z.string().nullable(), also: z.array(z.string()).default([]) });
const firstLabels = z.array(label.extend({ id: z.number(), query: z.string() }));
const secondLabels = z.array(label.extend({ id: z.string() }));
const read = (name: string): unknown => JSON.parse(readFileSync(new URL(name, fixtures), 'utf8'));

const halves = [
  ['w1', 'faq-independent-heldout.json'],
  ['w2', 'faq-independent2-heldout.json'],
] as const;

async function main() {
  const second = new Map(secondLabels.parse(read('faq-heldout-second-labels.json')).map((x) => [x.id, x]));
  const database = await openPglite('memory://');
  await database.migrate();
  await seedBuiltInContent(database.db);
  const tally = { both: 0, agree: 0, eitherAccepts: 0, botFirst: 0, botSecond: 0, botAcceptable: 0 };
  for (const [writer, file] of halves) {
    for (const first of firstLabels.parse(read(file))) {
      const other = second.get(`${writer}-${first.id}`);
      // Questions either labeller found no entry for measure nothing about the ranking.
      if (!first.slug || !other?.slug) continue;
      const accepted = new Set([first.slug, ...first.also, other.slug, ...other.also]);
      const [top] = await searchFaqs(database.db, benchGuild, first.query, 1);
      tally.both++;
      if (first.slug === other.slug) tally.agree++;
      if (
        [first.slug, ...first.also].includes(other.slug) ||
        [other.slug, ...other.also].includes(first.slug)
      )
        tally.eitherAccepts++;
      if (top?.slug === first.slug) tally.botFirst++;
      if (top?.slug === other.slug) tally.botSecond++;
      if (top && accepted.has(top.slug)) tally.botAcceptable++;
    }
  }
  await database.close();
  const share = (n: number) => `${((100 * n) / tally.both).toFixed(1)}%`;
  console.log(`held-out questions both labellers answered with an entry: ${tally.both}`);
  console.log(
    `labellers: same first entry ${share(tally.agree)}, one's first among the other's accepted ${share(tally.eitherAccepts)}`,
  );
  console.log(
    `bot's first entry: = first labeller's ${share(tally.botFirst)}, = second's ${share(tally.botSecond)}, ` +
      `among either's accepted ${share(tally.botAcceptable)}`,
  );
}

await main();
