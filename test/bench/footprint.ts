import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSigner } from '../helpers/signing.ts';
import { bodyCycle, fireInteractions } from './lib/load.ts';
import type { BenchOptions } from './lib/options.ts';
import { benchDatabases } from './lib/postgres.ts';
import { cpuSeconds, residentBytes, spawnUntilReady, startBot, type TimedProcess } from './lib/processes.ts';
import { mib, ms, type SectionResult, type Target } from './lib/report.ts';
import { median, sleep } from './lib/stats.ts';
import { mixedBodies, settledRss } from './memory.ts';

const INTERACTIONS = 1000;
const MiB = 1024 ** 2;

interface Row {
  name: string;
  startMs?: number;
  /** CPU time (all threads) the start used: unlike wall time, hardly moved by other work on the machine. */
  startCpuMs?: number;
  peak?: number;
  steady: number;
}

/**
 * The largest resident size of any process whose command line names `marker` (the initdb child a
 * first start runs gets the data directory as an argument), polled until stopped.
 */
function watchHelperPeak(marker: string) {
  let peak = 0;
  let running = true;
  const poll = async () => {
    while (running) {
      for (const entry of await readdir('/proc').catch(() => [])) {
        if (!/^\d+$/.test(entry)) continue;
        const command = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
        if (!command.includes(marker)) continue;
        peak = Math.max(peak, await residentBytes(Number(entry), 'VmHWM').catch(() => 0));
      }
      await sleep(25);
    }
  };
  const polling = poll();
  return async () => {
    running = false;
    await polling;
    return peak;
  };
}

/** Start time and peak RSS of a start, then the RSS after INTERACTIONS interactions (or at rest). */
async function measureBot(
  name: string,
  start: () => Promise<TimedProcess>,
  load: boolean,
  dataDir?: string,
): Promise<Row> {
  const signer = createSigner();
  const helperPeak = dataDir ? watchHelperPeak(dataDir) : async () => 0;
  const bot = await start();
  const pid = bot.child.pid ?? 0;
  try {
    const startCpuMs = (await cpuSeconds(pid)) * 1000;
    const peak = Math.max(await residentBytes(pid, 'VmHWM'), await helperPeak());
    if (load) {
      const nextBody = bodyCycle(mixedBodies());
      await fireInteractions(bot.base, nextBody, signer, { connections: 10, amount: INTERACTIONS });
    }
    return { name, startMs: bot.startMs, startCpuMs, peak, steady: await settledRss(pid) };
  } finally {
    await bot.stop();
  }
}

async function measureBare(name: string, args: string[]): Promise<Row> {
  const bare = await spawnUntilReady('test/bench/lib/bare.ts', args);
  const pid = bare.child.pid ?? 0;
  try {
    return {
      name,
      startMs: bare.readyMs,
      startCpuMs: (await cpuSeconds(pid)) * 1000,
      peak: await residentBytes(pid, 'VmHWM'),
      steady: await settledRss(pid),
    };
  } finally {
    await bare.stop();
  }
}

/**
 * What a host must provide: the bot beside its two floors (a bare PGlite with the same settings,
 * a bare discord.js Client), on a new and an existing PGlite directory and on PostgreSQL.
 */
export async function footprint(options: BenchOptions): Promise<SectionResult> {
  const signer = createSigner();
  const botEnv = (env: NodeJS.ProcessEnv) => () =>
    startBot({ DISCORD_PUBLIC_KEY: signer.publicKeyHex, ...env });
  const scratch = await mkdtemp(join(tmpdir(), 'bench-footprint-'));
  const databases = options.postgresUrl ? benchDatabases(options.postgresUrl) : null;
  const rounds = options.quick ? 1 : 3;
  try {
    const existing = join(scratch, 'existing');
    await (await botEnv({ PGLITE_DATA_DIR: existing })()).stop();
    const rows: Row[][] = [];
    for (let round = 0; round < rounds; round++) {
      const bareDir = join(scratch, `bare-${round}`);
      const set = [
        await measureBare('bare discord.js Client (not logged in)', ['discord']),
        await measureBare('bare PGlite, new directory', ['pglite', bareDir]),
        await measureBare('bare PGlite, existing directory', ['pglite', bareDir]),
        await measureBot(
          'bot, new PGlite directory (first start, from the template)',
          botEnv({ PGLITE_DATA_DIR: join(scratch, `new-${round}`) }),
          false,
          join(scratch, `new-${round}`),
        ),
        await measureBot(
          `bot, existing PGlite directory, after ${INTERACTIONS} interactions`,
          botEnv({ PGLITE_DATA_DIR: existing }),
          true,
        ),
      ];
      if (databases) {
        const url = await databases.create(`footprint_${round}`);
        set.push(
          await measureBot(
            `bot, PostgreSQL, after ${INTERACTIONS} interactions`,
            botEnv({ DATABASE_URL: url }),
            true,
          ),
        );
      }
      rows.push(set);
    }
    const merged = (rows[0] ?? []).map((row, index) => {
      const column = rows.map((set) => set[index] as Row);
      return {
        name: row.name,
        startMs: median(column.map((entry) => entry.startMs ?? Number.NaN)),
        startCpuMs: median(column.map((entry) => entry.startCpuMs ?? Number.NaN)),
        peak: median(column.map((entry) => entry.peak ?? Number.NaN)),
        steady: median(column.map((entry) => entry.steady)),
      };
    });
    const find = (prefix: string) => merged.find((row) => row.name.startsWith(prefix));
    const first = find('bot, new PGlite');
    const later = find('bot, existing PGlite');
    const postgres = find('bot, PostgreSQL');
    const measured = options.quick ? null : true;
    const targets: Target[] = [
      {
        target: `Steady RSS on PGlite ≤ 250 MiB after ${INTERACTIONS} interactions`,
        measured: later ? mib(later.steady) : 'not measured',
        pass: measured && Boolean(later && later.steady <= 250 * MiB),
      },
      {
        target: 'First start on a new PGlite directory ≤ 4 s, peak RSS ≤ 500 MiB',
        measured: first ? `${ms(first.startMs)}, peak ${mib(first.peak)}` : 'not measured',
        pass: measured && Boolean(first && first.startMs <= 4000 && first.peak <= 500 * MiB),
      },
      {
        target: 'Later starts ≤ 2 s',
        measured: later ? ms(later.startMs) : 'not measured',
        pass: measured && Boolean(later && later.startMs <= 2000),
      },
      {
        target: `Steady RSS on PostgreSQL ≤ 150 MiB after ${INTERACTIONS} interactions`,
        measured: postgres ? mib(postgres.steady) : 'not measured (TEST_DATABASE_URL not set)',
        pass: postgres ? measured && postgres.steady <= 150 * MiB : null,
      },
    ];
    return {
      tables: [
        {
          title: '5. Footprint: the bot beside a bare PGlite and a bare discord.js Client',
          note:
            `Each a process of its own, median of ${rounds} round(s): the bot as \`npm start\` runs it (\`node src/start.mjs\`, ` +
            'the bundle in build/, made if stale by the warm-up start), the floors through `node --import tsx`. Start: spawn to the first ' +
            '200 from /healthz (bot) or to "ready" (floors); CPU to start: user + system time of all its threads by then. Peak: VmHWM ' +
            "when the start is done (the larger of the bot's and that of any process given the data directory, such as initdb when " +
            'there is no template, polled every 25 ms). Steady: VmRSS after 1 s idle ' +
            `(median of 3 readings), after ${INTERACTIONS} signed interactions of the memory mix (section 3) for the bot rows that say so. ` +
            'PGlite runs with shared_buffers=16MB, work_mem=2MB, maintenance_work_mem=16MB (src/db/client.ts) in both the bot and the bare floor.',
          headers: ['process', 'start', 'CPU to start', 'peak RSS', 'steady RSS'],
          rows: merged.map((row) => [
            row.name,
            ms(row.startMs),
            ms(row.startCpuMs),
            mib(row.peak),
            mib(row.steady),
          ]),
        },
      ],
      targets,
    };
  } finally {
    await databases?.dropAll();
    await rm(scratch, { recursive: true, force: true });
  }
}
