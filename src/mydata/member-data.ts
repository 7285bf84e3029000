import type { APIEmbedField } from 'discord-api-types/v10';
import type { Db } from '../db/client.ts';
import { deleteMemberAssessments, listMemberAssessments } from '../db/queries/assessments.ts';
import { addDeletedOpeningTraces } from '../db/queries/deleted-opening-traces.ts';
import { listMemberHiddenFaqs, unattributeMemberHiddenFaqs } from '../db/queries/faq-hidden.ts';
import { deleteMemberFaqVotes, listMemberFaqVotes } from '../db/queries/faq-votes.ts';
import { listMemberFaqEntries, unattributeMemberFaqEntries } from '../db/queries/faqs.ts';
import {
  deleteMemberPitfallProgress,
  getMemberPitfallProgress,
} from '../db/queries/member-pitfall-progress.ts';
import { deleteMemberOpeningAlerts, listMemberOpeningAlerts } from '../db/queries/opening-alerts.ts';
import {
  deleteMemberOpeningAuthorSettings,
  listMemberOpeningAuthorSettings,
} from '../db/queries/opening-author-settings.ts';
import { deleteMemberOpeningInterests, listMemberOpeningInterests } from '../db/queries/opening-interests.ts';
import {
  anonymiseMemberOpenings,
  type OpeningReplacement,
  queuePostRefresh,
} from '../db/queries/opening-posts.ts';
import { listMemberOpenings, listRecentOpeningsByAuthor, type Opening } from '../db/queries/openings.ts';
import { deleteMemberItems, listAllMemberItems } from '../db/queries/portfolio-items.ts';
import { deleteNudgeState, getNudgeState } from '../db/queries/portfolio-nudges.ts';
import { truncate } from '../discord/limits.ts';
import { escapeInline } from '../discord/safe-text.ts';
import { discordTimestamp } from '../discord/timestamps.ts';
import { describeAlert } from '../openings/alerts.ts';
import { ANONYMOUS_AUTHOR_ID, type OpeningStatus, STATUS_LABELS } from '../openings/catalog.ts';
import { postLink } from '../openings/render.ts';
import { DUPLICATE_WINDOW_MS } from '../openings/rules.ts';
import {
  KIND_LABELS as PORTFOLIO_KIND_LABELS,
  STATUS_LABELS as PORTFOLIO_STATUS_LABELS,
} from '../portfolio/catalog.ts';
import { field, listField, plural, TITLE_MAX } from './summary-lines.ts';

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

/** Where a review message is (see src/openings/review.ts). */
export interface ReviewMessage {
  channelId: string;
  messageId: string;
}

/** One /mydata delete, as the parts see it. */
export interface DeletionRun {
  guildId: string;
  userId: string;
  now: Date;
  leaseUntil: Date;
  /** Posts the caller edits once the deletion is committed (claimed by the openings part). */
  postsToEdit: Opening[];
  /** Posts another sender holds: it (or the retry task) edits them when it is done. */
  postsEditedLater: number;
  /** Review messages that showed the member's openings to moderators: the caller removes their text. */
  reviewMessages: ReviewMessage[];
  /** The statuses the member's openings had before the run (set by the openings part). */
  openingStatusesBefore: OpeningStatus[];
}

/** Everything /mydata does with one kind of member data (one table, or one use of a table). */
interface MemberDataPart<Items> {
  /** `collected`: the parts before this one, read in the same snapshot. */
  collect(db: Db, guildId: string, userId: string, collected: CollectedSoFar): Promise<Items>;
  count(items: NoInfer<Items>): number;
  /** Deletes, anonymises or unlinks the member's rows in the run's guild; returns how many. */
  delete(db: Db, run: DeletionRun): Promise<number>;
  /** The key of this part in the export file, and its value there; null when another part exports it. */
  exportKey: string | null;
  exportValue(items: NoInfer<Items>): unknown;
  /** The field of the /mydata export summary, or null to leave it out. */
  summaryField(items: NoInfer<Items>): APIEmbedField | null;
  /** What deleting does to it, for the prompt and the report; parts that share one function share one line. */
  deleteEffect(count: number): string;
}

/** What the parts read so far; the openings part comes before the closed-openings parts that reuse it. */
interface CollectedSoFar {
  openings?: Opening[];
}

const part = <Items>(definition: MemberDataPart<Items>) => definition;
const length = (items: readonly unknown[]) => items.length;
type MemberScoped<Result> = (db: Db, guildId: string, userId: string) => Promise<Result>;

/**
 * A part that is a list of the member's rows: removed (deleted or unlinked) by one query, and
 * summarised as a list under `title`. `hideWhenEmpty` leaves out a list few members ever have.
 */
const rowsPart = <Row>(definition: {
  collect: MemberScoped<Row[]>;
  remove: MemberScoped<number>;
  exportKey: string;
  exportValue?: (rows: Row[]) => unknown;
  title: string;
  line: (row: Row) => string;
  hideWhenEmpty?: boolean;
  deleteEffect: (count: number) => string;
}) =>
  part({
    collect: definition.collect,
    count: length,
    delete: (db, run) => definition.remove(db, run.guildId, run.userId),
    exportKey: definition.exportKey,
    exportValue: definition.exportValue ?? ((rows) => rows),
    summaryField: (rows) =>
      definition.hideWhenEmpty && rows.length === 0
        ? null
        : listField(definition.title, rows, definition.line),
    deleteEffect: definition.deleteEffect,
  });
const TEXT_REMOVED = 'with your name and everything you wrote removed; posts edited to match';

/**
 * The member's closed openings of one status: exported and summarised with all their openings,
 * but counted apart, so deleting lists each under its real status (they stay closed as they are).
 */
const closedOpenings = (status: Exclude<OpeningStatus, 'open' | 'in_review'>) => {
  const label = STATUS_LABELS[status].toLowerCase();
  return part({
    collect: async (db: Db, guildId: string, userId: string, collected: CollectedSoFar) =>
      (collected.openings ?? (await listMemberOpenings(db, guildId, userId))).filter(
        (opening) => opening.status === status,
      ),
    count: length,
    // The openings part, which comes first, deleted them and noted what they were.
    delete: async (_db, run) => run.openingStatusesBefore.filter((before) => before === status).length,
    exportKey: null,
    exportValue: () => null,
    summaryField: () => null,
    deleteEffect: (count) =>
      `${plural(count, `${label} opening`)} you posted: stay ${label}, ${TEXT_REMOVED}`,
  });
};

/** Open openings, and those still awaiting a moderator's review, are withdrawn by /mydata delete. */
const isWithdrawnByDelete = (status: OpeningStatus) => status === 'open' || status === 'in_review';

const faqChanges = (count: number) =>
  `${plural(count, 'FAQ change')} you made as a moderator: kept for the server, no longer linked to you`;

/**
 * The registry of what the bot stores about a member: collect, export, summarise and delete all
 * walk it, in this order. Storing something new about members is one more entry here; the
 * `allTables` check of test/mydata.test.ts fails until a new table's member rows are covered.
 */
export const MEMBER_DATA_PARTS = {
  /** Every opening the member posted; counted here are those deleting withdraws (see `closedOpenings`). */
  openings: part({
    collect: listMemberOpenings,
    count: (openings) => openings.filter((opening) => isWithdrawnByDelete(opening.status)).length,
    async delete(db, run) {
      // Deleting openings must not reset the posting limits: text-free traces count them instead.
      const limitWindowStart = new Date(run.now.getTime() - DUPLICATE_WINDOW_MS);
      const recent = await listRecentOpeningsByAuthor(db, run.guildId, run.userId, limitWindowStart);
      await addDeletedOpeningTraces(db, run.guildId, run.userId, recent);
      const { anonymised, claimed, statusesBefore } = await anonymiseMemberOpenings(
        db,
        run.guildId,
        run.userId,
        ANONYMISED_OPENING,
        run,
      );
      const queued = anonymised.filter((opening) => opening.postState === 'claimed');
      run.postsToEdit.push(...claimed);
      for (const { reviewChannelId: channelId, reviewMessageId: messageId } of anonymised) {
        if (channelId && messageId) run.reviewMessages.push({ channelId, messageId });
      }
      run.postsEditedLater += queued.length - claimed.length;
      run.openingStatusesBefore = statusesBefore;
      return statusesBefore.filter(isWithdrawnByDelete).length;
    },
    exportKey: 'openings',
    exportValue: (openings) =>
      openings.map((opening) => ({
        id: opening.id,
        title: opening.title,
        institution: opening.institution,
        mentor: opening.mentor,
        kind: opening.kind,
        focus: opening.focus,
        remote: opening.remote,
        role: opening.role,
        description: opening.description,
        contact: opening.contact,
        status: opening.status,
        rejectionReason: opening.rejectionReason,
        createdAt: opening.createdAt,
        openedAt: opening.openedAt,
        expiresAt: opening.expiresAt,
        post: postLink(opening),
      })),
    summaryField: (openings) =>
      listField(
        'Openings you posted',
        openings,
        (opening) =>
          `#${opening.id} ${escapeInline(truncate(opening.title, TITLE_MAX))} · ${STATUS_LABELS[opening.status]} · posted ${discordTimestamp(opening.createdAt)}`,
      ),
    deleteEffect: (count) => `${plural(count, 'opening')} you posted: withdrawn, ${TEXT_REMOVED}`,
  }),
  filledOpenings: closedOpenings('filled'),
  expiredOpenings: closedOpenings('expired'),
  withdrawnOpenings: closedOpenings('withdrawn'),
  rejectedOpenings: closedOpenings('rejected'),
  interests: part({
    collect: listMemberOpeningInterests,
    count: length,
    async delete(db, run) {
      const interestedIn = await deleteMemberOpeningInterests(db, run.guildId, run.userId);
      // Their posts show how many members are interested: they are edited to the lower count.
      await queuePostRefresh(db, run.guildId, interestedIn, run.now);
      return interestedIn.length;
    },
    exportKey: 'openingInterests',
    exportValue: (interests) => interests,
    summaryField: (interests) =>
      listField(
        'Openings you showed interest in',
        interests,
        (interest) =>
          `#${interest.openingId} ${escapeInline(truncate(interest.openingTitle, TITLE_MAX))} · ${discordTimestamp(interest.createdAt)}`,
      ),
    deleteEffect: (count) => `${plural(count, 'interest')} in openings: deleted`,
  }),
  /** Whether they get direct messages about interest in their openings. */
  openingMessages: part({
    collect: listMemberOpeningAuthorSettings,
    count: length,
    delete: (db, run) => deleteMemberOpeningAuthorSettings(db, run.guildId, run.userId),
    exportKey: 'openingMessageSettings',
    exportValue: (rows) =>
      rows.map((row) => ({
        interestDms: row.interestDms,
        offReason: row.interestDmsOffReason,
        updatedAt: row.updatedAt,
      })),
    summaryField: (rows) =>
      rows.length === 0
        ? null
        : field(
            'Messages about interest in your openings',
            rows[0]?.interestDms
              ? 'On'
              : `Off${rows[0]?.interestDmsOffReason ? `: ${rows[0].interestDmsOffReason}` : ''}`,
          ),
    deleteEffect: () => 'Your choice about messages on interest in your openings: deleted (back to on)',
  }),
  /** Their alert for new openings. */
  openingAlerts: part({
    collect: listMemberOpeningAlerts,
    count: length,
    delete: (db, run) => deleteMemberOpeningAlerts(db, run.guildId, run.userId),
    exportKey: 'openingAlerts',
    exportValue: (alerts) =>
      alerts.map(({ kind, focus, remote, role, createdAt }) => ({ kind, focus, remote, role, createdAt })),
    summaryField: (alerts) =>
      alerts[0] ? field('Your alert for new openings', describeAlert(alerts[0])) : null,
    deleteEffect: () => 'Your alert for new openings: deleted',
  }),
  assessments: rowsPart({
    collect: listMemberAssessments,
    remove: deleteMemberAssessments,
    exportKey: 'assessments',
    exportValue: (assessments) =>
      assessments.map((assessment) => ({
        createdAt: assessment.createdAt,
        level: assessment.level,
        publications: assessment.publications,
        irPublications: assessment.irPublications,
        firstAuthor: assessment.firstAuthor,
        abstracts: assessment.abstracts,
        presentations: assessment.presentations,
        irProjects: assessment.irProjects,
        ongoing: assessment.ongoing,
        monthsToApply: assessment.monthsToApply,
      })),
    title: 'Portfolio checks with /assess',
    line: (assessment) =>
      `${discordTimestamp(assessment.createdAt)} · ${assessment.level} · ${plural(assessment.publications, 'publication')} (${assessment.irPublications} IR, ${assessment.firstAuthor} first author), ${plural(assessment.abstracts, 'abstract')} (${assessment.presentations} presented), ${plural(assessment.irProjects, 'IR project')}, ${assessment.ongoing} ongoing, ${assessment.monthsToApply} months to apply`,
    deleteEffect: (count) => `${plural(count, '/assess check')}: deleted`,
  }),
  portfolioItems: rowsPart({
    collect: listAllMemberItems,
    remove: deleteMemberItems,
    exportKey: 'portfolioItems',
    exportValue: (items) => items.map(({ guildId: _guild, userId: _user, ...item }) => item),
    title: 'Your /portfolio',
    line: (item) =>
      `#${item.id} ${escapeInline(truncate(item.title, TITLE_MAX))} · ${PORTFOLIO_KIND_LABELS[item.kind]} · ${PORTFOLIO_STATUS_LABELS[item.status]}`,
    deleteEffect: (count) => `${plural(count, 'portfolio item')}: deleted`,
  }),
  portfolioReminders: part({
    collect: getNudgeState,
    count: (state) => (state ? 1 : 0),
    delete: (db, run) => deleteNudgeState(db, run.guildId, run.userId),
    exportKey: 'portfolioReminders',
    exportValue: (state) =>
      state && {
        enabled: state.enabled,
        nextCheckAt: state.nextCheckAt,
        lastSentAt: state.lastSentAt,
        turnedOffBecause: state.offReason,
      },
    summaryField: (state) =>
      state
        ? field(
            'Portfolio reminders',
            `${state.enabled ? 'On' : 'Off'}${state.lastSentAt ? `, the last one sent ${discordTimestamp(state.lastSentAt)}` : ''}`,
          )
        : null,
    deleteEffect: () => 'Your portfolio reminder settings: deleted',
  }),
  faqVotes: rowsPart({
    collect: listMemberFaqVotes,
    remove: deleteMemberFaqVotes,
    exportKey: 'faqVotes',
    title: 'FAQ votes',
    line: (vote) =>
      `\`${vote.slug}\`: ${vote.helpful ? 'helpful' : 'not helpful'} · ${discordTimestamp(vote.votedAt)}`,
    deleteEffect: (count) => `${plural(count, 'FAQ vote')}: deleted`,
  }),
  pitfallProgress: part({
    collect: getMemberPitfallProgress,
    count: (progress) => (progress ? 1 : 0),
    delete: (db, run) => deleteMemberPitfallProgress(db, run.guildId, run.userId),
    exportKey: 'pitfallProgress',
    exportValue: (progress) => progress,
    summaryField: (progress) =>
      field(
        'Progress through /pitfall',
        progress
          ? `Seen ${plural(progress.shown, 'pitfall')}, the last one on ${discordTimestamp(progress.updatedAt)}`
          : 'None',
      ),
    deleteEffect: () => 'Your progress through /pitfall: deleted',
  }),
  /** The guild's own FAQ entries the member last wrote as a moderator. */
  faqEntriesWritten: rowsPart({
    collect: listMemberFaqEntries,
    remove: unattributeMemberFaqEntries,
    exportKey: 'faqEntriesWrittenAsModerator',
    title: 'FAQ entries you last edited as a moderator',
    line: (entry) =>
      `\`${entry.slug}\` ${truncate(entry.question, TITLE_MAX)} · ${discordTimestamp(entry.updatedAt)}`,
    // Only moderators have any: members are not shown an empty list of what they never do.
    hideWhenEmpty: true,
    deleteEffect: faqChanges,
  }),
  /** Built-in FAQ entries the member hid as a moderator. */
  faqHidden: rowsPart({
    collect: listMemberHiddenFaqs,
    remove: unattributeMemberHiddenFaqs,
    exportKey: 'faqBuiltInsHiddenAsModerator',
    title: 'Built-in FAQ entries you hid as a moderator',
    line: (entry) => `\`${entry.slug}\` · ${discordTimestamp(entry.hiddenAt)}`,
    hideWhenEmpty: true,
    deleteEffect: faqChanges,
  }),
};

type Parts = typeof MEMBER_DATA_PARTS;
export type MemberDataKind = keyof Parts;
type ItemsOf<Kind extends MemberDataKind> = Awaited<ReturnType<Parts[Kind]['collect']>>;

/** The registry's parts as a list, typed for code that walks all of them alike. */
export const memberDataParts = Object.entries(MEMBER_DATA_PARTS) as Array<
  [MemberDataKind, MemberDataPart<unknown>]
>;

/** Everything the bot stores about one member in one guild. */
export type MemberData = { guildId: string; userId: string } & { [Kind in MemberDataKind]: ItemsOf<Kind> };

/** How many things of each kind there are (to delete, or deleted). */
export type MemberDataCounts = Record<MemberDataKind, number>;

export function countMemberData(data: MemberData): MemberDataCounts {
  return Object.fromEntries(
    memberDataParts.map(([kind, definition]) => [kind, definition.count(data[kind])]),
  ) as MemberDataCounts;
}

export function isEmpty(counts: MemberDataCounts): boolean {
  return Object.values(counts).every((count) => count === 0);
}
