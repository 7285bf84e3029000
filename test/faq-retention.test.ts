import { asc, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { faqQuestions, faqVotes } from '../src/db/schema/index.ts';
import { FAQ_QUESTION_RETENTION_DAYS } from '../src/faq/tasks.ts';
import { createScheduler } from '../src/scheduler/scheduler.ts';
import { schedulerTasks } from '../src/scheduler/tasks.ts';
import { GUILD_A, GUILD_B, member } from './helpers/actors.ts';
import { databaseKinds } from './helpers/db.ts';
import { createHarness, type Harness } from './helpers/harness.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const START = new Date('2026-06-01T12:00:00Z');
const daysAfterStart = (days: number) => new Date(START.getTime() + days * DAY_MS);

describe.each(databaseKinds())('keeping typed FAQ questions for a limited time (%s)', (kind) => {
  let harness: Harness;
  const tick = () => createScheduler(harness.ctx, schedulerTasks, 60_000).tick();
  const storedQueries = async () => {
    await harness.ctx.faqActivity.flush();
    return (await harness.db.select().from(faqQuestions).orderBy(asc(faqQuestions.id))).map(
      (row) => row.query,
    );
  };

  beforeAll(async () => {
    harness = await createHarness({ kind });
  });
  afterAll(() => harness.close());
  beforeEach(async () => {
    await harness.db.execute(sql`delete from faq_votes`);
    await harness.db.execute(sql`delete from faq_questions`);
  });

  it(`deletes questions older than ${FAQ_QUESTION_RETENTION_DAYS} days in every guild and keeps newer ones`, async () => {
    // Questions without an answer: answered ones are not stored unless voted on (src/faq/activity-log.ts).
    harness.clock.set(START);
    await harness.command(
      'faq',
      { options: { question: 'old football scores in guild a' } },
      member(undefined, GUILD_A),
    );
    await harness.command(
      'faq',
      { options: { question: 'old football scores in guild b' } },
      member(undefined, GUILD_B),
    );
    harness.clock.set(daysAfterStart(60));
    await harness.command(
      'faq',
      { options: { question: 'recent football scores' } },
      member(undefined, GUILD_A),
    );

    harness.clock.set(daysAfterStart(FAQ_QUESTION_RETENTION_DAYS - 1));
    await tick();
    expect(await storedQueries()).toHaveLength(3);

    harness.clock.set(daysAfterStart(FAQ_QUESTION_RETENTION_DAYS + 1));
    await tick();
    expect(await storedQueries()).toEqual(['recent football scores']);
  });

  it('keeps the votes cast on a deleted question, without the question', async () => {
    harness.clock.set(START);
    const response = await harness.command(
      'faq',
      { options: { question: 'is a case report worth doing' } },
      member(),
    );
    const vote = JSON.stringify(response).match(/faq:vote:case-reports:\d+:yes/)?.[0];
    if (!vote) throw new Error('no vote button');
    await harness.press(vote, member());

    harness.clock.set(daysAfterStart(FAQ_QUESTION_RETENTION_DAYS + 1));
    await tick();
    expect(await storedQueries()).toEqual([]);
    expect(await harness.db.select().from(faqVotes)).toMatchObject([
      { slug: 'case-reports', helpful: true, questionId: null },
    ]);
  });

  it('clears a backlog larger than one batch in one tick', async () => {
    await harness.db.execute(sql`
      insert into faq_questions (guild_id, query, normalized, score, answered, asked_at)
      select ${GUILD_A}, 'question ' || n, 'question ' || n, 0, false, ${START.toISOString()}::timestamptz
      from generate_series(1, 2500) n`);
    harness.clock.set(daysAfterStart(FAQ_QUESTION_RETENTION_DAYS + 1));
    await tick();
    expect(await storedQueries()).toEqual([]);
  });
});
