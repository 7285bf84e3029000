import type { Db } from '../db/client.ts';
import type { Opening } from '../db/queries/openings.ts';
import {
  type DeletionRun,
  type MemberData,
  type MemberDataCounts,
  memberDataParts,
  type ReviewMessage,
} from './member-data.ts';

/** Reads everything stored about the member in this guild, in one snapshot. */
export async function collectMemberData(db: Db, guildId: string, userId: string): Promise<MemberData> {
  return db.transaction(async (tx) => {
    const data: Record<string, unknown> = { guildId, userId };
    for (const [kind, definition] of memberDataParts)
      data[kind] = await definition.collect(tx, guildId, userId, data);
    return data as MemberData;
  });
}

/**
 * Deletes or anonymises everything of the member in this guild, all or nothing. Their openings are
 * withdrawn and overwritten; the posts no other sender holds come back claimed (leased until
 * `leaseUntil`) for the caller to edit. `postsEditedLater` counts those another sender holds: it
 * (or the retry task) edits them once it is done. `reviewMessages` still show their text to moderators.
 */
export async function deleteMemberData(
  db: Db,
  guildId: string,
  userId: string,
  times: { now: Date; leaseUntil: Date },
): Promise<{
  counts: MemberDataCounts;
  postsToEdit: Opening[];
  postsEditedLater: number;
  reviewMessages: ReviewMessage[];
}> {
  return db.transaction(async (tx) => {
    const run: DeletionRun = {
      guildId,
      userId,
      ...times,
      postsToEdit: [],
      postsEditedLater: 0,
      reviewMessages: [],
      openingStatusesBefore: [],
    };
    const counts: Record<string, number> = {};
    for (const [kind, definition] of memberDataParts) counts[kind] = await definition.delete(tx, run);
    return {
      counts: counts as MemberDataCounts,
      postsToEdit: run.postsToEdit,
      postsEditedLater: run.postsEditedLater,
      reviewMessages: run.reviewMessages,
    };
  });
}
