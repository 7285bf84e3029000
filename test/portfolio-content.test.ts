import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedRunFinder } from './helpers/shared-runs.ts';

const guide = readFileSync(
  new URL('../../shared/seed/ir-research-profile-guide.txt', import.meta.url),
  'utf8',
);
const finder = sharedRunFinder(guide, 8);

/** Every text /portfolio and the card show members lives in these source files, and in the README. */
function portfolioSources(): Array<{ where: string; text: string }> {
  const folders = ['../src/portfolio/', '../src/card/'];
  const files = folders.flatMap((folder) =>
    readdirSync(new URL(folder, import.meta.url)).map((name) => new URL(`${folder}${name}`, import.meta.url)),
  );
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  return [
    ...files.map((file) => ({ where: file.pathname, text: readFileSync(file, 'utf8') })),
    { where: 'README.md', text: readme },
  ];
}

describe('portfolio texts are in the project’s own words', () => {
  it.each(portfolioSources())('$where shares no run of 8 words with the guide', ({ text }) => {
    expect(finder.runsIn(text)).toEqual([]);
  });
});
