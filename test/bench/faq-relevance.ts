/**
 * Relevance figures of /faq, quickly (about a minute on PGlite): every labelled set and off-topic
 * set, the bot next to fuse.js over the same export of the built-in entries.
 *   npx tsx test/bench/faq-relevance.ts            figures only
 *   npx tsx test/bench/faq-relevance.ts --misses   also the dev questions not answered first
 *   npx tsx test/bench/faq-relevance.ts --tuning   only the sets one may tune on (no held-out figures)
 *   npx tsx test/bench/faq-relevance.ts --misses --project   the project set's misses too
 * Held-out questions are never printed, only their figures.
 */
import { openPglite } from '../../src/db/client.ts';
import { seedBuiltInContent } from '../../src/db/seed.ts';
import { loadBuiltInFaqs } from '../../src/faq/content.ts';
import { searchFaqs } from '../../src/faq/search.ts';
import { labelledSets, offTopicSets } from './lib/faq-data.ts';
import {
  describeLabellers,
  percent,
  type Relevance,
  relevanceOf,
  turnedAwayShare,
} from './lib/faq-evaluation.ts';
import { createFuse, type FuseRow, fuseConfigs } from './lib/fuse-engine.ts';
import { benchGuild } from './lib/interactions.ts';

export interface RelevanceFigures {
  sets: Array<{ name: string; heldOut: boolean; bot: Relevance; fuse: Map<string, Relevance> }>;
  offTopic: Array<{ name: string; count: number; turnedAway: number }>;
}

export async function measureRelevance(
  search: (query: string, limit: number) => Promise<Array<{ slug: string; score: number }>>,
  { withHeldOut = true }: { withHeldOut?: boolean } = {},
): Promise<RelevanceFigures> {
  const rows: FuseRow[] = loadBuiltInFaqs().map(({ slug, question, aliases, tags, answer }) => ({
    slug,
    question,
    aliases,
    tags,
    answer,
  }));
  const engines = Object.entries(fuseConfigs).map(
    ([name, config]) => [name, createFuse(rows, config)] as const,
  );
  const figures: RelevanceFigures = { sets: [], offTopic: [] };
  for (const set of labelledSets()) {
    if (set.heldOut && !withHeldOut) continue;
    const fuse = new Map<string, Relevance>();
    for (const [name, engine] of engines) fuse.set(name, await relevanceOf(engine, set.items));
    figures.sets.push({
      name: set.name,
      heldOut: set.heldOut,
      bot: await relevanceOf(search, set.items),
      fuse,
    });
  }
  for (const set of offTopicSets()) {
    if (set.heldOut && !withHeldOut) continue;
    figures.offTopic.push({
      name: set.name,
      count: set.items.length,
      turnedAway: await turnedAwayShare(search, set.items),
    });
  }
  return figures;
}

async function main() {
  const database = await openPglite('memory://');
  await database.migrate();
  await seedBuiltInContent(database.db);
  const figures = await measureRelevance(
    (query, limit) => searchFaqs(database.db, benchGuild, query, limit),
    {
      // While tuning, the held-out sets are not even measured: a figure seen after every change would steer it.
      withHeldOut: !process.argv.includes('--tuning'),
    },
  );
  for (const set of figures.sets) {
    const bestFuse = Math.max(...[...set.fuse.values()].map((entry) => entry.top1));
    console.log(
      `${set.name} (${set.bot.count}): top-1 ${percent(set.bot.top1)}, top-3 ${percent(set.bot.top3)}, ` +
        `"no entry" ${percent(set.bot.refused)}; best fuse.js top-1 ${percent(bestFuse)}` +
        describeLabellers(set.bot) +
        // Held out: the overall figures only, so nothing about it steers the tuning.
        (set.heldOut
          ? ''
          : ` | by kind: ${[...set.bot.byKind].map(([kind, share]) => `${kind} ${percent(share)}`).join(', ')}`),
    );
    if (
      process.argv.includes('--misses') &&
      !set.heldOut &&
      (set.name.includes('dev') || process.argv.includes('--project'))
    ) {
      for (const miss of set.bot.misses) console.log(`  ${miss}`);
    }
  }
  for (const set of figures.offTopic) {
    console.log(`${set.name} (${set.count}): turned away ${percent(set.turnedAway)}`);
  }
  await database.close();
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
