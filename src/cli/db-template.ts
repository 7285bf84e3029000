import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { createPglite, openPglite } from '../db/client.ts';
import { seedBuiltInContent } from '../db/seed.ts';
import { journalMigrations, pgliteVersion, TEMPLATE_FILE, TEMPLATE_MANIFEST } from '../db/template.ts';
import { runCli } from './run-cli.ts';

/**
 * `npm run db:template`: writes src/db/pglite-template.tar.br, the directory a new
 * PGLITE_DATA_DIR starts from, by running initdb, the migrations and the seed as a first start
 * without a template would. Run it after adding migrations (a stale template still works: a start
 * applies what it lacks, taking longer).
 */
async function buildTemplate() {
  const scratch = await mkdtemp(join(tmpdir(), 'pglite-template-'));
  const dataDir = join(scratch, 'pgdata');
  try {
    const database = await openPglite(dataDir, { purpose: 'npm run db:template', fromTemplate: false });
    await database.migrate();
    await seedBuiltInContent(database.db);
    await database.close();
    // Without recycling, a checkpoint after a WAL switch leaves one segment holding little but
    // the checkpoint record: the rest of it is zeros, so the archive stays small.
    const client = await createPglite(dataDir, { extraStartParams: ['-c', 'wal_recycle=off'] });
    for (let pass = 0; pass < 2; pass++) {
      await client.query('select pg_switch_wal()');
      await client.exec('CHECKPOINT');
    }
    const archive = Buffer.from(await (await client.dumpDataDir('none')).arrayBuffer());
    await client.close();
    const compressed = brotliCompressSync(archive, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: archive.length },
    });
    await writeFile(TEMPLATE_FILE, compressed);
    const manifest = { pglite: pgliteVersion(), migrations: journalMigrations() };
    await writeFile(TEMPLATE_MANIFEST, `${JSON.stringify(manifest, null, 2)}\n`);
    process.stdout.write(`Wrote ${TEMPLATE_FILE} (${(compressed.length / 1024 ** 2).toFixed(1)} MiB).\n`);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

runCli({ name: 'db:template', failure: 'db:template failed' }, buildTemplate);
