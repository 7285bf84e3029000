import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commands } from '../commands/index.ts';
import { runConsole as runConsoleWith } from './helpers/console-run.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'bot-console-'));
/** The console's own temp folder, where it saves the files a message would attach. */
const consoleTemp = mkdtempSync(join(tmpdir(), 'bot-console-tmp-'));

function runConsole(input: string, env: NodeJS.ProcessEnv = {}) {
  return runConsoleWith(input, { PGLITE_DATA_DIR: dataDir, ...env });
}

describe('local console (npm start with no configuration)', () => {
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(consoleTemp, { recursive: true, force: true });
  });

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

  it('saves the file /mydata export would attach and prints where it is', { timeout: 180_000 }, () => {
    const opening = [
      '/opening post kind:retrospective focus:ir remote:true role:entry',
      'Outcomes after genicular artery embolization',
      'Example University Hospital',
      '',
      'Chart review for about 200 patients; roughly four hours a week.',
      'ir.lab@example.org',
    ];
    const result = runConsole(`${[...opening, '/mydata export'].join('\n')}\n`, {
      TMPDIR: consoleTemp,
      // Nothing listens there: anything sent to Discord would fail at once and be logged.
      DISCORD_API_BASE: 'http://127.0.0.1:9/api',
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Openings you posted (1)');
    expect(result.stdout).toContain('Everything stored about you in this server:');
    const saved = /Attached file saved as (\S+)/.exec(result.stdout)?.[1] ?? '';
    expect(saved.startsWith(consoleTemp)).toBe(true);
    expect(saved.endsWith('my-data.json')).toBe(true);
    expect(existsSync(saved)).toBe(true);
    expect(JSON.parse(readFileSync(saved, 'utf8'))).toMatchObject({
      openings: [{ title: 'Outcomes after genicular artery embolization', contact: 'ir.lab@example.org' }],
    });
    expect(result.stderr).not.toContain('not delivered');
  });

  it('shows each field of an edit form with its limits and current value, and Enter keeps it', {
    timeout: 180_000,
  }, () => {
    const add = [
      '/portfolio add kind:case_report status:In preparation role:entry',
      'Transradial access for uterine artery embolization',
      'JVIR',
      '',
      '',
      '',
    ];
    const result = runConsole(`${[...add, '/portfolio update item:1', '', '', '', '', ''].join('\n')}\n`);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(
      'Journal or meeting (up to 200 characters, optional, Enter keeps "JVIR"): ',
    );
    expect(result.stdout).toMatch(/now: Transradial access for uterine artery embolization\n/);
    expect(result.stdout).toMatch(
      /Updated: `#1` Transradial access for uterine artery embolization · .*· In preparation/,
    );
  });

  it('posts to local channels that /channel reads, and switches who you are with /as', {
    timeout: 180_000,
  }, () => {
    const result = runConsole(
      `${[
        '/config openings channel:#research-openings',
        '/opening post kind:case_report focus:ir remote:false role:entry',
        'Rare complication after TIPS placement',
        'Example Hospital',
        '',
        'Write up the case with the attending; about two hours a week.',
        'case.lab@example.org',
        '/channel #research-openings',
        '/as member',
        '/config show',
      ].join('\n')}\n`,
    );
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('> /channel #research-openings\nPost "');
    expect(result.stdout).toContain('Rare complication after TIPS placement');
    expect(result.stdout).toMatch(/\[1\] I.m interested/);
    expect(result.stdout).toContain('You are now a member');
    expect(result.stdout).not.toMatch(/failed|Expected token/);
  });
});
