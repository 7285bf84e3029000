import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getTableColumns, getTableName, is, sql } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import { describe, expect, it } from 'vitest';
import { openPglite } from '../src/db/client.ts';
import * as schema from '../src/db/schema/index.ts';
import { createTestDatabase, databaseKinds } from './helpers/db.ts';

const tables: PgTable[] = Object.values(schema as Record<string, unknown>).filter((value): value is PgTable =>
  is(value, PgTable),
);

describe('migrations', () => {
  it('apply on a fresh in-memory PGlite, twice without harm, with pg_trgm loaded', async () => {
    const database = await openPglite('memory://');
    try {
      await database.migrate();
      await database.migrate();
      const [row] = await database.db
        .select({ similarity: sql<number>`similarity('embolization', 'embolisation')` })
        .from(sql`(select 1) as one`);
      expect(row?.similarity).toBeGreaterThan(0.5);
    } finally {
      await database.close();
    }
  });

  describe.each(databaseKinds())('on %s', (kind) => {
    it('create every table and column of the schema', async () => {
      const database = await createTestDatabase(kind);
      try {
        for (const table of tables) {
          const columns = Object.values(getTableColumns(table)).map((column) => column.name);
          const found = await database.db
            .select({ name: sql<string>`column_name` })
            .from(sql`information_schema.columns`)
            .where(sql`table_name = ${getTableName(table)}`);
          expect(found.map((row) => row.name).sort()).toEqual(columns.sort());
        }
      } finally {
        await database.close();
      }
    });
  });
});

/** A copy of drizzle/ whose journal stops before the migration at `index`, to migrate a database to an older schema. */
function migrationsBefore(index: number): string {
  const folder = mkdtempSync(join(tmpdir(), 'migrations-before-'));
  cpSync(fileURLToPath(new URL('../drizzle', import.meta.url)), folder, { recursive: true });
  const journalPath = join(folder, 'meta/_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, index) }));
  return folder;
}

describe.each(databaseKinds())('the glossary renames (0028, 0029) on %s', (kind) => {
  it('keep every row: questions, votes pointing at them, pitfall progress and deleted-opening traces', async () => {
    const database = await createTestDatabase(kind, { empty: true });
    const before = migrationsBefore(
      JSON.parse(
        readFileSync(new URL('../drizzle/meta/_journal.json', import.meta.url), 'utf8'),
      ).entries.findIndex((entry: { tag: string }) => entry.tag.startsWith('0028_')),
    );
    const migrateWith = (migrationsFolder: string) =>
      kind === 'pglite'
        ? migratePglite(database.db as never, { migrationsFolder })
        : migratePostgres(database.db as never, { migrationsFolder });
    const rows = async (query: ReturnType<typeof sql>) => (await database.db.execute(query)) as unknown;
    try {
      await migrateWith(before);
      await rows(sql`insert into faq_queries (guild_id, query, normalized, score, answered)
        values ('g1', 'how many pubs', 'how many pubs', 0.5, true)`);
      await rows(sql`insert into faq_votes (guild_id, slug, user_id, helpful, query_id)
        select 'g1', 'how-many-publications', 'u1', false, id from faq_queries`);
      await rows(sql`insert into member_pitfall_cursors (guild_id, user_id, shown) values ('g1', 'u1', 3)`);
      await rows(sql`insert into erased_opening_traces (opening_id, guild_id, author_id, duplicate_key, created_at)
        values (7, 'g1', 'u1', 'key', now())`);

      await database.migrate();
      const [question] = await database.db.select().from(schema.faqQuestions);
      expect(question?.query).toBe('how many pubs');
      const [vote] = await database.db.select().from(schema.faqVotes);
      expect(vote?.questionId).toBe(question?.id);
      const [progress] = await database.db.select().from(schema.memberPitfallProgress);
      expect(progress?.shown).toBe(3);
      expect(await database.db.$count(schema.deletedOpeningTraces)).toBe(1);
      // The id sequence carries on after the renamed table's rows.
      const [next] = await database.db
        .insert(schema.faqQuestions)
        .values({ guildId: 'g1', query: 'q', normalized: 'q', score: 0, answered: false })
        .returning({ id: schema.faqQuestions.id });
      expect(next?.id).toBeGreaterThan(question?.id ?? 0);
    } finally {
      await database.close();
      rmSync(before, { recursive: true, force: true });
    }
  });
});
