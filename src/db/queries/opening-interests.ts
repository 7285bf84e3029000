import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { openingAuthorSettings, openingInterests, openings } from '../schema/index.ts';

/** Records a member's interest; false when they had already shown interest in this opening. */
export async function addOpeningInterest(
  db: Db,
  guildId: string,
  openingId: number,
  userId: string,
  now: Date,
): Promise<boolean> {
  const inserted = await db
    .insert(openingInterests)
    .values({ guildId, openingId, userId, createdAt: now })
    .onConflictDoNothing()
    .returning({ userId: openingInterests.userId });
  return inserted.length > 0;
}

/** An opening the member showed interest in, with what it is called now. */
export interface MemberOpeningInterest {
  openingId: number;
  openingTitle: string;
  openingStatus: (typeof openings.$inferSelect)['status'];
  createdAt: Date;
}

/** The openings the member pressed "I'm interested" on in this guild, newest first. */
export async function listMemberOpeningInterests(
  db: Db,
  guildId: string,
  userId: string,
): Promise<MemberOpeningInterest[]> {
  return db
    .select({
      openingId: openingInterests.openingId,
      openingTitle: openings.title,
      openingStatus: openings.status,
      createdAt: openingInterests.createdAt,
    })
    .from(openingInterests)
    .innerJoin(openings, eq(openings.id, openingInterests.openingId))
    .where(and(eq(openingInterests.guildId, guildId), eq(openingInterests.userId, userId)))
    .orderBy(desc(openingInterests.createdAt), desc(openingInterests.openingId));
}

/** Takes back every interest the member showed in this guild; returns the openings they were in. */
export async function deleteMemberOpeningInterests(
  db: Db,
  guildId: string,
  userId: string,
): Promise<number[]> {
  const deleted = await db
    .delete(openingInterests)
    .where(and(eq(openingInterests.guildId, guildId), eq(openingInterests.userId, userId)))
    .returning({ openingId: openingInterests.openingId });
  return deleted.map((row) => row.openingId);
}

/** An opening whose author is due a direct message, with the members to name in it. */
export interface InterestNews {
  guildId: string;
  openingId: number;
  authorId: string;
  title: string;
  memberIds: string[];
}

/**
 * Claims up to `limit` open openings with interest their author has not been told of, whose last
 * message to the author is at least `gap` old, and whose author has not turned the messages off:
 * in one transaction the opening's `author_told_at` and its new interests' are set to `now`, so no
 * other process sends the same news. Rows another process is claiming are skipped.
 */
export async function claimInterestNews(
  db: Db,
  now: Date,
  options: { limit: number; gapMs: number },
): Promise<InterestNews[]> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const quietSince = sql`${new Date(now.getTime() - options.gapMs).toISOString()}::timestamptz`;
  return db.transaction(async (tx) => {
    const due = tx
      .select({ id: openings.id })
      .from(openings)
      .where(
        and(
          eq(openings.status, 'open'),
          sql`(${openings.authorToldAt} is null or ${openings.authorToldAt} <= ${quietSince})`,
          sql`exists (select 1 from ${openingInterests} where ${openingInterests.openingId} = ${openings.id} and ${openingInterests.authorToldAt} is null)`,
          sql`not exists (select 1 from ${openingAuthorSettings} where ${openingAuthorSettings.guildId} = ${openings.guildId} and ${openingAuthorSettings.userId} = ${openings.authorId} and not ${openingAuthorSettings.interestDms})`,
        ),
      )
      .orderBy(openings.id)
      .limit(options.limit)
      .for('update', { skipLocked: true });
    const claimed = await tx
      .update(openings)
      .set({ authorToldAt: now })
      .where(inArray(openings.id, due))
      .returning({
        id: openings.id,
        guildId: openings.guildId,
        authorId: openings.authorId,
        title: openings.title,
      });
    if (claimed.length === 0) return [];
    const told = await tx
      .update(openingInterests)
      .set({ authorToldAt: now })
      .where(
        and(
          inArray(
            openingInterests.openingId,
            claimed.map((row) => row.id),
          ),
          isNull(openingInterests.authorToldAt),
          sql`${openingInterests.createdAt} <= ${at}`,
        ),
      )
      .returning({ openingId: openingInterests.openingId, userId: openingInterests.userId });
    return claimed.map((row) => ({
      guildId: row.guildId,
      openingId: row.id,
      authorId: row.authorId,
      title: row.title,
      memberIds: told.filter((interest) => interest.openingId === row.id).map((interest) => interest.userId),
    }));
  });
}

/** Puts interests back as not yet told, after the message naming them could not be sent. */
export async function untellInterests(
  db: Db,
  guildId: string,
  openingId: number,
  userIds: readonly string[],
): Promise<void> {
  if (userIds.length === 0) return;
  await db
    .update(openingInterests)
    .set({ authorToldAt: null })
    .where(
      and(
        eq(openingInterests.guildId, guildId),
        eq(openingInterests.openingId, openingId),
        inArray(openingInterests.userId, [...userIds]),
      ),
    );
}
