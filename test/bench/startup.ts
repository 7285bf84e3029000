import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSigner } from '../helpers/signing.ts';
import type { BenchOptions } from './lib/options.ts';
import { benchDatabases } from './lib/postgres.ts';
import { startBot, startFloor, type TimedProcess } from './lib/processes.ts';
import { ms, type SectionResult } from './lib/report.ts';
import { median } from './lib/stats.ts';

const MIN_ROUNDS = 2;
const BUDGET_MS = 150_000;

interface StartCase {
  name: string;
  start: () => Promise<TimedProcess>;
  after?: () => Promise<void>;
}

export async function startup(options: BenchOptions): Promise<SectionResult> {
  const rounds = options.quick ? 2 : 4;
  const signer = createSigner();
  const key = { DISCORD_PUBLIC_KEY: signer.publicKeyHex };
  const scratch = await mkdtemp(join(tmpdir(), 'bench-startup-'));
  const databases = options.postgresUrl ? benchDatabases(options.postgresUrl) : null;
  let fresh = 0;
  try {
    const existingDir = join(scratch, 'existing');
    // The first start migrates and seeds; later starts find an existing database.
    await (await startBot({ ...key, PGLITE_DATA_DIR: existingDir })).stop();
    const cases: StartCase[] = [
      {
        name: 'floor: node + tsx + node:http answering /healthz',
        start: () => startFloor(signer.publicKeyHex),
      },
      {
        name: 'bot, new PGlite directory (migrations + seed)',
        start: () => startBot({ ...key, PGLITE_DATA_DIR: join(scratch, `new-${fresh++}`) }),
      },
      {
        name: 'bot, existing PGlite directory',
        start: () => startBot({ ...key, PGLITE_DATA_DIR: existingDir }),
      },
    ];
    if (databases) {
      const existingUrl = await databases.create('startup_existing');
      await (await startBot({ ...key, DATABASE_URL: existingUrl })).stop();
      let newUrl = '';
      cases.push(
        {
          name: 'bot, new PostgreSQL database (migrations + seed)',
          start: async () => {
            newUrl = await databases.create(`startup_new_${fresh++}`);
            return startBot({ ...key, DATABASE_URL: newUrl });
          },
          after: () => databases.drop(newUrl),
        },
        {
          name: 'bot, existing PostgreSQL database',
          start: () => startBot({ ...key, DATABASE_URL: existingUrl }),
        },
      );
    }
    const times = new Map<string, number[]>(cases.map((entry) => [entry.name, []]));
    const started = performance.now();
    let done = 0;
    // Under heavy load a start can take half a minute: stop adding rounds past the budget.
    for (; done < rounds && (done < MIN_ROUNDS || performance.now() - started < BUDGET_MS); done++) {
      for (const entry of cases) {
        const process = await entry.start();
        times.get(entry.name)?.push(process.startMs);
        await process.stop();
        await entry.after?.();
      }
    }
    const floor = median(times.get(cases[0]?.name ?? '') ?? []);
    return {
      tables: [
        {
          title: '4. Start-up',
          note:
            `Time from spawning the bot (\`node src/start.mjs\`, as \`npm start\`) or the floor (\`node --import tsx\`) to the first 200 from GET /healthz (polled every 5 ms), median of ${done} ` +
            `rounds, cases interleaved.${databases ? '' : ' PostgreSQL skipped: TEST_DATABASE_URL is not set.'}`,
          headers: ['case', 'median', 'min', 'max', 'above the floor'],
          rows: cases.map((entry) => {
            const list = times.get(entry.name) ?? [];
            const value = median(list);
            return [
              entry.name,
              ms(value),
              ms(Math.min(...list)),
              ms(Math.max(...list)),
              entry === cases[0] ? '' : ms(value - floor),
            ];
          }),
        },
      ],
      targets: [],
    };
  } finally {
    await databases?.dropAll();
    await rm(scratch, { recursive: true, force: true });
  }
}
