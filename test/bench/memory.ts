import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commands } from '../../commands/index.ts';
import { buildChatInput } from '../../src/payloads/fake-interactions.ts';
import { member } from '../helpers/actors.ts';
import { createSigner } from '../helpers/signing.ts';
import { labelledQueries } from './lib/faq-data.ts';
import { faqAutocompletePayload, faqCommandPayload, hasFaqCommand, pingPayload } from './lib/interactions.ts';
import { bodyCycle, fireInteractions } from './lib/load.ts';
import type { BenchOptions } from './lib/options.ts';
import { residentBytes, startBot } from './lib/processes.ts';
import { partialQueries } from './lib/queries.ts';
import { mib, type SectionResult } from './lib/report.ts';
import { median, seededRandom, sleep } from './lib/stats.ts';

/** Growth from 5k to 10k interactions still counted as noise: the larger of these two. */
const NOISE_BYTES = 8 * 1024 ** 2;
const NOISE_SHARE = 0.05;

/**
 * A mix like a busy guild's: /faq asked and autocompleted (a quarter of the requests, the ones that
 * touch the database), between cheaper /help calls and Discord's PINGs, so that 10,000 fit in a minute or two.
 */
export function mixedBodies(): string[] {
  const help = commands.find((command) => command.data.name === 'help')?.data;
  const cheap = [
    JSON.stringify(pingPayload()),
    ...(help ? [JSON.stringify(buildChatInput(help, {}, member()))] : []),
  ];
  if (!hasFaqCommand()) return cheap;
  const questions = labelledQueries().map((entry) => entry.query);
  const heavy = [
    ...questions.map((question, index) => JSON.stringify(faqCommandPayload(question, index))),
    ...partialQueries(questions, 200, seededRandom(3)).map((query, index) =>
      JSON.stringify(faqAutocompletePayload(query, index)),
    ),
  ];
  return heavy.flatMap((body, index) => [
    body,
    ...[0, 1, 2].map((offset) => cheap[(index + offset) % cheap.length] ?? ''),
  ]);
}

/** RSS once the process has been idle a moment, median of a few readings. */
export async function settledRss(pid: number): Promise<number> {
  await sleep(1000);
  const readings: number[] = [];
  for (let index = 0; index < 3; index++) {
    readings.push(await residentBytes(pid));
    await sleep(300);
  }
  return median(readings);
}

export async function memory(options: BenchOptions): Promise<SectionResult> {
  const step = options.quick ? 500 : 2500;
  const steps = 4;
  const signer = createSigner();
  const dataDir = await mkdtemp(join(tmpdir(), 'bench-memory-'));
  const bot = await startBot({ DISCORD_PUBLIC_KEY: signer.publicKeyHex, PGLITE_DATA_DIR: dataDir });
  const pid = bot.child.pid;
  if (pid === undefined) throw new Error('the bot has no pid');
  const bodies = mixedBodies();
  const nextBody = bodyCycle(bodies);
  const points: Array<{ interactions: number; rss: number }> = [];
  let failures = 0;
  try {
    points.push({ interactions: 0, rss: await settledRss(pid) });
    for (let index = 1; index <= steps; index++) {
      const result = await fireInteractions(bot.base, nextBody, signer, { connections: 10, amount: step });
      failures += result.failures;
      points.push({ interactions: index * step, rss: await settledRss(pid) });
    }
  } finally {
    await bot.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
  const at = (count: number) => points.find((point) => point.interactions === count)?.rss ?? Number.NaN;
  const half = (steps / 2) * step;
  const growth = at(steps * step) - at(half);
  const noise = Math.max(NOISE_BYTES, NOISE_SHARE * at(half));
  return {
    tables: [
      {
        title: '3. Memory (resident set size of the bot process)',
        note:
          `VmRSS from /proc/<pid>/status, median of 3 readings after 1 s idle. Interactions cycle through ${bodies.length} ` +
          'signed requests (a quarter /faq questions and /faq autocomplete, the rest /help and PING) sent by autocannon ' +
          'with 10 connections; the bot runs on PGlite, whose WASM heap is most of the resident size' +
          `${failures > 0 ? `; ${failures} requests failed` : ''}.`,
        headers: ['after interactions', 'RSS', 'change since previous'],
        rows: points.map((point, index) => [
          point.interactions === 0 ? 'start' : point.interactions.toLocaleString('en-US'),
          mib(point.rss),
          index === 0 ? '' : mib(point.rss - (points[index - 1]?.rss ?? 0)),
        ]),
      },
    ],
    targets: [
      {
        target: `No RSS growth from ${half.toLocaleString('en-US')} to ${(steps * step).toLocaleString('en-US')} interactions beyond noise (${mib(noise)})`,
        measured: `${mib(growth)}`,
        pass: options.quick ? null : failures === 0 && growth <= noise,
      },
    ],
  };
}
