import type { PGlite } from '@electric-sql/pglite';
import { getTableName } from 'drizzle-orm';
import type postgres from 'postgres';
import { assessments, guildSettings, openings } from './schema/index.ts';

/** Tables only members and moderators fill: a target with rows in them already holds a server. */
const MEMBER_TABLES = [assessments, guildSettings, openings].map((table) => getTableName(table));
const BATCH_ROWS = 500;

export class CopyRefusedError extends Error {}

interface Edge {
  child: string;
  parent: string;
}

/** Parents before children, so every foreign key finds its row. */
export function insertionOrder(tables: readonly string[], edges: readonly Edge[]): string[] {
  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visit = (table: string) => {
    if (ordered.includes(table) || visiting.has(table)) return;
    visiting.add(table);
    for (const edge of edges) if (edge.child === table && edge.parent !== table) visit(edge.parent);
    ordered.push(table);
  };
  for (const table of [...tables].sort()) visit(table);
  return ordered;
}

/**
 * Copies every row of the embedded database into a PostgreSQL database migrated to the same
 * schema, in one transaction: the target's own rows (what migrations put there) are replaced.
 * Generated columns are left for the target to compute, rows its triggers already made are kept
 * (ON CONFLICT DO NOTHING), and serial counters continue after the copied ids.
 */
export async function copyPgliteToPostgres(
  source: PGlite,
  target: postgres.Sql,
  { replace = false } = {},
): Promise<Record<string, number>> {
  const rowsOf = async <T>(query: string, params: unknown[] = []) =>
    (await source.query<T>(query, params)).rows;
  const tables = (
    await rowsOf<{ name: string }>(
      `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind in ('r', 'p')`,
    )
  ).map((row) => row.name);
  const edges = await rowsOf<Edge>(
    `select conrelid::regclass::text as child, confrelid::regclass::text as parent
     from pg_constraint where contype = 'f' and connamespace = 'public'::regnamespace`,
  );
  if (!replace) {
    for (const table of MEMBER_TABLES) {
      const [row] = await target.unsafe(`select exists (select 1 from "${table}") as taken`);
      if (row?.taken) {
        throw new CopyRefusedError(
          `the target database already has ${table}; copy into a new database, or pass --replace to overwrite it`,
        );
      }
    }
  }
  const counts: Record<string, number> = {};
  await target.begin(async (sql) => {
    await sql.unsafe(`truncate ${tables.map((table) => `"${table}"`).join(', ')} restart identity cascade`);
    for (const table of insertionOrder(tables, edges)) {
      const columns = (
        await rowsOf<{ column_name: string }>(
          `select column_name from information_schema.columns
           where table_schema = 'public' and table_name = $1 and is_generated = 'NEVER'
           order by ordinal_position`,
          [table],
        )
      ).map((row) => row.column_name);
      const rows = await rowsOf<Record<string, unknown>>(
        `select ${columns.map((column) => `"${column}"`).join(', ')} from "${table}"`,
      );
      for (let start = 0; start < rows.length; start += BATCH_ROWS) {
        const batch = rows.slice(start, start + BATCH_ROWS);
        const values = sql(batch as Record<string, postgres.ParameterOrJSON<never>>[], ...columns);
        await sql`insert into ${sql(table)} ${values} on conflict do nothing`;
      }
      counts[table] = rows.length;
      const serials = await rowsOf<{ column_name: string }>(
        `select column_name from information_schema.columns
         where table_schema = 'public' and table_name = $1 and column_default like 'nextval(%'`,
        [table],
      );
      for (const { column_name: column } of serials) {
        await sql.unsafe(
          `select setval(pg_get_serial_sequence('"${table}"', '${column}'), coalesce((select max("${column}") from "${table}"), 0) + 1, false)`,
        );
      }
    }
  });
  return counts;
}
