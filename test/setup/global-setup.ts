import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { openPglite, openPostgres } from '../../src/db/client.ts';
import { seedBuiltInContent } from '../../src/db/seed.ts';
import { TEMPLATE_DATABASE, withDatabaseName } from '../helpers/postgres-url.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteDumpPath: string;
    postgresTemplateUrl: string | null;
  }
}

/**
 * Migrates and seeds once per run: each test file then loads this PGlite dump (or clones the
 * PostgreSQL template) instead of paying for migrations again.
 */
export default async function setup(project: TestProject) {
  const directory = await mkdtemp(join(tmpdir(), 'bot-test-'));
  const database = await openPglite('memory://');
  await database.migrate();
  await seedBuiltInContent(database.db);
  const dump = await (
    database as unknown as { client: { dumpDataDir(c: 'none'): Promise<Blob> } }
  ).client.dumpDataDir('none');
  await database.close();
  const dumpPath = join(directory, 'migrated.tar');
  await writeFile(dumpPath, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteDumpPath', dumpPath);

  const url = process.env.TEST_DATABASE_URL;
  project.provide('postgresTemplateUrl', url ? await preparePostgresTemplate(url) : null);

  return async () => {
    await rm(directory, { recursive: true, force: true });
  };
}

async function preparePostgresTemplate(url: string): Promise<string> {
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists ${TEMPLATE_DATABASE} with (force)`);
    await admin.unsafe(`create database ${TEMPLATE_DATABASE}`);
  } finally {
    await admin.end();
  }
  const templateUrl = withDatabaseName(url, TEMPLATE_DATABASE);
  const database = openPostgres(templateUrl, { max: 1 });
  await database.migrate();
  await seedBuiltInContent(database.db);
  await database.close();
  return templateUrl;
}
