import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../src/db/client.ts';
import { loadBuiltInFaqs } from '../src/faq/content.ts';
import { searchFaqs } from '../src/faq/search.ts';
import { GUILD_A, GUILD_B } from './helpers/actors.ts';

const run = promisify(execFile);
const root = new URL('..', import.meta.url).pathname;

/** Runs `faq` the way `npm run --silent faq -- …` does, against the given PGlite directory. */
async function faq(args: string[], dataDir: string) {
  const { DATABASE_URL: _url, ...env } = process.env;
  try {
    const { stdout, stderr } = await run('npx', ['tsx', 'src/cli/faq.ts', ...args], {
      cwd: root,
      env: { ...env, PGLITE_DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
      maxBuffer: 10_000_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const entry = (slug: string, question: string) => ({
  slug,
  question,
  answer: 'An answer long enough to pass validation, written for this server.',
  aliases: [`${slug.replace(/-/g, ' ')} alias`],
  tags: ['local'],
});

describe('npm run faq', () => {
  let directory: string;
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'faq-cli-'));
  });
  afterAll(() => rm(directory, { recursive: true, force: true }));

  it('exports the built-in entries as a JSON array on stdout, and nothing else, without opening a database', async () => {
    const dataDir = join(directory, 'untouched');
    const { code, stdout } = await faq(['export'], dataDir);
    expect(code).toBe(0);
    await expect(stat(dataDir)).rejects.toThrow(/ENOENT/);
    const exported = JSON.parse(stdout) as Array<Record<string, unknown>>;
    expect(exported.length).toBe(loadBuiltInFaqs().length);
    for (const item of exported)
      expect(Object.keys(item)).toEqual(['slug', 'question', 'answer', 'aliases', 'tags']);
    const first = loadBuiltInFaqs()[0];
    expect(exported.find((item) => item.slug === first?.slug)?.answer).toBe(first?.answer);
  }, 120_000);

  it('imports valid entries into one guild, and changes nothing when any entry is invalid', async () => {
    const dataDir = join(directory, 'db');
    const valid = join(directory, 'valid.json');
    await writeFile(
      valid,
      JSON.stringify([
        entry('visa-timing', 'When should I start my visa paperwork?'),
        { ...entry('ir-journals', 'Which journals does our group aim for?'), tags: ['journals'] },
      ]),
    );
    const imported = await faq(['import', valid, '--guild', GUILD_A], dataDir);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toBe('');
    expect(imported.stderr).toMatch(/Imported 2 entries into server \d+: 2 added, 0 updated/);

    const invalid = join(directory, 'invalid.json');
    await writeFile(
      invalid,
      JSON.stringify([
        entry('another-entry', 'Is this one fine as well?'),
        { ...entry('bad', 'Too short?'), answer: '' },
      ]),
    );
    const refused = await faq(['import', invalid, '--guild', GUILD_A], dataDir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/nothing was imported/);
    expect(refused.stderr).toMatch(/entry 2 \(bad\): answer/);

    const missingGuild = await faq(['import', valid], dataDir);
    expect(missingGuild.code).toBe(1);
    expect(missingGuild.stderr).toMatch(/--guild/);

    const database = await openPglite(dataDir);
    try {
      const inA = await searchFaqs(database.db, GUILD_A, 'visa paperwork', 1);
      expect(inA[0]?.slug).toBe('visa-timing');
      const journals = await searchFaqs(database.db, GUILD_A, 'which journals does our group aim for', 1);
      expect(journals[0]).toMatchObject({ slug: 'ir-journals', guildId: GUILD_A });
      expect(
        (await searchFaqs(database.db, GUILD_A, 'is this one fine as well', 5)).map((row) => row.slug),
      ).not.toContain('another-entry');
      expect(
        (await searchFaqs(database.db, GUILD_B, 'visa paperwork', 5)).map((row) => row.slug),
      ).not.toContain('visa-timing');
    } finally {
      await database.close();
    }
  }, 180_000);
});
