import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { memberPitfallCursors } from '../schema/index.ts';

/**
 * Moves the member's place in the pitfall rotation on by one and returns the place to show now
 * (0 the first time). One statement, so two quick /pitfall calls show two different pitfalls.
 */
export async function advanceMemberPitfallCursor(
  db: Db,
  guildId: string,
  userId: string,
  now: Date,
): Promise<number> {
  const [row] = await db
    .insert(memberPitfallCursors)
    .values({ guildId, userId, shown: 1, updatedAt: now })
    .onConflictDoUpdate({
      target: [memberPitfallCursors.guildId, memberPitfallCursors.userId],
      set: { shown: sql`${memberPitfallCursors.shown} + 1`, updatedAt: now },
    })
    .returning({ shown: memberPitfallCursors.shown });
  if (!row) throw new Error('upsert returned no row');
  return row.shown - 1;
}

/** How far the member has read through the pitfalls with /pitfall in this guild; null before the first. */
export async function getMemberPitfallCursor(
  db: Db,
  guildId: string,
  userId: string,
): Promise<{ shown: number; updatedAt: Date } | null> {
  const [row] = await db
    .select({ shown: memberPitfallCursors.shown, updatedAt: memberPitfallCursors.updatedAt })
    .from(memberPitfallCursors)
    .where(and(eq(memberPitfallCursors.guildId, guildId), eq(memberPitfallCursors.userId, userId)));
  return row ?? null;
}

/** Forgets the member's place in the pitfall rotation in this guild; returns 1 if there was one, else 0. */
export async function deleteMemberPitfallCursor(db: Db, guildId: string, userId: string): Promise<number> {
  const deleted = await db
    .delete(memberPitfallCursors)
    .where(and(eq(memberPitfallCursors.guildId, guildId), eq(memberPitfallCursors.userId, userId)))
    .returning({ userId: memberPitfallCursors.userId });
  return deleted.length;
}
