import { execFile } from 'node:child_process';
import { readFileSync, statSync, utimesSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const buildDirectory = () =>
  (JSON.parse(readFileSync('build/manifest.json', 'utf8')) as { directory: string }).directory;

describe('the build npm start runs', { timeout: 120_000 }, () => {
  it('is made again when a source changed, and reused while none did', async () => {
    await run(process.execPath, ['src/start.mjs', '--build']);
    const first = buildDirectory();
    await run(process.execPath, ['src/start.mjs', '--build']);
    expect(buildDirectory()).toBe(first);

    // As an editor saving a file does: same path, a new modification time.
    const source = 'src/router/router.ts';
    const { atime } = statSync(source);
    utimesSync(source, atime, new Date());
    await run(process.execPath, ['src/start.mjs', '--build']);
    const second = buildDirectory();
    expect(second).not.toBe(first);
    expect(statSync(`build/${second}/main.js`).isFile()).toBe(true);
  });
});
