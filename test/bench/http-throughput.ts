import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { normalizeText } from '../../src/faq/query-text.ts';
import { createSigner } from '../helpers/signing.ts';
import { labelledQueries } from './lib/faq-data.ts';
import { faqAutocompletePayload, faqCommandPayload, hasFaqCommand, pingPayload } from './lib/interactions.ts';
import { bodyCycle, fireInteractions, type LoadResult } from './lib/load.ts';
import type { BenchOptions } from './lib/options.ts';
import { benchDatabases } from './lib/postgres.ts';
import { cpuSeconds, startBot, startFloor, type TimedProcess } from './lib/processes.ts';
import { profileClockMicros, summarizeProfiles } from './lib/profile.ts';
import { addTypo, partialQueries } from './lib/queries.ts';
import { ms, percent, type SectionResult, type Table } from './lib/report.ts';
import { median, type Random, seededRandom } from './lib/stats.ts';

const CONNECTIONS = 10;
/** The most bodies the warm-up sends once each; a longer list (every question new) stays mostly unsent. */
const WARM_UP_BODIES = 200;

type DatabaseKind = 'PGlite' | 'PostgreSQL';

interface Workload {
  name: string;
  database: DatabaseKind;
  bodies: string[];
  /** Least share of the floor's requests per second the bot should reach; null: no target. */
  target: number | null;
}

/** `count` questions whose normalised texts all differ, each a labelled one with one or two typing slips. */
function distinctQuestions(sources: readonly string[], count: number, random: Random): string[] {
  const seen = new Set(sources.map(normalizeText));
  const questions: string[] = [];
  while (questions.length < count) {
    let question = addTypo(random.pick(sources), random);
    if (random.next() < 0.5) question = addTypo(question, random);
    if (seen.has(normalizeText(question))) continue;
    seen.add(normalizeText(question));
    questions.push(question);
  }
  return questions;
}

function workloads(options: BenchOptions): Workload[] {
  const list: Workload[] = [
    { name: 'PING', database: 'PGlite', bodies: [JSON.stringify(pingPayload())], target: 0.9 },
  ];
  if (hasFaqCommand()) {
    const questions = labelledQueries().map((entry) => entry.query);
    const asked = Array.from({ length: 100 }, (_, index) =>
      JSON.stringify(faqCommandPayload(questions[index % questions.length] ?? 'research', index)),
    );
    const typed = partialQueries(questions, 200, seededRandom(8)).map((query, index) =>
      JSON.stringify(faqAutocompletePayload(query, index)),
    );
    list.push(
      { name: '/faq (a mix of 100 questions)', database: 'PGlite', bodies: asked, target: 0.5 },
      // What the cache cannot help with: every question a new text (slips of the finger on the labelled ones).
      {
        name: '/faq (every question new: cache misses)',
        database: 'PGlite',
        bodies: distinctQuestions(questions, 4000, seededRandom(9)).map((question, index) =>
          JSON.stringify(faqCommandPayload(question, index)),
        ),
        target: null,
      },
      { name: '/faq autocomplete (200 partial queries)', database: 'PGlite', bodies: typed, target: null },
    );
    // The same /faq load with the database in its own process: how much of the cost is PGlite's.
    if (options.postgresUrl) {
      list.push({
        name: '/faq (a mix of 100 questions)',
        database: 'PostgreSQL',
        bodies: asked,
        target: null,
      });
    }
  }
  const filter = options.filter?.toLowerCase();
  return filter ? list.filter((workload) => workload.name.toLowerCase().includes(filter)) : list;
}

/** One of each request must get a real answer, or the throughput figures would measure errors. */
async function checkAnswers(bot: TimedProcess, workload: Workload, signer: ReturnType<typeof createSigner>) {
  const body = workload.bodies[0] ?? '';
  const response = await fetch(`${bot.base}/interactions`, {
    method: 'POST',
    body,
    headers: signer.signedHeaders(body),
  });
  const text = await response.text();
  if (response.status !== 200 || /Something went wrong|not understood/.test(text)) {
    throw new Error(`${workload.name}: the bot answered ${response.status} ${text.slice(0, 300)}`);
  }
}

type Signer = ReturnType<typeof createSigner>;

/** Bot and floor under the same load, alternating; medians of the rounds. */
async function compare(
  workload: Workload,
  servers: Record<'bot' | 'floor', TimedProcess>,
  signer: Signer,
  rounds: number,
  duration: number,
) {
  await checkAnswers(servers.bot, workload, signer);
  const nextBody = { bot: bodyCycle(workload.bodies), floor: bodyCycle(workload.bodies) };
  const results: Record<'bot' | 'floor', LoadResult[]> = { bot: [], floor: [] };
  // Warm-up (JIT, caches, connection pools), not recorded: each body of a short list once (a cache
  // in steady state, as for questions a server asks again and again), then two seconds.
  for (const name of ['bot', 'floor'] as const) {
    const once = Math.max(CONNECTIONS, Math.min(workload.bodies.length, WARM_UP_BODIES));
    await fireInteractions(servers[name].base, nextBody[name], signer, {
      connections: CONNECTIONS,
      amount: once,
    });
    await fireInteractions(servers[name].base, nextBody[name], signer, {
      connections: CONNECTIONS,
      duration: 2,
    });
  }
  const cpuPerRequest: Record<'bot' | 'floor', number[]> = { bot: [], floor: [] };
  for (let round = 0; round < rounds; round++) {
    // Alternating who goes first keeps a slow patch of the shared machine from favouring one.
    const order = round % 2 === 0 ? (['bot', 'floor'] as const) : (['floor', 'bot'] as const);
    for (const name of order) {
      const pid = servers[name].child.pid ?? 0;
      const cpuBefore = await cpuSeconds(pid);
      const result = await fireInteractions(servers[name].base, nextBody[name], signer, {
        connections: CONNECTIONS,
        duration,
      });
      cpuPerRequest[name].push(((await cpuSeconds(pid)) - cpuBefore) / Math.max(result.total, 1));
      results[name].push(result);
    }
  }
  const summary = (name: 'bot' | 'floor') => ({
    rps: median(results[name].map((result) => result.requestsPerSecond)),
    p99: median(results[name].map((result) => result.p99)),
    cpuMs: median(cpuPerRequest[name]) * 1000,
    failures: results[name].reduce((sum, result) => sum + result.failures, 0),
  });
  // Each round's pair ran back to back: the median of their ratios cancels most of the machine's drift.
  const pairRatio = (values: Record<'bot' | 'floor', number[]>) =>
    median(values.bot.map((value, index) => value / (values.floor[index] ?? Number.NaN)));
  return {
    bot: summary('bot'),
    floor: summary('floor'),
    wallRatio: pairRatio({
      bot: results.bot.map((result) => result.requestsPerSecond),
      floor: results.floor.map((result) => result.requestsPerSecond),
    }),
    // Requests per CPU-second, bot over floor: the throughput each could sustain on a core of its own.
    cpuRatio: 1 / pairRatio(cpuPerRequest),
  };
}

export async function httpThroughput(options: BenchOptions): Promise<SectionResult> {
  const duration = options.quick ? 2 : 4;
  const rounds = options.quick ? 1 : 5;
  const signer = createSigner();
  const scratch = await mkdtemp(join(tmpdir(), 'bench-http-'));
  const rows: string[][] = [];
  const targets: SectionResult['targets'] = [];
  const profileTables: Table[] = [];
  const floor = await startFloor(signer.publicKeyHex);
  const databases = options.postgresUrl ? benchDatabases(options.postgresUrl) : null;
  // One bot per database; profiling gives each workload a bot of its own, so each profile shows one kind of request.
  const shared = new Map<DatabaseKind, TimedProcess>();
  const botFor = async (workload: Workload, index: number) => {
    const env: NodeJS.ProcessEnv = { DISCORD_PUBLIC_KEY: signer.publicKeyHex };
    if (workload.database === 'PostgreSQL' && databases)
      env.DATABASE_URL = await databases.create(`http_${index}`);
    else env.PGLITE_DATA_DIR = join(scratch, `db-${index}`);
    if (options.profile) {
      const profileDir = join(scratch, `profile-${index}`);
      return { bot: await startBot(env, profileDir), profileDir };
    }
    const existing = shared.get(workload.database);
    if (existing) return { bot: existing, profileDir: undefined };
    const bot = await startBot(env);
    shared.set(workload.database, bot);
    return { bot, profileDir: undefined };
  };
  try {
    for (const [index, workload] of workloads(options).entries()) {
      const { bot, profileDir } = await botFor(workload, index);
      let figures: Awaited<ReturnType<typeof compare>>;
      const loadStart = profileClockMicros();
      try {
        figures = await compare(workload, { bot, floor }, signer, rounds, duration);
      } finally {
        if (profileDir) await bot.stop();
      }
      if (profileDir) {
        profileTables.push(
          ...(await summarizeProfiles(
            profileDir,
            `CPU profile of the bot, ${workload.name} on ${workload.database}`,
            loadStart,
          )),
        );
      }
      rows.push([
        workload.name,
        workload.database,
        figures.bot.rps.toFixed(0),
        ms(figures.bot.p99),
        ms(figures.bot.cpuMs),
        figures.floor.rps.toFixed(0),
        ms(figures.floor.p99),
        ms(figures.floor.cpuMs),
        percent(figures.wallRatio),
        percent(figures.cpuRatio),
        String(figures.bot.failures + figures.floor.failures),
      ]);
      if (workload.target !== null) {
        targets.push({
          target: `${workload.name} HTTP throughput ≥ ${percent(workload.target)} of the floor's (per CPU-second)`,
          measured:
            `${percent(figures.cpuRatio)} per CPU-second (${ms(figures.bot.cpuMs)} vs ${ms(figures.floor.cpuMs)} of CPU ` +
            `per request); wall clock ${percent(figures.wallRatio)} (${figures.bot.rps.toFixed(0)} vs ` +
            `${figures.floor.rps.toFixed(0)} req/s)`,
          pass: options.profile ? null : figures.bot.failures === 0 && figures.cpuRatio >= workload.target,
        });
      }
    }
  } finally {
    await Promise.all([...[...shared.values()].map((bot) => bot.stop()), floor.stop()]);
    await databases?.dropAll();
    await rm(scratch, { recursive: true, force: true });
  }
  return {
    tables: [
      {
        title: '2. HTTP interactions throughput',
        note:
          `autocannon on loopback, ${CONNECTIONS} connections, ${duration} s per round, ${rounds} round(s) after a ` +
          'warm-up, bot and floor back to back in each round (alternating which goes first); req/s and p99 are ' +
          "medians of the rounds, bot / floor the median of the rounds' ratios. CPU / request is the server " +
          "process's user + system time (/proc/<pid>/stat) over the requests it answered; on a machine shared with " +
          'other work it is the steadier measure of what each can sustain, so the targets use it (with PostgreSQL ' +
          "the database's own CPU is not in the bot's figure). Requests are signed like Discord's as they are sent, and each server takes the next body of its workload's list, across connections and rounds, so a list of distinct questions stays distinct. " +
          'The bot runs as `npm start` runs it (`node src/start.mjs`, its bundle; BOT_TRANSPORT=http); the floor ' +
          'is node:http with the same Ed25519 check and a fixed response (test/bench/floor-server.ts).' +
          (options.profile
            ? " Run under --cpu-prof: the figures carry the profiler's cost and count for no target."
            : ''),
        headers: [
          'request',
          'bot database',
          'bot req/s',
          'bot p99',
          'bot CPU / request',
          'floor req/s',
          'floor p99',
          'floor CPU / request',
          'bot / floor, req/s',
          'bot / floor, per CPU-second',
          'failed requests',
        ],
        rows,
      },
      ...profileTables,
    ],
    targets,
  };
}
