import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { type SQL, sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { controlSocketPathOf, serveBackups } from './backup.ts';
import { DatabaseDamagedError } from './errors.ts';
import { type DataDirLock, lockDataDir } from './lock.ts';
import * as schema from './schema/index.ts';
import { isMissingOrEmpty, templateUsable, unpackTemplate } from './template.ts';

export type Schema = typeof schema;
/** The drizzle database, whichever driver is underneath: queries are written once for both. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

/** Rows of a raw select, whichever driver ran it (PGlite returns {rows}, postgres.js an array). */
export async function selectRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Applies the committed migrations in drizzle/ (idempotent). */
  migrate(): Promise<void>;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url));

// An arbitrary constant: every process migrating the same PostgreSQL takes this lock in turn.
const MIGRATION_LOCK_KEY = 7_262_026;

interface PostgresOptions {
  /** Upper bound on pooled connections per process. */
  max?: number;
}

export function openPostgres(url: string, options: PostgresOptions = {}): Database {
  const client = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    connect_timeout: 5,
    idle_timeout: 60,
  });
  const db = drizzlePostgres(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    async migrate() {
      // One connection, so the session lock is held by the connection that migrates.
      const session = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 5 });
      try {
        await session`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
        await migratePostgres(drizzlePostgres(session), { migrationsFolder });
      } finally {
        await session.end({ timeout: 5 });
      }
    },
    async ping() {
      await db.execute(sql`select 1`);
    },
    async close() {
      await client.end({ timeout: 5 });
    },
  };
}

/**
 * PostgreSQL's defaults (128 MB of shared buffers, 4 MB per sort) are sized for a server; in PGlite
 * they live in the WebAssembly heap, which never shrinks. A community bot's working set is a few
 * MB, so small buffers cost nothing measurable and keep the process small (test/bench, memory).
 */
export const PGLITE_MEMORY_SETTINGS = [
  '-c',
  'shared_buffers=16MB',
  '-c',
  'work_mem=2MB',
  '-c',
  'maintenance_work_mem=16MB',
];

interface PgliteOptions {
  /** A dump from `dumpDataDir()` to start from instead of an empty database (tests, restores). */
  loadDataDir?: Blob | File;
  /** Who holds the directory's lock, as a second process will be told (default "another process"). */
  purpose?: string;
  /** Answer `npm run backup` on a socket beside the directory while this process holds it. */
  serveBackups?: boolean;
  /** A new directory starts as a copy of the committed template (default), or from initdb. */
  fromTemplate?: boolean;
}

export interface PgliteDatabase extends Database {
  kind: 'pglite';
  client: PGlite;
  /** A consistent copy of the whole directory (a gzipped tarball), taken between two queries. */
  dump(): Promise<Blob>;
}

export async function openPglite(dataDir: string, options: PgliteOptions = {}): Promise<PgliteDatabase> {
  const inMemory = dataDir.startsWith('memory://');
  let lock: DataDirLock | undefined;
  if (!inMemory) {
    await mkdir(dirname(resolve(dataDir)), { recursive: true });
    // Before anything is read: a second owner must stop before it can lose or damage data.
    lock = lockDataDir(dataDir, options.purpose ?? 'another process', {
      ...(options.serveBackups ? { controlSocket: controlSocketPathOf(dataDir) } : {}),
    });
  }
  let client: PGlite;
  try {
    if (!inMemory && !options.loadDataDir && !existsSync(join(dataDir, 'PG_VERSION'))) {
      // The template only fills a new or empty directory; one holding other files is left to initdb.
      if (options.fromTemplate !== false && isMissingOrEmpty(dataDir) && templateUsable()) {
        unpackTemplate(dataDir);
      } else {
        await mkdir(dataDir, { recursive: true });
        await initializeInChildProcess(dataDir);
      }
    } else if (!inMemory) {
      await mkdir(dataDir, { recursive: true });
    }
    client = await createPglite(dataDir, { loadDataDir: options.loadDataDir });
  } catch (error) {
    lock?.release();
    throw inMemory ? error : new DatabaseDamagedError(dataDir, error);
  }
  const dump = async () => {
    // Data files then match the WAL, so the copy opens without a recovery.
    await client.exec('CHECKPOINT');
    return client.dumpDataDir('gzip');
  };
  const backups =
    options.serveBackups && lock ? await serveBackups(controlSocketPathOf(dataDir), dump) : undefined;
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    client,
    dump,
    async migrate() {
      await migratePglite(drizzlePglite(client), { migrationsFolder });
    },
    async ping() {
      await client.query('select 1');
    },
    async close() {
      await backups?.close();
      if (!client.closed) await client.close();
      lock?.release();
    },
  };
}

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Runs initdb for a new directory in a short-lived node process. initdb inside PGlite needs a
 * second PostgreSQL instance and peaks near 800 MiB; memory a WebAssembly instance used is never
 * given back, so done in this process it would stay that size until a restart.
 */
async function initializeInChildProcess(dataDir: string): Promise<void> {
  const script = [
    "import { PGlite } from '@electric-sql/pglite';",
    'const [dataDir, settings] = process.argv.slice(1);',
    'const params = JSON.parse(settings);',
    'const db = await PGlite.create({ dataDir, initDbStartParams: params, startParams: [...PGlite.defaultStartParams, ...params] });',
    'await db.close();',
  ].join('\n');
  const child = spawn(
    process.execPath,
    ['--input-type=module', '-e', script, resolve(dataDir), JSON.stringify(PGLITE_MEMORY_SETTINGS)],
    { cwd: projectRoot, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += String(chunk);
  });
  const code = await new Promise<number | null>((done) => child.once('exit', done));
  if (code !== 0) throw new Error(`initdb failed: ${stderr.trim().split('\n').pop() ?? `exit ${code}`}`);
}

/** PGlite with the bot's extension and memory settings; `extraStartParams` for one-off tools. */
export async function createPglite(
  dataDir: string,
  {
    loadDataDir,
    extraStartParams = [],
  }: { loadDataDir?: Blob | File | undefined; extraStartParams?: string[] } = {},
): Promise<PGlite> {
  return PGlite.create({
    dataDir,
    extensions: { pg_trgm },
    // initdb writes them into postgresql.conf too, so every later start has them.
    initDbStartParams: PGLITE_MEMORY_SETTINGS,
    startParams: [...PGlite.defaultStartParams, ...PGLITE_MEMORY_SETTINGS, ...extraStartParams],
    ...(loadDataDir ? { loadDataDir } : {}),
  });
}

/** Opens the database the configuration names: PostgreSQL when a URL is given, else embedded PGlite. */
export async function openDatabase(
  config: { databaseUrl?: string | undefined; pgliteDataDir: string },
  options: Pick<PgliteOptions, 'purpose' | 'serveBackups'> = {},
): Promise<Database> {
  return config.databaseUrl ? openPostgres(config.databaseUrl) : openPglite(config.pgliteDataDir, options);
}
