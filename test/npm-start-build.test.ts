import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = new URL('..', import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), 'npm-start-build-'));

/** A copy of the sources to build, so the test never touches the checkout's own build/ or files. */
function copyOfTheTree(name: string): string {
  const tree = join(scratch, name);
  for (const part of ['src', 'commands', 'drizzle', 'package.json', 'package-lock.json', 'tsconfig.json']) {
    cpSync(join(root, part), join(tree, part), { recursive: true, preserveTimestamps: true });
  }
  symlinkSync(join(root, 'node_modules'), join(tree, 'node_modules'));
  return tree;
}

const build = (tree: string) => run(process.execPath, [join(tree, 'src/start.mjs'), '--build']);
const buildDirectory = (tree: string) =>
  (JSON.parse(readFileSync(join(tree, 'build/manifest.json'), 'utf8')) as { directory: string }).directory;

describe('the build npm start runs', { timeout: 180_000 }, () => {
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('is made again when a source changed, and reused while none did', async () => {
    const tree = copyOfTheTree('edited');
    await build(tree);
    const first = buildDirectory(tree);
    await build(tree);
    expect(buildDirectory(tree)).toBe(first);

    // As an editor saving a file does: same path, a new modification time.
    const source = join(tree, 'src/router/router.ts');
    const { atime } = statSync(source);
    utimesSync(source, atime, new Date());
    await build(tree);
    const second = buildDirectory(tree);
    expect(second).not.toBe(first);
    expect(statSync(join(tree, `build/${second}/main.js`)).isFile()).toBe(true);
  });

  it('is made again in a copied install, whose bundle would name the old folder’s files', async () => {
    const tree = copyOfTheTree('original');
    await build(tree);
    const copy = join(scratch, 'copied');
    cpSync(tree, copy, { recursive: true, preserveTimestamps: true, verbatimSymlinks: true });
    await build(copy);
    const rebuilt = buildDirectory(copy);
    expect(rebuilt).not.toBe(buildDirectory(tree));
    expect(readFileSync(join(copy, `build/${rebuilt}/main.js`), 'utf8')).not.toContain(`${tree}/`);
  });
});
