import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commands } from '../commands/index.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'bot-console-'));

function runConsole(input: string) {
  return spawnSync('npm', ['start', '--silent'], {
    input,
    encoding: 'utf8',
    env: {
      ...process.env,
      DISCORD_TOKEN: '',
      BOT_TRANSPORT: '',
      PGLITE_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
    },
    timeout: 150_000,
  });
}

describe('local console (npm start with no configuration)', () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('says it is offline, lists the commands for /help, and exits at the end of input', {
    timeout: 180_000,
  }, () => {
    const result = runConsole('/help\n');
    expect(result.status).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^Offline: .*DISCORD_TOKEN/);
    for (const command of commands) expect(result.stdout).toContain(`/${command.data.name}`);
  });

  it('explains mistakes instead of failing, and keeps reading', { timeout: 180_000 }, () => {
    const result = runConsole('/nonsense\nhello\n/help\n');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Unknown command /nonsense');
    expect(result.stdout).toContain('Type a slash command');
    expect(result.stdout).toContain('What this bot can do');
  });
});
