import type { Random } from './stats.ts';

/** Letters next to each other on a QWERTY keyboard: the usual slips of a finger. */
const NEIGHBOURS: Record<string, string> = {
  a: 'qwsz',
  b: 'vghn',
  c: 'xdfv',
  d: 'serfcx',
  e: 'wsdr',
  f: 'drtgvc',
  g: 'ftyhbv',
  h: 'gyujnb',
  i: 'ujko',
  j: 'huikmn',
  k: 'jiolm',
  l: 'kop',
  m: 'njk',
  n: 'bhjm',
  o: 'iklp',
  p: 'ol',
  q: 'wa',
  r: 'edft',
  s: 'awedxz',
  t: 'rfgy',
  u: 'yhji',
  v: 'cfgb',
  w: 'qase',
  x: 'zsdc',
  y: 'tghu',
  z: 'asx',
};

/** One typing slip at a letter of the text: swapped, dropped, doubled or a neighbouring key. */
export function addTypo(text: string, random: Random): string {
  const letters = [...text].flatMap((char, index) => (/[a-z]/i.test(char) ? [index] : []));
  if (letters.length < 2) return text;
  const at = random.pick(letters);
  const char = text[at] ?? '';
  switch (random.int(4)) {
    case 0: {
      const next = text[at + 1];
      return next && /[a-z]/i.test(next) ? text.slice(0, at) + next + char + text.slice(at + 2) : text;
    }
    case 1:
      return text.slice(0, at) + text.slice(at + 1);
    case 2:
      return text.slice(0, at) + char + text.slice(at);
    default: {
      const options = NEIGHBOURS[char.toLowerCase()] ?? char;
      return text.slice(0, at) + random.pick([...options]) + text.slice(at + 1);
    }
  }
}

/**
 * What Discord sends while a member types: a prefix of something they mean to ask (cut at any
 * keystroke, so often mid-word), usually lower case, a quarter of them with a slip of the finger.
 */
export function partialQueries(sources: readonly string[], count: number, random: Random): string[] {
  const queries: string[] = [];
  while (queries.length < count) {
    const source = random.pick(sources);
    const length = 2 + random.int(Math.max(1, source.length - 1));
    let query = source.slice(0, length);
    if (random.next() < 0.7) query = query.toLowerCase();
    if (random.next() < 0.25) query = addTypo(query, random);
    if (query.trim().length >= 2) queries.push(query);
  }
  return queries;
}

/** Random long strings of made-up words, as an attacker (or a cat on the keyboard) types them. */
export function randomText(random: () => number): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const words = Array.from({ length: 20 + Math.floor(random() * 15) }, () =>
    Array.from({ length: 4 + Math.floor(random() * 9) }, () => letters[Math.floor(random() * 26)]).join(''),
  );
  return words.join(' ').slice(0, 200);
}
