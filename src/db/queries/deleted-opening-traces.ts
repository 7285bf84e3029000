import { and, eq, gt, lt } from 'drizzle-orm';
import type { RecentOpening } from '../../openings/rules.ts';
import type { Db } from '../client.ts';
import { deletedOpeningTraces } from '../schema/index.ts';

/** Keeps what the posting limits need of openings about to be deleted (no text; see the schema). */
export async function addDeletedOpeningTraces(
  db: Db,
  guildId: string,
  authorId: string,
  recent: readonly RecentOpening[],
): Promise<void> {
  if (recent.length === 0) return;
  await db
    .insert(deletedOpeningTraces)
    .values(recent.map((opening) => ({ openingId: opening.id, guildId, authorId, ...opening })))
    .onConflictDoNothing();
}

/** The member's deleted openings in this guild created since `since`, as the spam rules see them. */
export async function listRecentDeletedOpenings(
  db: Db,
  guildId: string,
  authorId: string,
  since: Date,
): Promise<RecentOpening[]> {
  return db
    .select({
      id: deletedOpeningTraces.openingId,
      duplicateKey: deletedOpeningTraces.duplicateKey,
      createdAt: deletedOpeningTraces.createdAt,
    })
    .from(deletedOpeningTraces)
    .where(
      and(
        eq(deletedOpeningTraces.guildId, guildId),
        eq(deletedOpeningTraces.authorId, authorId),
        gt(deletedOpeningTraces.createdAt, since),
      ),
    );
}

/** Deletes traces created before `before`: the limits no longer count them. Returns how many. */
export async function deleteOpeningTracesBefore(db: Db, before: Date): Promise<number> {
  const deleted = await db
    .delete(deletedOpeningTraces)
    .where(lt(deletedOpeningTraces.createdAt, before))
    .returning({ openingId: deletedOpeningTraces.openingId });
  return deleted.length;
}
