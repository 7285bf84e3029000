import { and, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { type Db, selectRows } from '../client.ts';
import { faqQuestions, faqVotes } from '../schema/index.ts';

export interface FaqQuestionRecord {
  /** Reserved with reserveFaqQuestionIdBlock, so the reply's vote buttons can name it before it is stored. */
  id: number;
  guildId: string;
  query: string;
  normalized: string;
  matchedSlug: string | null;
  score: number;
  answered: boolean;
  askedAt: Date;
}

/** Ids one reservation hands out: the increment of faq_questions_id_seq (migration 0017_faq_query_id_blocks). */
export const FAQ_QUESTION_ID_BLOCK = 100;

/**
 * Reserves FAQ_QUESTION_ID_BLOCK fresh ids for questions, unique across every process sharing the
 * database; returns the first (the block runs from it up to, not including, first + FAQ_QUESTION_ID_BLOCK).
 */
export async function reserveFaqQuestionIdBlock(db: Db): Promise<number> {
  const [row] = await selectRows<{ first: number }>(
    db,
    sql`select nextval(pg_get_serial_sequence('faq_questions', 'id'))::int as first`,
  );
  return Number(row?.first);
}

/**
 * Stores questions members typed, with what they found, in one statement. The rows travel as one JSON
 * parameter: a VALUES list with eight parameters a row costs several times more to build and plan.
 */
export async function insertFaqQuestions(db: Db, records: readonly FaqQuestionRecord[]): Promise<void> {
  if (records.length === 0) return;
  const rows = records.map((record) => ({
    id: record.id,
    guild_id: record.guildId,
    // PostgreSQL text cannot hold NUL; one such character would otherwise sink the whole batch.
    query: record.query.replaceAll('\u0000', ''),
    normalized: record.normalized,
    matched_slug: record.matchedSlug,
    score: record.score,
    answered: record.answered,
    asked_at: record.askedAt.toISOString(),
  }));
  await db.execute(sql`insert into faq_questions (id, guild_id, query, normalized, matched_slug, score, answered, asked_at)
    select id, guild_id, query, normalized, matched_slug, score, answered, asked_at
    from json_to_recordset(${JSON.stringify(rows)}::json) as r(id integer, guild_id text, query text,
      normalized text, matched_slug text, score real, answered boolean, asked_at timestamptz)`);
}

export interface UnansweredGap {
  query: string;
  /** The latest of these questions: the one a moderator attaches to an entry from gaps. */
  latestId: number;
  count: number;
  firstAskedAt: Date;
  lastAskedAt: Date;
}

export interface LowRatedGap {
  slug: string;
  /** The typed question the votes were cast on; null when the entry was picked from the list. */
  query: string | null;
  notHelpful: number;
  helpful: number;
  lastVotedAt: Date;
  /** The entries voters said would have helped ('-' for none of these), most named first. */
  wouldHaveHelped: string[];
}

/**
 * What the guild's FAQ is missing since `since`: the most frequent questions that found no good
 * answer, and the answers (per question that led to them) voted not helpful more than helpful.
 */
export async function listFaqGaps(
  db: Db,
  guildId: string,
  since: Date,
  limit = 10,
): Promise<{ unanswered: UnansweredGap[]; lowRated: LowRatedGap[] }> {
  const count = sql<number>`count(*)::int`;
  const unanswered = await db
    .select({
      query: faqQuestions.normalized,
      latestId: sql<number>`max(${faqQuestions.id})::int`,
      count,
      firstAskedAt: sql<Date>`min(${faqQuestions.askedAt})`.mapWith(faqQuestions.askedAt),
      lastAskedAt: sql<Date>`max(${faqQuestions.askedAt})`.mapWith(faqQuestions.askedAt),
    })
    .from(faqQuestions)
    .where(
      and(
        eq(faqQuestions.guildId, guildId),
        eq(faqQuestions.answered, false),
        gte(faqQuestions.askedAt, since),
      ),
    )
    .groupBy(faqQuestions.normalized)
    .orderBy(desc(count), desc(sql`max(${faqQuestions.askedAt})`), faqQuestions.normalized)
    .limit(limit);

  const notHelpful = sql<number>`(count(*) filter (where not ${faqVotes.helpful}))::int`;
  const helpful = sql<number>`(count(*) filter (where ${faqVotes.helpful}))::int`;
  const lowRated = await db
    .select({
      slug: faqVotes.slug,
      query: faqQuestions.normalized,
      notHelpful,
      helpful,
      lastVotedAt: sql<Date>`max(${faqVotes.votedAt})`.mapWith(faqVotes.votedAt),
      wouldHaveHelped: sql<string[]>`coalesce(array_agg(distinct ${faqVotes.betterSlug})
        filter (where ${faqVotes.betterSlug} is not null), '{}')`,
    })
    .from(faqVotes)
    .leftJoin(faqQuestions, eq(faqQuestions.id, faqVotes.questionId))
    .where(and(eq(faqVotes.guildId, guildId), gte(faqVotes.votedAt, since)))
    .groupBy(faqVotes.slug, faqQuestions.normalized)
    .having(
      sql`count(*) filter (where not ${faqVotes.helpful}) > count(*) filter (where ${faqVotes.helpful})`,
    )
    .orderBy(desc(notHelpful), desc(sql`max(${faqVotes.votedAt})`), faqVotes.slug)
    .limit(limit);

  return { unanswered, lowRated };
}

/** One question the guild's members asked and that is stored (a miss, or one voted on); null if none. */
export async function getFaqQuestion(
  db: Db,
  guildId: string,
  id: number,
): Promise<{ id: number; query: string; normalized: string } | null> {
  const [row] = await db
    .select({ id: faqQuestions.id, query: faqQuestions.query, normalized: faqQuestions.normalized })
    .from(faqQuestions)
    .where(and(eq(faqQuestions.id, id), eq(faqQuestions.guildId, guildId)));
  return row ?? null;
}

/**
 * Deletes up to `limit` questions asked before `cutoff`, in every guild (retention, not a guild's
 * action); returns how many. Small batches keep each statement short next to the bot's own writes.
 */
export async function deleteFaqQuestionsAskedBefore(db: Db, cutoff: Date, limit: number): Promise<number> {
  const oldest = db
    .select({ id: faqQuestions.id })
    .from(faqQuestions)
    .where(lt(faqQuestions.askedAt, cutoff))
    .limit(limit);
  const deleted = await db
    .delete(faqQuestions)
    .where(inArray(faqQuestions.id, oldest))
    .returning({ id: faqQuestions.id });
  return deleted.length;
}
