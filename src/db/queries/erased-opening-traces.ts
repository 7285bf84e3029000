import { and, eq, gt, lt } from 'drizzle-orm';
import type { RecentOpening } from '../../openings/rules.ts';
import type { Db } from '../client.ts';
import { erasedOpeningTraces } from '../schema/index.ts';

/** Keeps what the posting limits need of openings about to be erased (no text; see the schema). */
export async function addErasedOpeningTraces(
  db: Db,
  guildId: string,
  authorId: string,
  recent: readonly RecentOpening[],
): Promise<void> {
  if (recent.length === 0) return;
  await db
    .insert(erasedOpeningTraces)
    .values(recent.map((opening) => ({ openingId: opening.id, guildId, authorId, ...opening })))
    .onConflictDoNothing();
}

/** The member's erased openings in this guild created since `since`, as the spam rules see them. */
export async function listRecentErasedOpenings(
  db: Db,
  guildId: string,
  authorId: string,
  since: Date,
): Promise<RecentOpening[]> {
  return db
    .select({
      id: erasedOpeningTraces.openingId,
      duplicateKey: erasedOpeningTraces.duplicateKey,
      createdAt: erasedOpeningTraces.createdAt,
    })
    .from(erasedOpeningTraces)
    .where(
      and(
        eq(erasedOpeningTraces.guildId, guildId),
        eq(erasedOpeningTraces.authorId, authorId),
        gt(erasedOpeningTraces.createdAt, since),
      ),
    );
}

/** Deletes traces created before `before`: the limits no longer count them. Returns how many. */
export async function deleteErasedOpeningTracesBefore(db: Db, before: Date): Promise<number> {
  const deleted = await db
    .delete(erasedOpeningTraces)
    .where(lt(erasedOpeningTraces.createdAt, before))
    .returning({ openingId: erasedOpeningTraces.openingId });
  return deleted.length;
}
