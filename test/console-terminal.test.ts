import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), 'console-terminal-'));
// A tmux server of this test's own, so nothing else's sessions are touched.
const socket = `console-test-${process.pid}`;
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
const screen = () => tmux('capture-pane', '-p', '-J', '-t', 'bot', '-S', '-200').trimEnd();

async function waitFor(pattern: RegExp, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = screen();
    if (pattern.test(text)) return text;
    if (Date.now() > deadline) throw new Error(`the screen never showed ${pattern}:\n${text}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The built-in entry the suggestions for "how many pub" must offer, as its content file asks it. */
const publicationsQuestion =
  /^question: (.+)$/m.exec(
    readFileSync(join(root, 'src/content/faq/how-many-publications.md'), 'utf8'),
  )?.[1] ?? '';
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Types a line, then presses Enter; keys a person presses one by one are sent apart. */
async function type(line: string, enter = true) {
  tmux('send-keys', '-t', 'bot', '-l', line);
  await pause(300);
  if (enter) tmux('send-keys', '-t', 'bot', 'Enter');
}

async function press(...keys: string[]) {
  for (const key of keys) {
    tmux('send-keys', '-t', 'bot', key);
    await pause(500);
  }
}

const assessLine =
  '/assess publications:1 ir_publications:0 first_author:0 abstracts:0 presentations:0 ir_projects:0 ongoing:0 months_to_apply:12';

describe('the console in a terminal', { timeout: 240_000 }, () => {
  beforeAll(async () => {
    const exports = Object.entries({
      DATABASE_URL: '',
      PGLITE_DATA_DIR: join(scratch, 'pglite'),
      DISCORD_TOKEN: '',
      BOT_TRANSPORT: 'console',
      LOG_LEVEL: 'info',
      TERM: 'xterm-256color',
    })
      .map(([name, value]) => `${name}='${value}'`)
      .join(' ');
    tmux(
      'new-session',
      '-d',
      '-s',
      'bot',
      '-x',
      '160',
      '-y',
      '60',
      '-c',
      root,
      `env ${exports} ${process.execPath} --import tsx src/main.ts; echo "exited with $?"; sleep 60`,
    );
    await waitFor(/Offline: running locally/, 150_000);
    await waitFor(/\n> ?$/);
  });
  afterAll(() => {
    try {
      tmux('kill-server');
    } catch {}
    rmSync(scratch, { recursive: true, force: true });
  });

  it('shows what is typed and completes command names with Tab', async () => {
    await type('/fa', false);
    await press('Tab', 'Tab');
    const shown = await waitFor(/\/faq-admin/);
    expect(shown).toMatch(/> \/faq/);
    await press('C-u');
    // The bot's own suggestions for what is typed so far, as Discord's autocomplete box shows them.
    await type('/faq question:"how many pub', false);
    await press('Tab', 'Tab');
    await waitFor(new RegExp(`question:"${escapeRegExp(publicationsQuestion)}"`));
    await press('C-u');
    // Unquoted words after question: are its value, as in Discord's box; Tab takes the top suggestion.
    await type('/faq question:first author pap', false);
    await press('Tab');
    await waitFor(/> \/faq question:"[^"\n]*first-author[^"\n]*"\s*$/);
    await press('C-u');
    await type('/fqa');
    await waitFor(/Unknown command \/fqa\. Did you mean `\/faq`\?/);
  });

  it('answers case-insensitive commands, explains mistakes in one line, and renders markup', async () => {
    await type('/HELP opening');
    await waitFor(/Example: \/opening post kind:case_report focus:ir remote:true role:entry/);
    await type('/faq question:"how many pubs');
    await waitFor(/A quote is not closed/);
    await type('/assess publications:0x10');
    await waitFor(/publications must be a whole number from 0 to \d+; "0x10" is not\./);
    await type(assessLine);
    // The reply, then a new prompt.
    const text = await waitFor(/> \/assess publications:1 [^\n]*\n[\s\S]+\n> ?$/);
    expect(text).not.toMatch(/<t:\d+|<#\d+>|\*\*/);
  });

  it('lets a confirmation be used once: the old buttons cannot be pressed', async () => {
    await type('/mydata delete');
    await waitFor(/\[2\] Keep my data/);
    await type('2');
    await waitFor(/Nothing was deleted/);
    await type('1');
    await waitFor(/There is no button 1: buttons belong to the last message, and it has none\./);
    // Up brings the last line back for editing, as in a shell.
    await press('Up');
    await waitFor(/^> 1$/m);
    await press('C-u');
  });

  it('switches to a member, keeps logs off the prompt, and exits on exit', async () => {
    await type('/as member');
    await waitFor(/You are now a member/);
    await type('/config show');
    const text = await waitFor(/> \/config show\n[\s\S]+\n> ?$/);
    expect(text).not.toMatch(/"level":\d+/);
    await type('exit');
    await waitFor(/exited with 0/);
  });
});
