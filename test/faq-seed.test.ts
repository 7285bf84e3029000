import { and, eq, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/client.ts';
import { upsertGuildFaq } from '../src/db/queries/faqs.ts';
import { faqEntries, faqLexemes, faqTerms } from '../src/db/schema/index.ts';
import { seedBuiltInContent } from '../src/db/seed.ts';
import { loadBuiltInFaqs } from '../src/faq/content.ts';
import { GUILD_A } from './helpers/actors.ts';
import { createTestDatabase } from './helpers/db.ts';

describe('seeding the built-in FAQ', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  const builtIn = (slug: string) =>
    database.db
      .select()
      .from(faqEntries)
      .where(and(isNull(faqEntries.guildId), eq(faqEntries.slug, slug)));

  it('holds every content file as a built-in entry', async () => {
    const rows = await database.db
      .select({ slug: faqEntries.slug })
      .from(faqEntries)
      .where(isNull(faqEntries.guildId));
    expect(rows.map((row) => row.slug).sort()).toEqual(loadBuiltInFaqs().map((entry) => entry.slug));
    const [lexemes] = await database.db.select({ count: sql<number>`count(*)::int` }).from(faqLexemes);
    expect(Number(lexemes?.count)).toBeGreaterThan(100);
  });

  it('updates changed built-ins, drops removed ones and leaves guild entries alone', async () => {
    await database.db
      .update(faqEntries)
      .set({ question: 'Stale question?' })
      .where(and(isNull(faqEntries.guildId), eq(faqEntries.slug, 'ir-journals')));
    await database.db.insert(faqEntries).values({
      slug: 'retired-entry',
      question: 'An entry no longer in the repo?',
      answer: 'It was removed from src/content/faq; it mentioned the zorbulator.',
      source: 'old',
    });
    const guildEntry = {
      slug: 'ir-journals',
      question: 'Which journals does this server recommend?',
      answer: 'Our own list, kept by the moderators of Quokkaville.',
      aliases: [],
      tags: [],
    };
    await upsertGuildFaq(database.db, GUILD_A, guildEntry, {
      source: 'mods',
      actorId: '300000000000000099',
      now: new Date('2026-01-01T00:00:00Z'),
    });

    await seedBuiltInContent(database.db);

    expect((await builtIn('ir-journals'))[0]?.question).toBe('Which journals publish IR research?');
    expect(await builtIn('retired-entry')).toEqual([]);
    // The typo vocabulary keeps built-in words only: not a removed entry's, nor a guild's own.
    const terms = (await database.db.select().from(faqTerms)).map((row) => row.term);
    expect(terms).toContain('journals');
    expect(terms).not.toContain('zorbulator');
    expect(terms).not.toContain('quokkaville');
    const [own] = await database.db
      .select()
      .from(faqEntries)
      .where(and(eq(faqEntries.guildId, GUILD_A), eq(faqEntries.slug, 'ir-journals')));
    expect(own).toMatchObject({
      question: guildEntry.question,
      answer: guildEntry.answer,
      updatedBy: '300000000000000099',
    });
  });

  it('changes nothing when run again', async () => {
    const before = await database.db.select().from(faqEntries).orderBy(faqEntries.id);
    await seedBuiltInContent(database.db);
    expect(await database.db.select().from(faqEntries).orderBy(faqEntries.id)).toEqual(before);
  });
});
