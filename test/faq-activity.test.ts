import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Database } from '../src/db/client.ts';
import { openPostgres } from '../src/db/client.ts';
import { faqQuestions, faqViews } from '../src/db/schema/index.ts';
import { createFaqActivityLog } from '../src/faq/activity-log.ts';
import { normalizeText } from '../src/faq/query-text.ts';
import { GUILD_A, GUILD_B } from './helpers/actors.ts';
import { recordingLogger } from './helpers/context.ts';
import { createTestDatabase, databaseKinds } from './helpers/db.ts';
import { canRunPostgres, startThrowawayPostgres } from './helpers/throwaway-postgres.ts';

const AT = new Date('2026-11-01T12:00:00Z');
const question = (text: string, guildId = GUILD_A) => ({
  guildId,
  query: text,
  normalized: normalizeText(text),
  matchedSlug: null,
  score: 0.1,
  answered: false,
  askedAt: AT,
});

async function storedQueries(database: Database) {
  return database.db.select().from(faqQuestions).orderBy(asc(faqQuestions.id));
}

describe.each(databaseKinds())('the /faq activity log (%s)', (kind) => {
  let database: Database;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database.close());
  beforeEach(async () => {
    await database.db.execute(sql`delete from faq_questions`);
    await database.db.execute(sql`delete from faq_views`);
  });

  it('stores questions under the ids it handed out, only once flushed', async () => {
    const activity = createFaqActivityLog(database.db, recordingLogger().log);
    const ids = [];
    for (const text of ['first', 'second', 'third']) ids.push(await activity.recordQuestion(question(text)));
    expect(new Set(ids).size).toBe(3);
    expect(await storedQueries(database)).toEqual([]);

    await activity.flush();
    const rows = await storedQueries(database);
    expect(rows.map((row) => [row.id, row.query])).toEqual([
      [ids[0], 'first'],
      [ids[1], 'second'],
      [ids[2], 'third'],
    ]);
  });

  it('stores an answered question only once a vote refers to it', async () => {
    const activity = createFaqActivityLog(database.db, recordingLogger().log);
    const helped = await activity.recordQuestion({ ...question('how many publications'), answered: true });
    const ignored = await activity.recordQuestion({ ...question('which journals'), answered: true });
    await activity.flush();
    expect(await storedQueries(database)).toEqual([]);

    await activity.keepQuestion(helped, GUILD_A);
    await activity.keepQuestion(helped, GUILD_A);
    await activity.keepQuestion(ignored + 1_000_000, GUILD_A);
    // A vote in another guild naming this guild's question (a forged button) keeps nothing.
    await activity.keepQuestion(ignored, GUILD_B);
    expect((await storedQueries(database)).map((row) => [row.id, row.query, row.answered])).toEqual([
      [helped, 'how many publications', true],
    ]);
  });

  it('adds up views per guild and entry, keeping the latest time', async () => {
    const activity = createFaqActivityLog(database.db, recordingLogger().log);
    activity.recordView(GUILD_A, 'ir-journals', AT);
    await activity.flush();
    activity.recordView(GUILD_A, 'ir-journals', new Date(AT.getTime() + 5000));
    activity.recordView(GUILD_A, 'ir-journals', new Date(AT.getTime() + 1000));
    activity.recordView(GUILD_B, 'ir-journals', AT);
    await activity.flush();

    const rows = await database.db.select().from(faqViews).orderBy(asc(faqViews.guildId));
    expect(rows).toEqual([
      { guildId: GUILD_A, slug: 'ir-journals', views: 3, lastViewedAt: new Date(AT.getTime() + 5000) },
      { guildId: GUILD_B, slug: 'ir-journals', views: 1, lastViewedAt: AT },
    ]);
  });

  it('flushes on its own once started, and stores the rest when closed', async () => {
    const activity = createFaqActivityLog(database.db, recordingLogger().log, { flushEveryMs: 20 });
    activity.start();
    await activity.recordQuestion(question('while running'));
    await vi.waitFor(async () => expect(await storedQueries(database)).toHaveLength(1));

    await activity.close();
    await activity.recordQuestion(question('after close'));
    await activity.close();
    expect((await storedQueries(database)).map((row) => row.query)).toEqual(['while running', 'after close']);
  });

  it('gives every process ids of its own', async () => {
    const first = createFaqActivityLog(database.db, recordingLogger().log);
    const second = createFaqActivityLog(database.db, recordingLogger().log);
    // More than a block each, taken in turns.
    for (let index = 0; index < 150; index++) {
      await first.recordQuestion(question(`first ${index}`));
      await second.recordQuestion(question(`second ${index}`));
    }
    await Promise.all([first.flush(), second.flush()]);
    expect(await storedQueries(database)).toHaveLength(300);
  });

  it('stores a question holding a NUL character without it, next to the others', async () => {
    const activity = createFaqActivityLog(database.db, recordingLogger().log);
    await activity.recordQuestion(question('nul\u0000inside'));
    await activity.recordQuestion(question('plain'));
    await activity.flush();
    expect((await storedQueries(database)).map((row) => row.query)).toEqual(['nulinside', 'plain']);
  });

  it('logs and drops a batch the database refuses, and goes on with the next', async () => {
    const { log, lines } = recordingLogger();
    const activity = createFaqActivityLog(database.db, log);
    await activity.recordQuestion(question('refused'));
    await database.db.execute(sql`alter table faq_questions rename to faq_questions_away`);
    try {
      await activity.flush();
    } finally {
      await database.db.execute(sql`alter table faq_questions_away rename to faq_questions`);
    }
    expect(lines.some((line) => line.msg === 'faq activity: could not store a batch')).toBe(true);
    expect(JSON.stringify(lines)).not.toContain('refused');

    await activity.recordQuestion(question('stored'));
    await activity.flush();
    expect((await storedQueries(database)).map((row) => row.query)).toEqual(['stored']);
  });
});

// Needs a PostgreSQL server binary to stop and start; CI installs one (.ci/run).
describe.skipIf(!canRunPostgres)(
  'the /faq activity log while PostgreSQL is down',
  { timeout: 120_000 },
  () => {
    it('keeps what it could not store and stores it once the database is back', async () => {
      const postgres = await startThrowawayPostgres();
      const database = openPostgres(postgres.url, { max: 2 });
      try {
        await database.migrate();
        const { log, lines } = recordingLogger();
        const activity = createFaqActivityLog(database.db, log);
        await activity.recordQuestion(question('asked before the outage'));
        activity.recordView(GUILD_A, 'ir-journals', AT);

        postgres.stop();
        await activity.flush();
        expect(lines.some((line) => line.msg === 'faq activity: database unavailable, will retry')).toBe(
          true,
        );

        postgres.start();
        await vi.waitFor(() => activity.flush().then(() => storedQueries(database)), { timeout: 20_000 });
        await activity.flush();
        expect((await storedQueries(database)).map((row) => row.query)).toEqual(['asked before the outage']);
        const [views] = await database.db.select().from(faqViews).where(eq(faqViews.guildId, GUILD_A));
        expect(views?.views).toBe(1);
      } finally {
        await database.close().catch(() => undefined);
        postgres.destroy();
      }
    });
  },
);
