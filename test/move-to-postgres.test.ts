import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { count } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../src/db/client.ts';
import { insertionOrder } from '../src/db/copy.ts';
import { assessments, faqEntries } from '../src/db/schema/index.ts';
import { member } from './helpers/actors.ts';
import { BEGINNER } from './helpers/assess-options.ts';
import { startBotProcess } from './helpers/bot-process.ts';
import { canRunPostgres, startThrowawayPostgres } from './helpers/throwaway-postgres.ts';

const run = promisify(execFile);
const root = new URL('..', import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), 'move-to-postgres-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const check = (publications: number) => ({ options: { ...BEGINNER, publications } });

async function move(dataDir: string, args: string[]) {
  const { DATABASE_URL: _url, ...env } = process.env;
  try {
    const { stderr } = await run(
      process.execPath,
      ['--import', 'tsx', 'src/cli/move-to-postgres.ts', ...args],
      {
        cwd: root,
        env: { ...env, PGLITE_DATA_DIR: dataDir },
      },
    );
    return { code: 0, stderr };
  } catch (error) {
    return error as { code: number; stderr: string };
  }
}

describe('insertionOrder', () => {
  it('puts every table after the ones its foreign keys point to', () => {
    const order = insertionOrder(
      ['b', 'a', 'c'],
      [
        { child: 'a', parent: 'c' },
        { child: 'c', parent: 'b' },
      ],
    );
    expect(order).toEqual(['b', 'c', 'a']);
  });
});

describe.skipIf(!canRunPostgres)('npm run move-to-postgres', { timeout: 240_000 }, () => {
  it('moves a server from the embedded database to PostgreSQL, where the bot carries on', async () => {
    const dataDir = join(scratch, 'pglite');
    const embedded = await startBotProcess({ PGLITE_DATA_DIR: dataDir, DATABASE_URL: '' });
    for (const publications of [1, 2, 3]) {
      expect((await embedded.send('assess', check(publications), member())).status).toBe(200);
    }
    // While the bot runs, the directory is its own.
    const postgres = await startThrowawayPostgres();
    try {
      const busy = await move(dataDir, [postgres.url]);
      expect(busy.code).toBe(1);
      expect(busy.stderr).toMatch(/in use by the bot/);
      expect(await embedded.signal('SIGTERM')).toBe(0);

      const moved = await move(dataDir, [postgres.url]);
      expect(moved.stderr).toMatch(/^Copied \d+ rows from .* Set DATABASE_URL/);
      expect(moved.code).toBe(0);
      const again = await move(dataDir, [postgres.url]);
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(/already has assessments; copy into a new database, or pass --replace/);

      const onPostgres = await startBotProcess({ DATABASE_URL: postgres.url });
      try {
        expect((await onPostgres.send('assess', check(4), member())).status).toBe(200);
        const faq = await onPostgres.send(
          'faq',
          { options: { question: 'how many publications' } },
          member(),
        );
        expect(faq.body.data?.embeds?.length).toBe(1);
      } finally {
        await onPostgres.signal('SIGTERM');
      }
      const database = openPostgres(postgres.url, { max: 1 });
      try {
        const [stored] = await database.db.select({ total: count() }).from(assessments);
        expect(stored?.total).toBe(4);
        const [entries] = await database.db.select({ total: count() }).from(faqEntries);
        expect(entries?.total).toBeGreaterThan(10);
      } finally {
        await database.close();
      }
    } finally {
      postgres.destroy();
    }
  });
});
