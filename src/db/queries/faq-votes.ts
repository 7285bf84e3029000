import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { faqQuestions, faqVotes } from '../schema/index.ts';

interface FaqVote {
  guildId: string;
  slug: string;
  userId: string;
  helpful: boolean;
  /** The typed question that led to the answer, if any; ignored unless it belongs to the guild. */
  questionId: number | null;
  now: Date;
}

/**
 * Records a member's vote on an entry: one per member per entry, a second vote replaces the first.
 * Returns what the member had voted before (null for a first vote).
 */
export async function recordFaqVote(db: Db, vote: FaqVote): Promise<{ previous: boolean | null }> {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ helpful: faqVotes.helpful })
      .from(faqVotes)
      .where(
        and(
          eq(faqVotes.guildId, vote.guildId),
          eq(faqVotes.slug, vote.slug),
          eq(faqVotes.userId, vote.userId),
        ),
      )
      .for('update');
    const [question] =
      vote.questionId === null
        ? []
        : await tx
            .select({ id: faqQuestions.id })
            .from(faqQuestions)
            .where(and(eq(faqQuestions.id, vote.questionId), eq(faqQuestions.guildId, vote.guildId)));
    const values = { helpful: vote.helpful, questionId: question?.id ?? null, votedAt: vote.now };
    await tx
      .insert(faqVotes)
      .values({ guildId: vote.guildId, slug: vote.slug, userId: vote.userId, ...values })
      .onConflictDoUpdate({
        target: [faqVotes.guildId, faqVotes.slug, faqVotes.userId],
        set: {
          helpful: values.helpful,
          // A vote changed from another answer's screen keeps the question it was first cast for.
          questionId: sql`coalesce(${values.questionId}::integer, ${faqVotes.questionId})`,
          votedAt: values.votedAt,
        },
      });
    return { previous: before ? before.helpful : null };
  });
}

/**
 * Keeps which entry would have helped (a slug, or '-' for none of these) with the member's vote on
 * `slug` in this guild; false when there is no such vote.
 */
export async function recordBetterFaqEntry(
  db: Db,
  vote: { guildId: string; slug: string; userId: string; betterSlug: string },
): Promise<boolean> {
  const updated = await db
    .update(faqVotes)
    .set({ betterSlug: vote.betterSlug })
    .where(
      and(eq(faqVotes.guildId, vote.guildId), eq(faqVotes.slug, vote.slug), eq(faqVotes.userId, vote.userId)),
    )
    .returning({ slug: faqVotes.slug });
  return updated.length > 0;
}

/** The member's helpful / not helpful votes on FAQ entries in this guild, newest first. */
export async function listMemberFaqVotes(
  db: Db,
  guildId: string,
  userId: string,
): Promise<Array<{ slug: string; helpful: boolean; votedAt: Date }>> {
  return db
    .select({ slug: faqVotes.slug, helpful: faqVotes.helpful, votedAt: faqVotes.votedAt })
    .from(faqVotes)
    .where(and(eq(faqVotes.guildId, guildId), eq(faqVotes.userId, userId)))
    .orderBy(desc(faqVotes.votedAt), faqVotes.slug);
}

/** Deletes the member's FAQ votes in this guild; returns how many there were. */
export async function deleteMemberFaqVotes(db: Db, guildId: string, userId: string): Promise<number> {
  const deleted = await db
    .delete(faqVotes)
    .where(and(eq(faqVotes.guildId, guildId), eq(faqVotes.userId, userId)))
    .returning({ slug: faqVotes.slug });
  return deleted.length;
}
