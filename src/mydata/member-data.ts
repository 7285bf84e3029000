import type { Assessment } from '../db/queries/assessments.ts';
import type { MemberOpeningInterest } from '../db/queries/opening-interests.ts';
import type { OpeningReplacement } from '../db/queries/opening-posts.ts';
import type { Opening } from '../db/queries/openings.ts';
import { ANONYMOUS_AUTHOR_ID } from '../openings/catalog.ts';

/** Everything the bot stores about one member in one guild. */
export interface MemberData {
  guildId: string;
  userId: string;
  openings: Opening[];
  interests: MemberOpeningInterest[];
  assessments: Assessment[];
  faqVotes: Array<{ slug: string; helpful: boolean; votedAt: Date }>;
  pitfallProgress: { shown: number; updatedAt: Date } | null;
  /** The guild's own FAQ entries the member last wrote as a moderator. */
  faqEntriesWritten: Array<{ slug: string; question: string; updatedAt: Date }>;
  /** Built-in FAQ entries the member hid as a moderator. */
  faqHidden: Array<{ slug: string; hiddenAt: Date }>;
}

/** How many things of each kind there are (to delete, or deleted). */
export interface MemberDataCounts {
  openings: number;
  interests: number;
  assessments: number;
  faqVotes: number;
  pitfallProgress: number;
  faqEntriesWritten: number;
  faqHidden: number;
}

export function countMemberData(data: MemberData): MemberDataCounts {
  return {
    openings: data.openings.length,
    interests: data.interests.length,
    assessments: data.assessments.length,
    faqVotes: data.faqVotes.length,
    pitfallProgress: data.pitfallProgress ? 1 : 0,
    faqEntriesWritten: data.faqEntriesWritten.length,
    faqHidden: data.faqHidden.length,
  };
}

export function isEmpty(counts: MemberDataCounts): boolean {
  return Object.values(counts).every((count) => count === 0);
}

/**
 * What replaces the text: nothing of what the author wrote survives, the kind of work stays.
 */
export const ANONYMISED_OPENING: OpeningReplacement = Object.freeze({
  authorId: ANONYMOUS_AUTHOR_ID,
  title: "Removed at the author's request",
  institution: 'Removed',
  mentor: null,
  description: 'The member who posted this opening asked for their data to be deleted.',
  contact: 'Removed',
});
