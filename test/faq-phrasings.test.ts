import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/client.ts';
import { upsertGuildFaq } from '../src/db/queries/faqs.ts';
import { loadBuiltInFaqs } from '../src/faq/content.ts';
import {
  buildPhrasingModel,
  entryLikelihoods,
  loadMemberPhrasings,
  type PhrasingModel,
} from '../src/faq/phrasings.ts';
import { MAX_QUESTION_LENGTH, normalizeText, queryTerms } from '../src/faq/query-text.ts';
import { searchFaqs } from '../src/faq/search.ts';
import { GUILD_A, GUILD_B } from './helpers/actors.ts';
import { createTestDatabase } from './helpers/db.ts';
import { sharedRunFinder } from './helpers/shared-runs.ts';

describe("the members' phrasings file", () => {
  const phrasings = loadMemberPhrasings();
  const slugs = loadBuiltInFaqs().map((entry) => entry.slug);

  it('has at least 40 phrasings for every built-in entry, and none for an entry that does not exist', () => {
    expect(Object.keys(phrasings).sort()).toEqual([...slugs].sort());
    const thin = Object.entries(phrasings).filter(([, texts]) => texts.length < 40);
    expect(thin.map(([slug, texts]) => `${slug}: ${texts.length}`)).toEqual([]);
  });

  it('holds each phrasing once, within the length /faq takes', () => {
    const all = Object.values(phrasings).flat();
    expect(new Set(all.map((text) => text.toLowerCase())).size).toBe(all.length);
    expect(all.filter((text) => text.length > MAX_QUESTION_LENGTH)).toEqual([]);
  });

  it("copies no sentence of the guide (8 words or more in a row), like the bot's other content", () => {
    const guide = readFileSync(
      new URL('../../shared/seed/ir-research-profile-guide.txt', import.meta.url),
      'utf8',
    );
    const finder = sharedRunFinder(guide, 8);
    const copied = Object.values(phrasings)
      .flat()
      .flatMap((text) => [...finder.runsIn(text)]);
    expect(copied).toEqual([]);
  });
});

describe('the phrasing model', () => {
  const likelihoodsOf = (model: PhrasingModel, question: string) =>
    entryLikelihoods(model, queryTerms(normalizeText(question)));
  const model = buildPhrasingModel({
    'first-author': [
      'how do i get first author',
      'my name is fifth on the paper',
      'author order on our paper',
    ],
    'outreach-email': [
      'what do i write to a professor',
      'cold email template',
      'email to a professor about a position',
    ],
  });

  it('favours the entry whose phrasings use the words of the question, with shares that add up to 1', () => {
    const likelihoods = likelihoodsOf(model, 'my name is fifth on our paper, can I ask to be first?');
    expect(likelihoods.get('first-author')).toBeGreaterThan(0.9);
    const total = [...likelihoods.values()].reduce((sum, share) => sum + share, 0);
    expect(total).toBeCloseTo(1, 9);
  });

  it('reads the question as the search does: typos corrected, members’ terms in the FAQ’s words', () => {
    // "emial" is corrected and "prof" is the members' word for professor.
    const likelihoods = likelihoodsOf(model, 'what to put in the emial to a prof');
    expect(likelihoods.get('outreach-email')).toBeGreaterThan(0.9);
  });

  it('has no opinion on a question none of whose words a phrasing uses', () => {
    expect(likelihoodsOf(model, 'quokka zebra').size).toBe(0);
    expect(likelihoodsOf(model, '').size).toBe(0);
  });

  it('stays finite on a long question', () => {
    const likelihoods = likelihoodsOf(model, 'my name on the paper '.repeat(300));
    expect([...likelihoods.values()].every(Number.isFinite)).toBe(true);
  });
});

describe('the search with the phrasings', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase('pglite');
  });
  afterAll(() => database.close());

  it('puts first the entry members ask that way when the words fit several', async () => {
    // By its words this is about the ladder of tasks; members who write it want to know how to ask
    // for the next piece of work (with the phrasings' weight at 0 the ladder comes first).
    const [best] = await searchFaqs(
      database.db,
      GUILD_A,
      'I finished my task and nobody gave me anything new, what now?',
      3,
    );
    expect(best?.slug).toBe('being-proactive');
  });

  it('scores by the words first: a server’s own entry that matches closely still comes first', async () => {
    await upsertGuildFaq(
      database.db,
      GUILD_B,
      {
        slug: 'server-mentor-match',
        question: 'How do I get matched with a mentor through this server?',
        answer:
          'Post in #mentor-match with your interests and time zone; a moderator pairs you within a week.',
        aliases: [],
        tags: ['mentors'],
      },
      { source: 'mods', actorId: null, now: new Date('2026-11-01T00:00:00Z') },
    );
    const [best] = await searchFaqs(
      database.db,
      GUILD_B,
      'how do I get matched with a mentor through this server',
      3,
    );
    expect(best?.slug).toBe('server-mentor-match');
  });
});
