import type { BuiltInFaq } from '../../../src/faq/entry.ts';
import type { Random } from './stats.ts';

/** Rewordings a moderator might use for the same idea; each applies to about half the copies. */
const REWORDINGS: ReadonlyArray<readonly [RegExp, readonly string[]]> = [
  [/\bHow many\b/i, ['What number of', 'How much', 'Roughly how many']],
  [/\bdo I need\b/i, ['should I have', 'are expected', 'would make me competitive']],
  [/\bpublications\b/i, ['papers', 'published articles', 'manuscripts']],
  [/\bresearch\b/i, ['scholarly work', 'academic work', 'studies']],
  [/\bIR\b/, ['interventional radiology', 'IR residency', 'the IR match']],
  [/\bIMGs?\b/, ['international graduate', 'foreign medical graduate', 'non-US graduate']],
  [/\bcompetitive\b/i, ['strong', 'a serious candidate', 'ready']],
  [/\bmentors?\b/i, ['supervisor', 'attending', 'PI']],
  [/\bShould I\b/i, ['Is it wise to', 'Does it make sense to', 'Would you advise me to']],
  [/\bWhat\b/, ['Which', 'What exactly']],
  [/\bprograms?\b/i, ['residency programs', 'program directors', 'departments']],
  [/\bapplication\b/i, ['ERAS file', 'application', 'submission']],
];

const OPENERS = [
  '',
  '',
  'Quick question:',
  'As a PGY-1,',
  'For a graduate from abroad,',
  'In my case,',
  'Honestly,',
];
const PLACES = [
  'Egypt',
  'India',
  'Pakistan',
  'Nigeria',
  'Brazil',
  'Mexico',
  'Colombia',
  'Peru',
  'Iran',
  'Jordan',
  'Lebanon',
  'Syria',
  'Turkey',
  'Greece',
  'Italy',
  'Poland',
  'Romania',
  'Ukraine',
  'Russia',
  'China',
  'Vietnam',
  'Philippines',
  'Indonesia',
  'Nepal',
  'Bangladesh',
  'Sri Lanka',
  'Kenya',
  'Ghana',
  'Ethiopia',
  'Sudan',
  'Saudi Arabia',
  'Iraq',
  'Venezuela',
  'Chile',
  'Argentina',
  'Cuba',
  'Dominica',
  'Grenada',
  'Antigua',
  'Saba',
  'Curacao',
  'Ireland',
  'Hungary',
  'Czechia',
  'Georgia',
  'Armenia',
  'Kazakhstan',
];
const CLOSERS = [
  '',
  '',
  ' (graduated in {year})',
  ' coming from {place}',
  ' with a degree from {place}',
  ' for the {year} match',
  ' after a gap year',
  ' while working full time',
];

function fill(template: string, random: Random): string {
  return template.replace('{place}', random.pick(PLACES)).replace('{year}', String(2018 + random.int(10)));
}

function reword(text: string, random: Random): string {
  let result = text;
  for (const [pattern, options] of REWORDINGS) {
    if (pattern.test(result) && random.next() < 0.5) result = result.replace(pattern, random.pick(options));
  }
  return result;
}

function question(entry: BuiltInFaq, random: Random): string {
  const core = reword(entry.question, random).replace(/\?$/, '');
  const opener = random.pick(OPENERS);
  const start = opener ? `${opener} ${core.charAt(0).toLowerCase()}${core.slice(1)}` : core;
  return `${start}${fill(random.pick(CLOSERS), random)}?`.slice(0, 200);
}

function rotateParagraphs(answer: string, random: Random): string {
  const paragraphs = answer.trim().split(/\n{2,}/);
  const shift = random.int(paragraphs.length);
  return [...paragraphs.slice(shift), ...paragraphs.slice(0, shift)].join('\n\n');
}

export interface SyntheticEntry {
  slug: string;
  question: string;
  answer: string;
  aliases: string[];
  tags: string[];
}

/**
 * Copies of the real entries as a guild with a huge FAQ might have them: reworded questions and
 * aliases, a place or year here and there (so the vocabulary grows with the table, as it would),
 * the answer's paragraphs in another order, and slugs of their own.
 */
export function syntheticEntries(
  real: readonly BuiltInFaq[],
  from: number,
  count: number,
  random: Random,
): SyntheticEntry[] {
  return Array.from({ length: count }, (_, offset) => {
    const number = from + offset;
    const entry = real[number % real.length] as BuiltInFaq;
    const aliases = entry.aliases.filter(() => random.next() < 0.6).map((alias) => reword(alias, random));
    const extra = random.next() < 0.3 ? `Applies to graduates of ${random.pick(PLACES)} as well.\n\n` : '';
    return {
      slug: `${entry.slug.slice(0, 38)}-v${number}`,
      question: question(entry, random),
      answer: `${extra}${rotateParagraphs(entry.answer, random)}`.slice(0, 3500),
      aliases,
      tags: entry.tags,
    };
  });
}
