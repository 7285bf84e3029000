import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { loadConfig } from '../config.ts';
import { requestBackup } from '../db/backup.ts';
import { openPglite } from '../db/client.ts';
import { DatabaseDamagedError } from '../db/errors.ts';
import { DataDirLockedError } from '../db/lock.ts';
import { runCli, UsageError } from './run-cli.ts';

const USAGE = `Usage:
  npm run backup                      copy the embedded database to data/backups/pglite-<time>.tar.gz
  npm run backup -- FILE              copy it to FILE (works while the bot runs)
  npm run backup -- --restore FILE    create PGLITE_DATA_DIR from such a copy (the directory must not exist)`;

function defaultFile(now: Date) {
  return `data/backups/pglite-${now.toISOString().replace(/[:.]/g, '-')}.tar.gz`;
}

/** The owner's copy if a bot holds the directory, else one made by opening it here. */
async function copyOf(dataDir: string): Promise<Buffer> {
  try {
    const database = await openPglite(dataDir, { purpose: 'npm run backup' });
    try {
      return Buffer.from(await (await database.dump()).arrayBuffer());
    } finally {
      await database.close();
    }
  } catch (error) {
    if (!(error instanceof DataDirLockedError)) throw error;
    if (!error.owner.controlSocket) {
      throw new Error(
        `${error.owner.purpose} (pid ${error.owner.pid}) is using ${dataDir}; try again once it has finished.`,
      );
    }
    return requestBackup(error.owner.controlSocket);
  }
}

async function backup(dataDir: string, file: string) {
  const copy = await copyOf(dataDir);
  await mkdir(dirname(file), { recursive: true });
  // Written beside and renamed, so an interrupted backup never leaves a half file under the name.
  await writeFile(`${file}.partial`, copy);
  await rename(`${file}.partial`, file);
  process.stderr.write(`Backed up ${dataDir} to ${file} (${(copy.length / 1024 ** 2).toFixed(1)} MiB).\n`);
}

async function restore(dataDir: string, file: string) {
  const entries = await readdir(dataDir).catch(() => []);
  if (entries.length > 0) {
    throw new UsageError(
      `${dataDir} already exists; stop the bot and move it aside first (mv ${dataDir} ${dataDir}.old)`,
    );
  }
  let tarball: Buffer;
  try {
    tarball = await readFile(file);
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
  const database = await openPglite(dataDir, {
    purpose: 'npm run backup -- --restore',
    loadDataDir: new Blob([tarball]),
  });
  await database.ping();
  await database.close();
  process.stderr.write(`Restored ${file} into ${dataDir}. Start the bot as usual.\n`);
}

async function run(argv: string[]) {
  const config = loadConfig();
  if (config.databaseUrl) {
    throw new UsageError('DATABASE_URL is set: back PostgreSQL up with pg_dump (README, "Backups")');
  }
  const restoreFlag = argv.indexOf('--restore');
  if (restoreFlag >= 0) {
    const file = argv[restoreFlag + 1];
    if (!file) throw new UsageError('--restore needs the FILE to restore from');
    return restore(config.pgliteDataDir, file);
  }
  const unknown = argv.find((arg) => arg.startsWith('-'));
  if (unknown) throw new UsageError(`unknown option ${unknown}`);
  return backup(config.pgliteDataDir, argv[0] ?? defaultFile(new Date()));
}

runCli({ name: 'backup', usage: USAGE, explained: [DatabaseDamagedError, DataDirLockedError] }, () =>
  run(process.argv.slice(2)),
);
