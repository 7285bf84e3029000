import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSigner } from '../helpers/signing.ts';
import { labelledQueries } from './lib/faq-data.ts';
import { faqAutocompletePayload, faqCommandPayload, hasFaqCommand, pingPayload } from './lib/interactions.ts';
import { fireInteractions, type LoadResult } from './lib/load.ts';
import type { BenchOptions } from './lib/options.ts';
import { startBot, startFloor, type TimedProcess } from './lib/processes.ts';
import { partialQueries } from './lib/queries.ts';
import { ms, percent, type SectionResult } from './lib/report.ts';
import { median, seededRandom } from './lib/stats.ts';

const CONNECTIONS = 10;

interface Workload {
  name: string;
  bodies: string[];
  /** Least share of the floor's requests per second the bot should reach; null: no target. */
  target: number | null;
}

function workloads(): Workload[] {
  const list: Workload[] = [{ name: 'PING', bodies: [JSON.stringify(pingPayload())], target: 0.9 }];
  if (!hasFaqCommand()) return list;
  const questions = labelledQueries().map((entry) => entry.query);
  const random = seededRandom(8);
  list.push(
    {
      name: '/faq (a mix of 100 questions)',
      bodies: Array.from({ length: 100 }, (_, index) =>
        JSON.stringify(faqCommandPayload(questions[index % questions.length] ?? 'research', index)),
      ),
      target: 0.5,
    },
    {
      name: '/faq autocomplete (200 partial queries)',
      bodies: partialQueries(questions, 200, random).map((query, index) =>
        JSON.stringify(faqAutocompletePayload(query, index)),
      ),
      target: null,
    },
  );
  return list;
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

export async function httpThroughput(options: BenchOptions): Promise<SectionResult> {
  const duration = options.quick ? 2 : 8;
  const signer = createSigner();
  const dataDir = await mkdtemp(join(tmpdir(), 'bench-http-'));
  const bot = await startBot({ DISCORD_PUBLIC_KEY: signer.publicKeyHex, PGLITE_DATA_DIR: dataDir });
  const floor = await startFloor(signer.publicKeyHex);
  const rows: string[][] = [];
  const targets: SectionResult['targets'] = [];
  try {
    for (const workload of workloads()) {
      await checkAnswers(bot, workload, signer);
      const servers = { bot, floor };
      const results: Record<'bot' | 'floor', LoadResult[]> = { bot: [], floor: [] };
      // Warm-up (JIT, caches, connection pools), not recorded.
      for (const server of Object.values(servers)) {
        await fireInteractions(server.base, workload.bodies, signer, {
          connections: CONNECTIONS,
          duration: 2,
        });
      }
      for (let round = 0; round < options.rounds; round++) {
        // Alternating who goes first keeps a slow patch of the shared machine from favouring one.
        const order = round % 2 === 0 ? (['bot', 'floor'] as const) : (['floor', 'bot'] as const);
        for (const name of order) {
          results[name].push(
            await fireInteractions(servers[name].base, workload.bodies, signer, {
              connections: CONNECTIONS,
              duration,
            }),
          );
        }
      }
      const summary = (list: LoadResult[]) => ({
        rps: median(list.map((result) => result.requestsPerSecond)),
        p99: median(list.map((result) => result.p99)),
        failures: list.reduce((sum, result) => sum + result.failures, 0),
      });
      const botSummary = summary(results.bot);
      const floorSummary = summary(results.floor);
      const ratio = botSummary.rps / floorSummary.rps;
      rows.push([
        workload.name,
        botSummary.rps.toFixed(0),
        ms(botSummary.p99),
        floorSummary.rps.toFixed(0),
        ms(floorSummary.p99),
        percent(ratio),
        String(botSummary.failures + floorSummary.failures),
      ]);
      if (workload.target !== null) {
        targets.push({
          target: `${workload.name} HTTP throughput ≥ ${percent(workload.target)} of the floor's`,
          measured: `${percent(ratio)} (${botSummary.rps.toFixed(0)} vs ${floorSummary.rps.toFixed(0)} req/s)`,
          pass: botSummary.failures === 0 && ratio >= workload.target,
        });
      }
    }
  } finally {
    await Promise.all([bot.stop(), floor.stop()]);
    await rm(dataDir, { recursive: true, force: true });
  }
  return {
    tables: [
      {
        title: '2. HTTP interactions throughput',
        note:
          `autocannon on loopback, ${CONNECTIONS} connections, ${duration} s per round, median of ${options.rounds} ` +
          "round(s), bot and floor alternating. Requests are signed like Discord's, right before each round. " +
          'The bot runs as in production (`node --import tsx src/main.ts`, BOT_TRANSPORT=http, PGlite); the floor ' +
          'is node:http with the same Ed25519 check and a fixed response (test/bench/floor-server.ts).',
        headers: [
          'request',
          'bot req/s',
          'bot p99',
          'floor req/s',
          'floor p99',
          'bot / floor',
          'failed requests',
        ],
        rows,
      },
    ],
    targets,
  };
}
