import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { assessments } from '../schema/index.ts';

export type Assessment = typeof assessments.$inferSelect;
type NewAssessment = Omit<typeof assessments.$inferInsert, 'id'> & { createdAt: Date };

/** Stores one /assess; returns it as stored. */
export async function recordAssessment(db: Db, values: NewAssessment): Promise<Assessment> {
  const [row] = await db.insert(assessments).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

/** The member's most recent assessment in this guild, or null before their first one. */
export async function findPreviousAssessment(
  db: Db,
  guildId: string,
  userId: string,
): Promise<Assessment | null> {
  const [row] = await db
    .select()
    .from(assessments)
    .where(and(eq(assessments.guildId, guildId), eq(assessments.userId, userId)))
    .orderBy(desc(assessments.createdAt), desc(assessments.id))
    .limit(1);
  return row ?? null;
}

/** Every assessment of the member in this guild, newest first (for /mydata export). */
export async function listMemberAssessments(db: Db, guildId: string, userId: string): Promise<Assessment[]> {
  return db
    .select()
    .from(assessments)
    .where(and(eq(assessments.guildId, guildId), eq(assessments.userId, userId)))
    .orderBy(desc(assessments.createdAt), desc(assessments.id));
}

/** Deletes every assessment of the member in this guild; returns how many there were. */
export async function deleteMemberAssessments(db: Db, guildId: string, userId: string): Promise<number> {
  const deleted = await db
    .delete(assessments)
    .where(and(eq(assessments.guildId, guildId), eq(assessments.userId, userId)))
    .returning({ id: assessments.id });
  return deleted.length;
}
