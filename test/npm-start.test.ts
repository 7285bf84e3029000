import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { member } from './helpers/actors.ts';
import { BEGINNER } from './helpers/assess-options.ts';
import { startBotProcess } from './helpers/bot-process.ts';

const scratch = mkdtempSync(join(tmpdir(), 'npm-start-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const check = { options: { ...BEGINNER, publications: 2 } };

function isRunning(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('npm start', { timeout: 180_000 }, () => {
  for (const target of ['only the main pid', 'the whole process group'] as const) {
    it(`answers what is in flight and exits 0, leaving nothing behind, when SIGTERM reaches ${target}`, async () => {
      const dataDir = join(scratch, target.replace(/ /g, '-'));
      const bot = await startBotProcess({ PGLITE_DATA_DIR: dataDir, DATABASE_URL: '' }, { viaNpm: true });
      const botPid = (JSON.parse(readFileSync(`${dataDir}.lock`, 'utf8')) as { pid: number }).pid;
      const npmPid = bot.child.pid ?? 0;
      expect((await bot.send('assess', check, member('300000000000000009'))).status).toBe(200);
      const inFlight = Array.from({ length: 10 }, (_, index) =>
        bot.send('assess', check, member(`3000000000000000${10 + index}`)).then(
          (response) => response.status,
          () => 0,
        ),
      );
      await new Promise((resolve) => setTimeout(resolve, 30));
      process.kill(target === 'only the main pid' ? npmPid : -npmPid, 'SIGTERM');
      expect(await bot.exited).toBe(0);
      // Each was answered, or refused whole (503, or no connection) once the bot stopped taking new ones.
      const statuses = await Promise.all(inFlight);
      for (const status of statuses) expect([200, 503, 0]).toContain(status);
      // The bot itself, not only npm, is gone, and the lock with it.
      expect(isRunning(botPid)).toBe(false);
      expect(() => readFileSync(`${dataDir}.lock`)).toThrow(/ENOENT/);
    });
  }
});
