import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/client.ts';
import { loadBuiltInFaqs } from '../src/faq/content.ts';
import { correctedText, hasTopicWord, normalizeText, queryTerms } from '../src/faq/query-text.ts';
import { FAQ_SEARCH_TUNING, searchFaqs } from '../src/faq/search.ts';
import { buildVocabulary, correctWord, editDistance } from '../src/faq/typos.ts';
import { memberVocabulary } from '../src/faq/vocabulary.ts';
import { GUILD_A } from './helpers/actors.ts';
import { createTestDatabase, databaseKinds } from './helpers/db.ts';

/** Every word of the built-in entries, as normalizeText leaves it. */
function contentWords(): Set<string> {
  const words = new Set<string>();
  for (const entry of loadBuiltInFaqs()) {
    const text = [entry.question, ...entry.aliases, ...entry.tags, entry.answer].join(' ');
    for (const word of normalizeText(text).split(' ')) words.add(word);
  }
  return words;
}

describe('the members’ vocabulary (src/faq/member-vocabulary.json)', () => {
  const terms = Object.entries(memberVocabulary.terms);

  it('covers the terms members use for the guide’s words', () => {
    const keys = new Set(terms.map(([key]) => normalizeText(key)));
    for (const typed of [
      'stats',
      'pubs',
      'paper',
      'pi',
      'attending',
      'pd',
      'lor',
      'ps',
      'sr',
      'dr',
      'irb',
      'resume',
      'curriculum vitae',
      'in prep',
      'ghosting',
      'gap year',
      'research year',
      'img',
      'ir',
      'eras',
      'ufe',
      'tace',
      'pae',
      'y90',
      'sir',
      'rsna',
      'cirse',
      'jvir',
      'cvir',
      'qi',
    ]) {
      expect(keys, typed).toContain(typed);
    }
  });

  it('has each key once, written as members type it, and never maps a term to itself alone', () => {
    const keys = terms.map(([key]) => normalizeText(key));
    expect(new Set(keys).size).toBe(keys.length);
    for (const [key, expansion] of terms) {
      expect(normalizeText(key), key).not.toBe('');
      expect(normalizeText(expansion), key).not.toBe(normalizeText(key));
    }
  });

  it('expands only into words the FAQ entries use, so every expansion can find something', () => {
    const words = contentWords();
    const unknown = terms.flatMap(([key, expansion]) =>
      normalizeText(expansion)
        .split(' ')
        .filter((word) => !words.has(word))
        .map((word) => `${key} → ${word}`),
    );
    // A few expansions name the guide's full terms, which members may find spelled out elsewhere.
    expect(unknown.length, unknown.join(', ')).toBeLessThanOrEqual(Math.ceil(terms.length * 0.15));
  });

  it('adds the FAQ’s words to what was typed, at a lower weight, or in its place for a term no entry uses', () => {
    const byWord = new Map(
      queryTerms(normalizeText('need help with stats for my SR')).map((t) => [t.word, t]),
    );
    // "stats" is in some entry: the FAQ's word for it is added at a lower weight.
    expect(byWord.get('stats')).toMatchObject({ typed: true, weight: 1 });
    expect(byWord.get('statistics')).toMatchObject({ typed: false });
    expect(byWord.get('statistics')?.weight).toBeLessThan(1);
    // "sr" is in none: "systematic review" stands in for it, and it counts no more than an added word.
    expect(byWord.get('systematic')).toMatchObject({ typed: false, weight: 1 });
    expect(byWord.get('sr')?.weight).toBe(FAQ_SEARCH_TUNING.synonymWeight);
  });

  it('leaves chat filler and stop words out of long questions, not out of short ones', () => {
    const long = queryTerms(
      normalizeText('hi guys sorry, really need advice on the personal statement please'),
    );
    expect(long.map((term) => term.word)).not.toContain('guys');
    expect(long.map((term) => term.word)).toContain('statement');
    expect(queryTerms(normalizeText('hello')).map((term) => term.word)).toEqual(['hello']);
  });

  it('knows which words mark a question about research, careers or applying', () => {
    expect(hasTopicWord(normalizeText('my PI stopped answering'))).toBe(true);
    expect(hasTopicWord(normalizeText('best pizza in chicago'))).toBe(false);
  });
});

describe('typo correction (src/faq/typos.ts)', () => {
  const vocabulary = buildVocabulary(['research fellowship journals department should mandatory'], ['pubs']);

  it('corrects swapped, missing and extra letters of each word of a question', () => {
    const words = (text: string) =>
      queryTerms(normalizeText(text))
        .filter((term) => term.typed)
        .map((term) => `${term.word}${term.corrected ? '*' : ''}`);
    expect(words('reserch fellowhsip, which jounrals shoud I target')).toEqual(
      expect.arrayContaining(['research*', 'fellowship*', 'journals*', 'should*']),
    );
    expect(correctWord('mandatary', vocabulary)).toBe('mandatory');
    expect(correctedText(normalizeText('is reserch mandatary?'))).toBe('is research mandatory');
  });

  it('leaves known, short and numeric words, and far or differently starting words, alone', () => {
    expect(correctWord('research', vocabulary)).toBeNull();
    expect(correctWord('pubs', vocabulary)).toBeNull();
    expect(correctWord('y90x', vocabulary)).toBeNull();
    expect(correctWord('apartment', vocabulary)).toBeNull();
    // A short word one letter longer than a known one is another word, not a typo.
    expect(correctWord('movie', buildVocabulary(['move']))).toBeNull();
    expect(correctWord('shoud', vocabulary)).toBe('should');
    expect(editDistance('fellowhsip', 'fellowship', 2)).toBe(1);
    expect(editDistance('abc', 'xyzuvw', 2)).toBe(3);
  });

  it('leaves common English words alone, and never takes Spanish, Portuguese or French small words for typos', () => {
    const typed = (text: string) => queryTerms(normalizeText(text)).filter((term) => term.typed);
    // Real words the FAQ happens not to use: "cake" is not "case", "change" not "chance".
    expect(correctedText(normalizeText('a cake, a change of plans, a decent laptop'))).toBe(
      'a cake a change of plans a decent laptop',
    );
    // 'para' is not "part" nor 'pour' "your": they are dropped as English stop words are.
    const words = typed('¿Qué buscan los directores de programa en un candidato IMG para IR?').map(
      (t) => t.word,
    );
    expect(words).not.toContain('part');
    expect(words).not.toContain('para');
    expect(words).toEqual(expect.arrayContaining(['program', 'directors', 'applicant', 'img']));
    expect(typed('Quelle est la différence pour ERAS?').map((t) => t.word)).not.toContain('your');
  });

  it('corrects only the first few unknown words of a long string of random ones', () => {
    const random = Array.from(
      { length: 40 },
      (_, index) => `researcx${String.fromCharCode(97 + (index % 26))}`,
    );
    const corrected = queryTerms(random.join(' ')).filter((term) => term.corrected);
    expect(corrected.length).toBeLessThanOrEqual(FAQ_SEARCH_TUNING.maxCorrectedWords);
  });
});

describe('accent folding', () => {
  it('keeps the letters of accented words', () => {
    expect(normalizeText('¿Cuántas publicaciones necesito? Publicação, résumé, Straße')).toBe(
      'cuantas publicaciones necesito publicacao resume strasse',
    );
    expect(normalizeText('ｐｕｂｓ')).toBe('pubs');
    expect(normalizeText('zero\u200bwidth \u202eexe.png')).toBe('zero width exe png');
  });

  describe.each(databaseKinds())('in the database (%s)', (kind) => {
    let database: Database;
    beforeAll(async () => {
      database = await createTestDatabase(kind);
    });
    afterAll(() => database.close());

    it('folds every Latin letter from U+00C0 to U+024F as normalizeText does', async () => {
      const letters = Array.from({ length: 0x250 - 0xc0 }, (_, index) => String.fromCodePoint(0xc0 + index));
      const text = letters.join(' ');
      const result = (await database.db.execute(sql`select faq_normalize(${text}) as folded`)) as unknown;
      const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Array<{
        folded: string;
      }>;
      expect(rows[0]?.folded).toBe(normalizeText(text));
    });

    it('finds an entry asked for with accents, as without', async () => {
      const plain = await searchFaqs(database.db, GUILD_A, 'curriculum vitae resume', 1);
      const accented = await searchFaqs(database.db, GUILD_A, 'currículum vitae résumé', 1);
      expect(accented[0]?.slug).toBe(plain[0]?.slug);
    });
  });
});
