import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('..', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(ROOT, dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(relative(ROOT, path));
    return name.endsWith('.ts') ? [relative(ROOT, path)] : [];
  });
}

const files = [...sourceFiles('src'), ...sourceFiles('commands'), ...sourceFiles('test/helpers')].map(
  (path) => ({ path, text: readFileSync(join(ROOT, path), 'utf8') }),
);

/** Where a rule may be written; anywhere else must import it from there. */
const RULES: { rule: string; pattern: RegExp; home: string }[] = [
  { rule: 'the snowflake pattern', pattern: /\\d\{1?7?,?20\}/, home: 'src/discord/snowflake.ts' },
  { rule: 'the opening-id pattern', pattern: /\\d\{1,9\}/, home: 'src/db/schema/openings.ts' },
  {
    rule: 'a duration in milliseconds',
    pattern: /\b(?:60_000|3_600_000|86_400_000)\b|60 \* 1000/,
    home: 'src/time.ts',
  },
  { rule: 'a raw permission bit', pattern: /1n << \d+n/, home: 'discord-api-types' },
  // One zod error style, `{ error: '…' }`: neither `{ message }` nor a bare string argument.
  {
    rule: 'another zod error style',
    pattern: /[(,]\s*\{\s*message\b|\.(?:min|max|regex|length)\([^()]*, ['`]/,
    home: 'nowhere',
  },
];

describe('each small rule is written once', () => {
  it.each(RULES)('$rule lives in $home only', ({ pattern, home }) => {
    const elsewhere = files
      .filter(({ path, text }) => path !== home && pattern.test(text))
      .map(({ path }) => path);
    expect(elsewhere).toEqual([]);
  });
});
