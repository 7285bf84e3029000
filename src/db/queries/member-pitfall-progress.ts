import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { memberPitfallProgress } from '../schema/index.ts';

/**
 * Moves the member's place in the pitfall rotation on by one and returns the place to show now
 * (0 the first time). One statement, so two quick /pitfall calls show two different pitfalls.
 */
export async function advanceMemberPitfallProgress(
  db: Db,
  guildId: string,
  userId: string,
  now: Date,
): Promise<number> {
  const [row] = await db
    .insert(memberPitfallProgress)
    .values({ guildId, userId, shown: 1, updatedAt: now })
    .onConflictDoUpdate({
      target: [memberPitfallProgress.guildId, memberPitfallProgress.userId],
      set: { shown: sql`${memberPitfallProgress.shown} + 1`, updatedAt: now },
    })
    .returning({ shown: memberPitfallProgress.shown });
  if (!row) throw new Error('upsert returned no row');
  return row.shown - 1;
}

/** How far the member has read through the pitfalls with /pitfall in this guild; null before the first. */
export async function getMemberPitfallProgress(
  db: Db,
  guildId: string,
  userId: string,
): Promise<{ shown: number; updatedAt: Date } | null> {
  const [row] = await db
    .select({ shown: memberPitfallProgress.shown, updatedAt: memberPitfallProgress.updatedAt })
    .from(memberPitfallProgress)
    .where(and(eq(memberPitfallProgress.guildId, guildId), eq(memberPitfallProgress.userId, userId)));
  return row ?? null;
}

/** Forgets the member's place in the pitfall rotation in this guild; returns 1 if there was one, else 0. */
export async function deleteMemberPitfallProgress(db: Db, guildId: string, userId: string): Promise<number> {
  const deleted = await db
    .delete(memberPitfallProgress)
    .where(and(eq(memberPitfallProgress.guildId, guildId), eq(memberPitfallProgress.userId, userId)))
    .returning({ userId: memberPitfallProgress.userId });
  return deleted.length;
}
