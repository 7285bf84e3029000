import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync } from 'node:zlib';

/**
 * A new PGLITE_DATA_DIR starts as a copy of this directory (initdb run, migrated and seeded), made
 * by `npm run db:template`. initdb inside PGlite takes about 10 s and 750 MiB; unpacking the
 * copy takes well under a second. A copy older than the migrations or the seed is brought up to
 * date by the migrate and seed every start runs.
 */
export const TEMPLATE_FILE = fileURLToPath(new URL('./pglite-template.tar.br', import.meta.url));
/**
 * Which PGlite wrote the template (another minor may run another PostgreSQL major) and which
 * migrations it holds (their journal times).
 */
export const TEMPLATE_MANIFEST = fileURLToPath(new URL('./pglite-template.json', import.meta.url));
const JOURNAL = fileURLToPath(new URL('../../drizzle/meta/_journal.json', import.meta.url));

interface TemplateManifest {
  pglite: string;
  migrations: number[];
}

const require = createRequire(import.meta.url);

/** The installed PGlite's version, e.g. "0.5.17". */
export function pgliteVersion(): string {
  const entry = require.resolve('@electric-sql/pglite');
  let directory = dirname(entry);
  while (!existsSync(join(directory, 'package.json'))) directory = dirname(directory);
  return (JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as { version: string }).version;
}

/** The journal times of the committed migrations, as drizzle records them once applied. */
export function journalMigrations(): number[] {
  const journal = JSON.parse(readFileSync(JOURNAL, 'utf8')) as { entries: { when: number }[] };
  return journal.entries.map((entry) => entry.when);
}

const minorOf = (version: string) => version.split('.').slice(0, 2).join('.');

/**
 * Whether migrating a copy that holds `held` reaches every migration of `journal`: drizzle applies
 * only those newer than the last applied, so one merged in with an earlier time than the newest
 * held would never be applied.
 */
export function migratesFully(held: readonly number[], journal: readonly number[]): boolean {
  const holds = new Set(held);
  const newestHeld = Math.max(0, ...held);
  return journal.every((when) => when > newestHeld || holds.has(when));
}

/** Whether a template exists, was written by a PGlite that runs the same PostgreSQL, and migrates fully. */
export function templateUsable(): boolean {
  if (!existsSync(TEMPLATE_FILE) || !existsSync(TEMPLATE_MANIFEST)) return false;
  const manifest = JSON.parse(readFileSync(TEMPLATE_MANIFEST, 'utf8')) as Partial<TemplateManifest>;
  if (!manifest.pglite || minorOf(manifest.pglite) !== minorOf(pgliteVersion())) return false;
  return migratesFully(manifest.migrations ?? [], journalMigrations());
}

const BLOCK = 512;

function field(header: Buffer, start: number, length: number): string {
  const raw = header.subarray(start, start + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end === -1 ? length : end).toString('utf8');
}

/** Whether a directory is absent or has nothing in it: the only places a template is unpacked into. */
export function isMissingOrEmpty(directory: string): boolean {
  return !existsSync(directory) || readdirSync(directory).length === 0;
}

/**
 * Unpacks the template into dataDir, which must be missing or empty. The files are written beside
 * it first and the folder renamed into place at the end: a start cut short leaves no dataDir (the
 * next start unpacks again), never a half-written one. Synchronous: a thousand small files are
 * written faster so, and nothing else runs yet (the caller holds the directory's lock).
 */
export function unpackTemplate(dataDir: string): void {
  const staging = `${resolve(dataDir)}.unpacking`;
  rmSync(staging, { recursive: true, force: true });
  extractUstar(brotliDecompressSync(readFileSync(TEMPLATE_FILE)), staging);
  if (!existsSync(join(staging, 'PG_VERSION'))) throw new Error('the PGlite template has no PG_VERSION');
  if (existsSync(dataDir)) rmdirSync(dataDir);
  renameSync(staging, dataDir);
}

/** Writes the files of a ustar archive (as PGlite's dumpDataDir makes) under `directory`. */
function extractUstar(archive: Buffer, directory: string): void {
  const made = new Set<string>();
  const makeDirectory = (path: string) => {
    if (made.has(path)) return;
    mkdirSync(path, { recursive: true, mode: 0o700 });
    made.add(path);
  };
  makeDirectory(directory);
  for (let offset = 0; offset + BLOCK <= archive.length; ) {
    const header = archive.subarray(offset, offset + BLOCK);
    offset += BLOCK;
    const name = field(header, 0, 100);
    if (!name) return; // the two zero blocks that end an archive
    const prefix = field(header, 345, 155);
    const size = Number.parseInt(field(header, 124, 12).trim() || '0', 8);
    const type = field(header, 156, 1);
    const relative = normalize(`${prefix ? `${prefix}/` : ''}${name}`.replace(/^\/+/, ''));
    if (relative.startsWith('..') || relative.split(sep).includes('..')) {
      throw new Error(`the PGlite template names a path outside its directory: ${name}`);
    }
    if (!Number.isSafeInteger(size) || offset + size > archive.length) {
      throw new Error(`the PGlite template is cut off at ${name}`);
    }
    const target = join(directory, relative);
    if (type === '5') {
      makeDirectory(target);
    } else if (type === '0' || type === '') {
      makeDirectory(dirname(target));
      writeFileSync(target, archive.subarray(offset, offset + size), { mode: 0o600 });
    } else {
      // Links or extended headers: not what dumpDataDir writes, so not a template to trust.
      throw new Error(`the PGlite template holds an entry of type "${type}" (${name})`);
    }
    offset += Math.ceil(size / BLOCK) * BLOCK;
  }
  throw new Error('the PGlite template has no end-of-archive blocks');
}
