import postgres from 'postgres';
import { loadConfig } from '../config.ts';
import { openPglite, openPostgres } from '../db/client.ts';
import { CopyRefusedError, copyPgliteToPostgres } from '../db/copy.ts';
import { DatabaseDamagedError } from '../db/errors.ts';
import { DataDirLockedError } from '../db/lock.ts';
import { runCli, UsageError } from './run-cli.ts';

const USAGE = `Usage:
  npm run move-to-postgres -- postgres://user:password@host/database [--replace]
Copies everything in PGLITE_DATA_DIR into that PostgreSQL database (migrated first). Stop the bot
first; afterwards set DATABASE_URL to the same URL and start it again.`;

async function move(argv: string[]) {
  const url = argv.find((arg) => /^postgres(ql)?:\/\//.test(arg));
  if (!url) throw new UsageError('give the PostgreSQL URL to copy into');
  const unknown = argv.find((arg) => arg !== url && arg !== '--replace');
  if (unknown) throw new UsageError(`unknown argument ${unknown}`);
  const config = loadConfig({ ...process.env, DATABASE_URL: '' });
  const source = await openPglite(config.pgliteDataDir, { purpose: 'npm run move-to-postgres' });
  const target = openPostgres(url, { max: 1 });
  try {
    // Both at the newest schema, so their tables and columns match.
    await source.migrate();
    await target.migrate();
    // A plain client of its own: drizzle's driver changes its pool's type parsers and serializers
    // (dates go as strings), and the copy hands PGlite's values over as they are.
    const client = postgres(url, { max: 1, onnotice: () => {} });
    try {
      const counts = await copyPgliteToPostgres(source.client, client, {
        replace: argv.includes('--replace'),
      });
      const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
      process.stderr.write(
        `Copied ${total} rows from ${config.pgliteDataDir} into PostgreSQL. Set DATABASE_URL to that URL and start the bot.\n`,
      );
    } finally {
      await client.end({ timeout: 5 });
    }
  } finally {
    await target.close();
    await source.close();
  }
}

runCli(
  {
    name: 'move-to-postgres',
    usage: USAGE,
    explained: [DataDirLockedError, DatabaseDamagedError, CopyRefusedError],
    failure: 'move-to-postgres failed, nothing was changed',
  },
  () => move(process.argv.slice(2)),
);
