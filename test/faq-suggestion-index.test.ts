import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/client.ts';
import { hideBuiltInFaq, unhideBuiltInFaq } from '../src/db/queries/faq-hidden.ts';
import { deleteGuildFaq, type FaqSuggestionRow, upsertGuildFaq } from '../src/db/queries/faqs.ts';
import { normalizeText } from '../src/faq/query-text.ts';
import { createFaqReads } from '../src/faq/reads.ts';
import { buildSuggestionIndex, lightStem } from '../src/faq/suggestion-index.ts';
import { GUILD_A, GUILD_B, moderator } from './helpers/actors.ts';
import { createTestDatabase, databaseKinds } from './helpers/db.ts';
import { createHarness, type Harness } from './helpers/harness.ts';
import { replyOf } from './helpers/responses.ts';

let nextId = 1;
function row(slug: string, question: string, aliases: string[] = [], tags: string[] = []): FaqSuggestionRow {
  return {
    id: nextId++,
    slug,
    question,
    questionKey: normalizeText(question),
    aliasKeys: aliases.map(normalizeText),
    tags,
  };
}

const ROWS = [
  row(
    'zebra-posters',
    'Where can I present a poster?',
    ['poster sessions for students', 'zebra poster club'],
    ['posters'],
  ),
  row('visa-timing', 'When should I start my visa paperwork?', ['j1 visa paperwork'], ['visa']),
  row('when-to-apply', 'When should I apply to residency?', [], ['timeline']),
  row('statistics', 'Do I need to learn statistics for research?', ['stats for research'], ['statistics']),
  row('case-reports', 'Are case reports worth writing for research?', [], ['case-reports']),
  row('mentor-quiet', 'My research mentor stopped answering, what now?', ['mentor ghosting'], ['mentors']),
];

describe('the suggestion index, as a structure', () => {
  const index = buildSuggestionIndex(ROWS);
  const starts = (text: string, limit = 25) =>
    index.questionStarts(normalizeText(text), limit).map((found) => [found.slug, found.exact]);
  const words = (text: string, prefixLastWord = true) =>
    index.wordMatches(normalizeText(text), 25, { prefixLastWord });

  it('finds question starts in question order, an exact alias or question first', () => {
    expect(starts('When should I')).toEqual([
      ['when-to-apply', false],
      ['visa-timing', false],
    ]);
    expect(starts('j1 visa paperwork')).toEqual([['visa-timing', true]]);
    expect(starts('When should I apply to residency?')).toEqual([['when-to-apply', true]]);
    expect(starts('when', 1)).toEqual([['when-to-apply', false]]);
    expect(starts('nothing starts so')).toEqual([]);
  });

  it('ranks entries by the typed words they hold, the rare ones above the common', () => {
    const found = words('research mentor').matches.map((match) => match.slug);
    expect(found[0]).toBe('mentor-quiet');
    expect(found).toEqual(expect.arrayContaining(['statistics', 'case-reports']));
    expect(found).not.toContain('visa-timing');
  });

  it('matches the last word as a prefix only while it is being typed, and words by their stem', () => {
    expect(words('visa paperw').matches[0]?.slug).toBe('visa-timing');
    expect(words('posters', false).matches[0]?.slug).toBe('zebra-posters');
    expect(lightStem('sessions')).toBe(lightStem('session'));
  });

  it('reads members’ terms and accents as the search does', () => {
    // "stats" is a member's word for statistics; "Póster" keeps its letters, folded.
    expect(words('stats').matches[0]?.slug).toBe('statistics');
    expect(words('Póster').matches[0]?.slug).toBe('zebra-posters');
  });

  it('says when a typed word is in no question, alias or tag, so the search can rank instead', () => {
    const unknown = words('visa zorblat');
    expect(unknown.allWordsKnown).toBe(false);
    expect(unknown.matches[0]?.slug).toBe('visa-timing');
    expect(words('visa paperwork').allWordsKnown).toBe(true);
    expect(words('').matches).toEqual([]);
  });

  it('corrects a word one slip from a word of the guild’s entries, without the search', () => {
    // "zebra" is no built-in word: the vocabulary of src/faq/typos.ts would not know it.
    const misspelt = words('zebar', false);
    expect(misspelt.allWordsKnown).toBe(true);
    expect(misspelt.matches[0]).toEqual({
      slug: 'zebra-posters',
      question: 'Where can I present a poster?',
      literal: false,
    });
    expect(words('poster zebar').matches[0]?.slug).toBe('zebra-posters');
    // A slip on a short word is left out; the rest still decides.
    expect(words('hw visa paperwork', false).allWordsKnown).toBe(true);
  });

  it('gives the same answers however often it is asked (its scratch space is reset)', () => {
    const first = words('research mentor');
    words('when should i apply');
    expect(words('research mentor')).toEqual(first);
  });
});

describe.each(databaseKinds())('the suggestion index of a guild (%s)', (kind) => {
  let database: Database;
  let time = 0;
  const now = () => time;
  const OWN = {
    slug: 'quokka-club',
    question: 'When does the quokka journal club meet?',
    answer: 'Every second Tuesday, in the voice channel.',
    aliases: ['quokka meetup'],
    tags: ['journal-club'],
  };
  const WRITE = { source: 'Server moderators', actorId: null, now: new Date('2026-11-01T12:00:00Z') };
  const startsOf = async (reads: ReturnType<typeof createFaqReads>, guildId: string, text: string) =>
    (await reads.suggestionIndex(guildId))
      ?.questionStarts(normalizeText(text), 25)
      .map((found) => found.slug);

  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database.close());
  beforeEach(async () => {
    time = 0;
    await deleteGuildFaq(database.db, GUILD_A, OWN.slug);
    await unhideBuiltInFaq(database.db, GUILD_A, 'ir-journals');
  });

  it('is built once per guild and kept, holding the built-ins and the guild’s own entries only', async () => {
    await upsertGuildFaq(database.db, GUILD_A, OWN, WRITE);
    const reads = createFaqReads(database.db, { now });
    const index = await reads.suggestionIndex(GUILD_A);
    expect(await reads.suggestionIndex(GUILD_A)).toBe(index);
    expect(await startsOf(reads, GUILD_A, 'quokka meetup')).toEqual(['quokka-club']);
    expect(await startsOf(reads, GUILD_B, 'quokka meetup')).toEqual([]);
    expect((await reads.suggestionIndex(GUILD_B))?.entryCount).toBe((index?.entryCount ?? 0) - 1);
  });

  it('follows this process’s changes at once and another process’s once the revision check is due', async () => {
    const reads = createFaqReads(database.db, { now, revisionCheckMs: 1000 });
    expect(await startsOf(reads, GUILD_A, 'when does the quokka')).toEqual([]);
    await upsertGuildFaq(database.db, GUILD_A, OWN, WRITE);
    reads.clear();
    expect(await startsOf(reads, GUILD_A, 'when does the quokka')).toEqual(['quokka-club']);

    // Another process hides a built-in entry.
    const journals = (await reads.suggestionIndex(GUILD_A))?.questionStarts('', 500) ?? [];
    const question = journals.find((found) => found.slug === 'ir-journals')?.question ?? '';
    await hideBuiltInFaq(database.db, GUILD_A, 'ir-journals', '100000000000000001', WRITE.now);
    time = 999;
    expect(await startsOf(reads, GUILD_A, question)).toContain('ir-journals');
    time = 1000;
    expect(await startsOf(reads, GUILD_A, question)).not.toContain('ir-journals');
  });

  it('keeps a read made before a change out of the cache', async () => {
    const reads = createFaqReads(database.db, { now });
    const building = reads.suggestionIndex(GUILD_A);
    await upsertGuildFaq(database.db, GUILD_A, OWN, WRITE);
    reads.clear();
    await building;
    expect(await startsOf(reads, GUILD_A, 'when does the quokka')).toEqual(['quokka-club']);
  });

  it('is not held for a guild too large for its bound: that guild reads the database', async () => {
    const reads = createFaqReads(database.db, { now, maxIndexBytes: 1000 });
    expect(await reads.suggestionIndex(GUILD_A)).toBeNull();
    expect(await reads.suggestionIndex(GUILD_A)).toBeNull();
  });
});

describe.each(databaseKinds())('suggestions through the router (%s)', (kind) => {
  let harness: Harness;
  const mod = moderator('300000000000000099', GUILD_A);
  const suggest = async (typed: string) => {
    const response = (await harness.autocomplete(
      'faq',
      { options: { question: typed }, focused: 'question' },
      mod,
    )) as { data?: { choices?: Array<{ name: string; value: string }> } };
    return (response.data?.choices ?? []).map((choice) => choice.value);
  };

  beforeAll(async () => {
    harness = await createHarness({ kind });
    // The revision is not read again within the test: only this process's own invalidation can show a change.
    harness.ctx.faqReads = createFaqReads(harness.db, { revisionCheckMs: 3_600_000, viewsTtlMs: 0 });
  });
  afterAll(() => harness.close());

  it('lists an entry added with /faq-admin at once, and drops it once removed', async () => {
    // Words other entries hold: the index alone answers, so a stale one would show here.
    expect(await suggest('Who keeps the')).not.toContain('slug:zorblat-rota');
    const saved = replyOf(
      await harness.submitModal(
        'faq-admin:add:zorblat-rota',
        {
          question: 'Who keeps the zorblat rota for journal club?',
          answer: 'The moderators keep it in the pinned message of the journal club channel.',
          aliases: 'journal club rota',
          tags: 'journal-club',
        },
        mod,
      ),
    );
    expect(saved.content).toMatch(/Added `zorblat-rota`/);
    expect((await suggest('Who keeps the'))[0]).toBe('slug:zorblat-rota');
    expect((await suggest('Who keeps the zorb'))[0]).toBe('slug:zorblat-rota');
    expect((await suggest('zorblat rot'))[0]).toBe('slug:zorblat-rota');
    expect((await suggest('journal club rota'))[0]).toBe('slug:zorblat-rota');

    await harness.command('faq-admin', { subcommand: 'remove', options: { slug: 'zorblat-rota' } }, mod);
    expect(await suggest('Who keeps the')).not.toContain('slug:zorblat-rota');
  });
});
