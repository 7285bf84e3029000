import { and, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { faqQueries, faqVotes } from '../schema/index.ts';

export interface FaqQueryRecord {
  guildId: string;
  query: string;
  normalized: string;
  matchedSlug: string | null;
  score: number;
  answered: boolean;
  now: Date;
}

/** Stores a question a member typed and what it found; returns its id (for the vote buttons). */
export async function recordFaqQuery(db: Db, record: FaqQueryRecord): Promise<number> {
  const [row] = await db
    .insert(faqQueries)
    .values({
      guildId: record.guildId,
      query: record.query,
      normalized: record.normalized,
      matchedSlug: record.matchedSlug,
      score: record.score,
      answered: record.answered,
      askedAt: record.now,
    })
    .returning({ id: faqQueries.id });
  if (!row) throw new Error('insert returned no row');
  return row.id;
}

export interface UnansweredGap {
  query: string;
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
      query: faqQueries.normalized,
      count,
      firstAskedAt: sql<Date>`min(${faqQueries.askedAt})`.mapWith(faqQueries.askedAt),
      lastAskedAt: sql<Date>`max(${faqQueries.askedAt})`.mapWith(faqQueries.askedAt),
    })
    .from(faqQueries)
    .where(
      and(eq(faqQueries.guildId, guildId), eq(faqQueries.answered, false), gte(faqQueries.askedAt, since)),
    )
    .groupBy(faqQueries.normalized)
    .orderBy(desc(count), desc(sql`max(${faqQueries.askedAt})`), faqQueries.normalized)
    .limit(limit);

  const notHelpful = sql<number>`(count(*) filter (where not ${faqVotes.helpful}))::int`;
  const helpful = sql<number>`(count(*) filter (where ${faqVotes.helpful}))::int`;
  const lowRated = await db
    .select({
      slug: faqVotes.slug,
      query: faqQueries.normalized,
      notHelpful,
      helpful,
      lastVotedAt: sql<Date>`max(${faqVotes.votedAt})`.mapWith(faqVotes.votedAt),
    })
    .from(faqVotes)
    .leftJoin(faqQueries, eq(faqQueries.id, faqVotes.queryId))
    .where(and(eq(faqVotes.guildId, guildId), gte(faqVotes.votedAt, since)))
    .groupBy(faqVotes.slug, faqQueries.normalized)
    .having(
      sql`count(*) filter (where not ${faqVotes.helpful}) > count(*) filter (where ${faqVotes.helpful})`,
    )
    .orderBy(desc(notHelpful), desc(sql`max(${faqVotes.votedAt})`), faqVotes.slug)
    .limit(limit);

  return { unanswered, lowRated };
}

/**
 * Deletes up to `limit` questions asked before `cutoff`, in every guild (retention, not a guild's
 * action); returns how many. Small batches keep each statement short next to the bot's own writes.
 */
export async function deleteFaqQueriesAskedBefore(db: Db, cutoff: Date, limit: number): Promise<number> {
  const oldest = db
    .select({ id: faqQueries.id })
    .from(faqQueries)
    .where(lt(faqQueries.askedAt, cutoff))
    .limit(limit);
  const deleted = await db
    .delete(faqQueries)
    .where(inArray(faqQueries.id, oldest))
    .returning({ id: faqQueries.id });
  return deleted.length;
}
