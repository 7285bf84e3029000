import { getTableColumns, getTableName, is, sql } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
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
