import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { count } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite } from '../src/db/client.ts';
import { assessments } from '../src/db/schema/index.ts';
import { GUILD_A, member } from './helpers/actors.ts';
import { BEGINNER } from './helpers/assess-options.ts';
import { startBotProcess } from './helpers/bot-process.ts';

const execFileAsync = promisify(execFile);
const root = new URL('..', import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), 'embedded-owner-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A script of this project as `npm run <script>` runs it: one node process with tsx loaded. */
async function runScript(script: string, args: string[], env: NodeJS.ProcessEnv) {
  const { DATABASE_URL: _url, ...rest } = process.env;
  const started = performance.now();
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: root,
      env: { ...rest, LOG_LEVEL: 'warn', ...env },
      maxBuffer: 50_000_000,
    });
    return { code: 0, stdout, stderr, ms: performance.now() - started };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { ...failed, ms: performance.now() - started };
  }
}

const check = (publications: number) => ({ options: { ...BEGINNER, publications } });

async function storedChecks(dataDir: string) {
  const database = await openPglite(dataDir);
  try {
    const [row] = await database.db.select({ total: count() }).from(assessments);
    return row?.total ?? 0;
  } finally {
    await database.close();
  }
}

describe('the embedded database has one owner', { timeout: 240_000 }, () => {
  it('refuses a second bot and faq import with one line naming the owner; a backup works meanwhile', async () => {
    const dataDir = join(scratch, 'owned');
    const bot = await startBotProcess({ PGLITE_DATA_DIR: dataDir, DATABASE_URL: '' });
    try {
      const saved = await bot.send('assess', check(3), member());
      expect(saved.status).toBe(200);

      const second = await runScript('src/main.ts', [], {
        PGLITE_DATA_DIR: dataDir,
        BOT_TRANSPORT: 'console',
        DISCORD_TOKEN: '',
      });
      expect(second.code).toBe(1);
      const lines = second.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(`in use by the bot (http) (pid ${bot.child.pid}`);
      expect(lines[0]).toContain('Stop that process first, or set DATABASE_URL');

      const importFile = join(scratch, 'import.json');
      writeFileSync(
        importFile,
        JSON.stringify([
          {
            slug: 'visa-timing',
            question: 'When should I start my visa paperwork?',
            answer: 'An answer long enough to pass validation, written for this server.',
            aliases: [],
            tags: [],
          },
        ]),
      );
      const imported = await runScript('src/cli/faq.ts', ['import', importFile, '--guild', GUILD_A], {
        PGLITE_DATA_DIR: dataDir,
      });
      expect(imported.code).toBe(1);
      expect(imported.stderr.trim().split('\n')).toHaveLength(1);
      expect(imported.stderr).toContain(`pid ${bot.child.pid}`);

      const copy = join(scratch, 'copy.tar.gz');
      const backup = await runScript('src/cli/backup.ts', [copy], { PGLITE_DATA_DIR: dataDir });
      expect(backup.stderr).toMatch(/^Backed up .* MiB\)\.\n$/);
      expect(backup.code).toBe(0);

      // The copy opens on its own, with the check the running bot had saved.
      const restoredDir = join(scratch, 'restored');
      const restored = await runScript('src/cli/backup.ts', ['--restore', copy], {
        PGLITE_DATA_DIR: restoredDir,
      });
      expect(restored.code).toBe(0);
      expect(await storedChecks(restoredDir)).toBe(1);
      const again = await runScript('src/cli/backup.ts', ['--restore', copy], {
        PGLITE_DATA_DIR: restoredDir,
      });
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(/already exists; stop the bot and move it aside first/);
    } finally {
      expect(await bot.signal('SIGTERM')).toBe(0);
    }
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
    expect(await storedChecks(dataDir)).toBe(1);
  });

  it('takes over the lock of a process that died', async () => {
    const dataDir = join(scratch, 'stale');
    const dead = spawn(process.execPath, ['-e', '0']);
    await new Promise((resolve) => dead.once('exit', resolve));
    const stale = {
      pid: dead.pid,
      purpose: 'the bot (gateway)',
      startedAt: '2026-01-01T00:00:00Z',
      host: hostname(),
    };
    writeFileSync(`${dataDir}.lock`, JSON.stringify(stale));
    const bot = await startBotProcess({ PGLITE_DATA_DIR: dataDir, DATABASE_URL: '' });
    expect(JSON.parse(readFileSync(`${dataDir}.lock`, 'utf8')).pid).toBe(bot.child.pid);
    expect(await bot.signal('SIGTERM')).toBe(0);
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
  });

  it('says in one line how to recover from a damaged directory, with no stack trace', async () => {
    const dataDir = join(scratch, 'damaged');
    const database = await openPglite(dataDir);
    await database.close();
    writeFileSync(join(dataDir, 'global', 'pg_control'), Buffer.alloc(8192, 0x5a));
    const start = await runScript('src/main.ts', [], { PGLITE_DATA_DIR: dataDir, BOT_TRANSPORT: 'console' });
    expect(start.code).toBe(1);
    expect(start.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^The embedded database in .*damaged cannot be read \(.*\); it may be damaged\. To recover, move it aside .*"npm run backup -- --restore FILE/,
      ),
    ]);
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
  });
});
