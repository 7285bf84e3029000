import type { Db } from '../db/client.ts';
import { deleteMemberAssessments, listMemberAssessments } from '../db/queries/assessments.ts';
import { addErasedOpeningTraces } from '../db/queries/erased-opening-traces.ts';
import { listMemberHiddenFaqs, unattributeMemberHiddenFaqs } from '../db/queries/faq-hidden.ts';
import { deleteMemberFaqVotes, listMemberFaqVotes } from '../db/queries/faq-votes.ts';
import { listMemberFaqEntries, unattributeMemberFaqEntries } from '../db/queries/faqs.ts';
import { deleteMemberPitfallCursor, getMemberPitfallCursor } from '../db/queries/member-pitfall-cursors.ts';
import { deleteMemberOpeningInterests, listMemberOpeningInterests } from '../db/queries/opening-interests.ts';
import { anonymiseMemberOpenings, queuePostRefresh } from '../db/queries/opening-posts.ts';
import { listMemberOpenings, listRecentOpeningsByAuthor, type Opening } from '../db/queries/openings.ts';
import { DUPLICATE_WINDOW_MS } from '../openings/rules.ts';
import { ANONYMISED_OPENING, type MemberData, type MemberDataCounts } from './member-data.ts';

/** Reads everything stored about the member in this guild, in one snapshot. */
export async function collectMemberData(db: Db, guildId: string, userId: string): Promise<MemberData> {
  return db.transaction(async (tx) => ({
    guildId,
    userId,
    openings: await listMemberOpenings(tx, guildId, userId),
    interests: await listMemberOpeningInterests(tx, guildId, userId),
    assessments: await listMemberAssessments(tx, guildId, userId),
    faqVotes: await listMemberFaqVotes(tx, guildId, userId),
    pitfallProgress: await getMemberPitfallCursor(tx, guildId, userId),
    faqEntriesWritten: await listMemberFaqEntries(tx, guildId, userId),
    faqHidden: await listMemberHiddenFaqs(tx, guildId, userId),
  }));
}

/**
 * Deletes or anonymises everything of the member in this guild, all or nothing. Their openings are
 * withdrawn and overwritten; the posts no other sender holds come back claimed (leased until
 * `leaseUntil`) for the caller to edit. `postsEditedLater` counts those another sender holds: it
 * (or the retry task) edits them once it is done. The openings they posted within the posting
 * limits' window still count against the limits (as text-free traces), and the posts of openings
 * they showed interest in are queued to show the lower count.
 */
export async function eraseMemberData(
  db: Db,
  guildId: string,
  userId: string,
  times: { now: Date; leaseUntil: Date },
): Promise<{
  counts: MemberDataCounts;
  openingStatuses: Opening['status'][];
  postsToEdit: Opening[];
  postsEditedLater: number;
}> {
  return db.transaction(async (tx) => {
    const assessments = await deleteMemberAssessments(tx, guildId, userId);
    const interestedIn = await deleteMemberOpeningInterests(tx, guildId, userId);
    await queuePostRefresh(tx, guildId, interestedIn, times.now);
    const limitWindowStart = new Date(times.now.getTime() - DUPLICATE_WINDOW_MS);
    const recent = await listRecentOpeningsByAuthor(tx, guildId, userId, limitWindowStart);
    await addErasedOpeningTraces(tx, guildId, userId, recent);
    const faqVotes = await deleteMemberFaqVotes(tx, guildId, userId);
    const pitfallProgress = await deleteMemberPitfallCursor(tx, guildId, userId);
    const faqEntriesWritten = await unattributeMemberFaqEntries(tx, guildId, userId);
    const faqHidden = await unattributeMemberHiddenFaqs(tx, guildId, userId);
    const openings = await anonymiseMemberOpenings(tx, guildId, userId, ANONYMISED_OPENING, times);
    const queued = openings.anonymised.filter((opening) => opening.postState === 'claimed');
    return {
      counts: {
        openings: openings.anonymised.length,
        interests: interestedIn.length,
        assessments,
        faqVotes,
        pitfallProgress,
        faqEntriesWritten,
        faqHidden,
      },
      openingStatuses: openings.statusesBefore,
      postsToEdit: openings.claimed,
      postsEditedLater: queued.length - openings.claimed.length,
    };
  });
}
