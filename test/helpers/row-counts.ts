import { count, getTableName, is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../../src/db/client.ts';
import * as schema from '../../src/db/schema/index.ts';

/** Every table of the schema, so that a table added later is covered by the checks that use this. */
export const allTables: PgTable[] = Object.values(schema as Record<string, unknown>).filter(
  (value): value is PgTable => is(value, PgTable),
);

/** Rows per table, to compare a database before and after something that must change nothing. */
export async function rowCounts(db: Db): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of allTables) {
    const [row] = await db.select({ total: count() }).from(table);
    counts[getTableName(table)] = row?.total ?? 0;
  }
  return counts;
}
