import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isNull, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import journal from '../drizzle/meta/_journal.json' with { type: 'json' };
import { openPglite, selectRows } from '../src/db/client.ts';
import { faqEntries } from '../src/db/schema/index.ts';
import { seedBuiltInContent } from '../src/db/seed.ts';
import { migratesFully, templateUsable } from '../src/db/template.ts';
import { loadBuiltInFaqs } from '../src/faq/content.ts';

const scratch = mkdtempSync(join(tmpdir(), 'pglite-template-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('a new PGlite directory', { timeout: 120_000 }, () => {
  it('starts from a template only if migrating it reaches every migration', () => {
    expect(migratesFully([1, 2], [1, 2, 3])).toBe(true); // newer ones are applied at start
    // A migration merged in with a time before the template's newest would be skipped by drizzle.
    expect(migratesFully([1, 3], [1, 2, 3])).toBe(false);
    expect(migratesFully([], [1])).toBe(true);
  });

  it('starts from the committed template, which the installed PGlite can open and migrate fully', () => {
    // Otherwise every first start falls back to initdb (10 s, 750 MiB): run `npm run db:template`.
    expect(templateUsable()).toBe(true);
  });

  it('from the template ends with every migration applied and the built-in FAQ entries', async () => {
    const database = await openPglite(join(scratch, 'new'));
    try {
      // What every start runs: a template older than the migrations or the seed is brought up to date.
      await database.migrate();
      await seedBuiltInContent(database.db);
      const applied = await selectRows<{ count: number }>(
        database.db,
        sql`select count(*)::int as count from drizzle.__drizzle_migrations`,
      );
      expect(applied[0]?.count).toBe(journal.entries.length);
      expect(await database.db.$count(faqEntries, isNull(faqEntries.guildId))).toBe(loadBuiltInFaqs().length);
    } finally {
      await database.close();
    }
  });

  it('is unpacked again after a start cut short mid-unpack, and the leftover files go', async () => {
    const dataDir = join(scratch, 'interrupted');
    // What a start killed before its final rename leaves: part of the files beside the directory.
    mkdirSync(`${dataDir}.unpacking/base`, { recursive: true });
    writeFileSync(`${dataDir}.unpacking/base/half-written`, 'x');
    const database = await openPglite(dataDir);
    try {
      expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true);
      expect(existsSync(`${dataDir}.unpacking`)).toBe(false);
      await database.migrate();
    } finally {
      await database.close();
    }
  });
});
