import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Database } from '../src/db/client.ts';
import { hideBuiltInFaq, unhideBuiltInFaq } from '../src/db/queries/faq-hidden.ts';
import { deleteGuildFaq, upsertGuildFaq } from '../src/db/queries/faqs.ts';
import { createFaqReads } from '../src/faq/reads.ts';
import { GUILD_A, GUILD_B } from './helpers/actors.ts';
import { createTestDatabase, databaseKinds } from './helpers/db.ts';

const OWN_ENTRY = {
  slug: 'quokka-club',
  question: 'When does the quokka journal club meet?',
  answer: 'Every second Tuesday, in the voice channel.',
  aliases: [],
  tags: ['journal-club'],
};
const WRITE = { source: 'Server moderators', actorId: null, now: new Date('2026-11-01T12:00:00Z') };

describe.each(databaseKinds())('cached FAQ reads (%s)', (kind) => {
  let database: Database;
  let time: number;
  const now = () => time;
  // Raw FAQ queries (searches, entries, lists) go through db.execute; the revision check does not.
  let executeSpy: ReturnType<typeof vi.spyOn>;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database.close());
  beforeEach(async () => {
    time = 0;
    await deleteGuildFaq(database.db, GUILD_A, OWN_ENTRY.slug);
    await unhideBuiltInFaq(database.db, GUILD_A, 'ir-journals');
    executeSpy?.mockRestore();
    executeSpy = vi.spyOn(database.db, 'execute');
  });

  const slugs = (rows: Array<{ slug: string }>) => rows.map((row) => row.slug);

  it('answers a repeated read from memory, and concurrent ones with one query', async () => {
    const reads = createFaqReads(database.db, { now });
    const first = await reads.search(GUILD_A, 'which journals publish IR research', 4);
    const again = await reads.search(GUILD_A, '  Which journals, publish IR research?', 4);
    expect(again).toEqual(first);
    expect(executeSpy).toHaveBeenCalledTimes(1);

    const together = await Promise.all(
      Array.from({ length: 5 }, () => reads.visibleEntry(GUILD_A, 'ir-journals')),
    );
    expect(new Set(together.map((row) => row?.slug))).toEqual(new Set(['ir-journals']));
    expect(executeSpy).toHaveBeenCalledTimes(2);
  });

  it('keeps guilds apart', async () => {
    const reads = createFaqReads(database.db, { now });
    await upsertGuildFaq(database.db, GUILD_A, OWN_ENTRY, WRITE);
    expect(slugs(await reads.search(GUILD_A, 'quokka journal club', 1))).toEqual(['quokka-club']);
    expect(slugs(await reads.search(GUILD_B, 'quokka journal club', 5))).not.toContain('quokka-club');
    expect(await reads.visibleEntry(GUILD_B, 'quokka-club')).toBeNull();
  });

  it('shows a change made elsewhere once the revision check is due, and at once after clear', async () => {
    const reads = createFaqReads(database.db, { now, revisionCheckMs: 1000 });
    expect(await reads.visibleEntry(GUILD_A, 'ir-journals')).not.toBeNull();

    // Another process (or the faq CLI) hides the entry.
    await hideBuiltInFaq(database.db, GUILD_A, 'ir-journals', '100000000000000001', WRITE.now);
    time = 999;
    expect(await reads.visibleEntry(GUILD_A, 'ir-journals')).not.toBeNull();
    time = 1000;
    expect(await reads.visibleEntry(GUILD_A, 'ir-journals')).toBeNull();

    await unhideBuiltInFaq(database.db, GUILD_A, 'ir-journals');
    reads.clear();
    expect(await reads.visibleEntry(GUILD_A, 'ir-journals')).not.toBeNull();
  });

  it('sees a new guild entry in searches and suggestions right after the revision moves', async () => {
    const reads = createFaqReads(database.db, { now, revisionCheckMs: 0 });
    expect(slugs(await reads.search(GUILD_A, 'quokka journal club', 3))).not.toContain('quokka-club');
    expect(slugs(await reads.byQuestionStart(GUILD_A, 'when does the quokka', 25))).toEqual([]);

    await upsertGuildFaq(database.db, GUILD_A, OWN_ENTRY, WRITE);
    expect(slugs(await reads.search(GUILD_A, 'quokka journal club', 3))[0]).toBe('quokka-club');
    expect(slugs(await reads.byQuestionStart(GUILD_A, 'when does the quokka', 25))).toEqual(['quokka-club']);
  });

  it('keeps the most viewed list only for a while', async () => {
    const reads = createFaqReads(database.db, { now, viewsTtlMs: 30_000 });
    await reads.mostViewed(GUILD_A, 25);
    time = 29_999;
    await reads.mostViewed(GUILD_A, 25);
    const callsWhileFresh = executeSpy.mock.calls.length;
    time = 30_000;
    await reads.mostViewed(GUILD_A, 25);
    expect(executeSpy.mock.calls.length).toBeGreaterThan(callsWhileFresh);
  });

  it('counts every entry by its heap, so many empty results cannot grow it past its bound', async () => {
    const reads = createFaqReads(database.db, { now, maxBytes: 50_000 });
    for (let index = 0; index < 300; index++) await reads.search(GUILD_A, `zzqx${index}`, 4);
    // 300 empty results at about 700 B each would be 210 kB if counted by their text alone.
    const before = executeSpy.mock.calls.length;
    await reads.search(GUILD_A, 'zzqx0', 4);
    expect(executeSpy.mock.calls.length).toBeGreaterThan(before);
  });

  it('stays correct when the cache is too small to hold much', async () => {
    const reads = createFaqReads(database.db, { now, maxBytes: 10_000 });
    const questions = ['how many publications', 'research fellowship', 'which journals', 'case reports'];
    const firstPass = [];
    for (const question of questions) firstPass.push(slugs(await reads.search(GUILD_A, question, 4)));
    for (const [index, question] of questions.entries())
      expect(slugs(await reads.search(GUILD_A, question, 4))).toEqual(firstPass[index]);
  });
});
