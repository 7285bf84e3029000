import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FaqListRow } from '../src/db/queries/faqs.ts';
import { judgeMatch } from '../src/faq/ask.ts';
import { parseAliasList, parseTagList } from '../src/faq/entry.ts';
import { parseFaqImport } from '../src/faq/import.ts';
import { normalizeText, queryTerms } from '../src/faq/query-text.ts';
import { pickedSlug, voteConfirmation } from '../src/faq/render.ts';
import { FAQ_SEARCH_TUNING, type FaqSearchRow, isGoodMatch } from '../src/faq/search.ts';
import { rankSuggestions } from '../src/faq/suggest.ts';

describe('query normalisation', () => {
  it('reduces any input to lower-case words of letters and digits', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400, unit: 'binary' }), (text) => {
        const normalized = normalizeText(text);
        expect(normalized).toMatch(/^(?:[a-z0-9]+(?: [a-z0-9]+)*)?$/);
        for (const term of queryTerms(normalized, { prefixLastWord: true })) {
          expect(term.word).toMatch(/^[a-z0-9]{1,30}$/);
        }
      }),
    );
  });

  it('turns operators, quotes and SQL into plain words', () => {
    expect(normalizeText(`"pubs" & (IR | !DR) ': *; DROP TABLE faq_entries; --`)).toBe(
      'pubs ir dr drop table faq entries',
    );
    expect(normalizeText('Y-90 / IR-DR 🙂')).toBe('y 90 ir dr');
  });

  it('expands abbreviations, keeping what was typed at full weight', () => {
    const terms = queryTerms(normalizeText('how many pubs as an IMG'));
    const byWord = new Map(terms.map((term) => [term.word, term]));
    expect(byWord.get('pubs')).toMatchObject({ weight: 1, typed: true });
    expect(byWord.get('publications')).toMatchObject({ typed: false });
    expect(byWord.get('international')?.weight).toBeLessThan(1);
    expect(byWord.get('graduate')?.typed).toBe(false);
  });

  it('matches two-word abbreviations such as Y-90', () => {
    const words = queryTerms(normalizeText('Y-90 outcomes')).map((term) => term.word);
    expect(words).toContain('radioembolization');
  });

  it('treats only a last word of three letters or more as unfinished', () => {
    const last = (text: string) =>
      queryTerms(normalizeText(text), { prefixLastWord: true }).find((term) => term.prefix)?.word;
    expect(last('how many publi')).toBe('publi');
    expect(last('research p')).toBeUndefined();
    expect(queryTerms(normalizeText('how many publi')).some((term) => term.prefix)).toBe(false);
  });
});

describe('autocomplete ranking', () => {
  const row = (slug: string) => ({
    id: slug.length,
    guildId: null,
    slug,
    question: `Question ${slug}?`,
    answer: 'answer',
    aliases: [],
    tags: [],
    source: 'source',
  });
  const listed = (slug: string, exact: boolean): FaqListRow => ({ ...row(slug), exact });
  const found = (slug: string, literal: boolean, score: number): FaqSearchRow => ({
    ...row(slug),
    literal,
    score,
  });

  it('puts an exact alias first, then question prefixes, full-text, and typo matches last', () => {
    const ranked = rankSuggestions(
      [listed('prefix-a', false), listed('exact', true)],
      [
        found('fuzzy', false, 0.9),
        found('text', true, 0.5),
        found('exact', true, 0.8),
        found('prefix-a', true, 1),
      ],
      25,
    );
    expect(ranked.map((suggestion) => [suggestion.slug, suggestion.tier])).toEqual([
      ['exact', 'exact'],
      ['prefix-a', 'prefix'],
      ['text', 'full-text'],
      ['fuzzy', 'fuzzy'],
    ]);
  });

  it('never returns more than asked', () => {
    const many = Array.from({ length: 40 }, (_, index) => found(`entry-${index}`, true, 1 - index / 100));
    expect(rankSuggestions([], many, 25)).toHaveLength(25);
  });
});

describe('small pieces of /faq', () => {
  it('reads the entry a picked choice names, and nothing from free text', () => {
    expect(pickedSlug('slug:how-many-publications')).toBe('how-many-publications');
    expect(pickedSlug('how many pubs')).toBeNull();
  });

  it('says whether a vote was new, changed or the same', () => {
    expect(voteConfirmation(true, null)).toMatch(/recorded/);
    expect(voteConfirmation(false, true)).toMatch(/changed to not helpful/);
    expect(voteConfirmation(true, true)).toMatch(/already/);
  });

  it('splits the aliases and tags boxes of the admin form', () => {
    expect(parseAliasList(' one \n\nTwo\r\ntwo\n')).toEqual(['one', 'Two']);
    expect(parseTagList('Visa, timing  visa,,j1')).toEqual(['visa', 'timing', 'j1']);
  });

  it('uses a threshold between the scores of answers and of noise', () => {
    expect(isGoodMatch(0.9)).toBe(true);
    expect(isGoodMatch(0.05)).toBe(false);
  });

  it('answers a question without a word of the FAQ topics only on a close match', () => {
    const middling = {
      score: (FAQ_SEARCH_TUNING.answerThreshold + FAQ_SEARCH_TUNING.answerThresholdOffTopicWords) / 2,
    };
    const close = { score: FAQ_SEARCH_TUNING.answerThresholdOffTopicWords };
    // Everyday words ("hours", "week") reach a middling score against the time-management entry.
    expect(judgeMatch(normalizeText('how many hours do residents work per week'), middling)).toBe(
      'off-topic',
    );
    expect(judgeMatch(normalizeText('how many hours do residents work per week'), close)).toBe('answer');
    expect(judgeMatch(normalizeText('my PI stopped answering'), middling)).toBe('answer');
    expect(judgeMatch(normalizeText('stuck on one project for months'), middling)).toBe('answer');
  });
});

describe('import validation', () => {
  const valid = {
    slug: 'visa-timing',
    question: 'When should I sort out my visa?',
    answer: 'Start early: sponsorship questions take months.',
    aliases: ['visa'],
    tags: ['visa'],
  };

  it('accepts entries shaped like the export', () => {
    expect(parseFaqImport([valid])).toEqual({ ok: true, entries: [valid] });
  });

  it('reports every problem, naming the entry, and accepts nothing then', () => {
    const result = parseFaqImport([
      valid,
      { ...valid, slug: 'Bad Slug' },
      { ...valid, slug: 'short-answer', answer: 'too short' },
      { ...valid, extra: true },
      valid,
    ]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.join('\n')).toMatch(/entry 2 \(Bad Slug\): slug/);
    expect(result.problems.join('\n')).toMatch(/entry 3 \(short-answer\): answer/);
    expect(result.problems.join('\n')).toMatch(/entry 4 .*extra/);
    expect(result.problems.join('\n')).toMatch(/entry 5 \(visa-timing\): .*more than once/);
  });

  it('refuses something that is not a list of entries', () => {
    expect(parseFaqImport({ slug: 'x' }).ok).toBe(false);
    expect(parseFaqImport([]).ok).toBe(false);
  });
});
