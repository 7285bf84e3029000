import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { openingInterests, openings } from '../schema/index.ts';

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
