import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import postgres from 'postgres';
import { inject } from 'vitest';
import { type Database, openPglite, openPostgres } from '../../src/db/client.ts';
import { TEMPLATE_DATABASE, withDatabaseName } from './postgres-url.ts';

export type DatabaseKind = 'pglite' | 'postgres';

/** The databases a suite runs on: PGlite always, PostgreSQL too when TEST_DATABASE_URL is set. */
export function databaseKinds(): DatabaseKind[] {
  return inject('postgresTemplateUrl') ? ['pglite', 'postgres'] : ['pglite'];
}

/**
 * A migrated, seeded database of its own for one test file (or one test); with `empty`, one with
 * no tables yet, for a test that migrates it itself.
 */
export async function createTestDatabase(
  kind: DatabaseKind = 'pglite',
  { empty = false }: { empty?: boolean } = {},
): Promise<Database> {
  if (kind === 'pglite') {
    if (empty) return openPglite('memory://');
    const dump = await readFile(inject('pgliteDumpPath'));
    return openPglite('memory://', { loadDataDir: new Blob([dump]) });
  }
  const templateUrl = inject('postgresTemplateUrl');
  if (!templateUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `bot_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(withDatabaseName(templateUrl, 'postgres'), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name}${empty ? '' : ` template ${TEMPLATE_DATABASE}`}`);
  } finally {
    await admin.end();
  }
  const database = openPostgres(withDatabaseName(templateUrl, name), { max: 5 });
  const close = database.close.bind(database);
  return {
    ...database,
    async close() {
      await close();
      const cleanup = postgres(withDatabaseName(templateUrl, 'postgres'), { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
