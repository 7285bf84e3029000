import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

export const openingKinds = [
  'case_report',
  'case_series',
  'retrospective',
  'prospective',
  'database',
  'systematic_review',
  'pictorial_essay',
  'technical_note',
  'quality_improvement',
  'basic_science',
  'other',
] as const;
export const openingFocuses = ['ir', 'diagnostic_radiology', 'other_specialty'] as const;
export const openingRoles = ['entry', 'intermediate', 'advanced'] as const;
/**
 * 'in_review': waiting for a moderator's approval (`/config openings approval:true`), shown only to
 * its author and never posted; approving makes it 'open', rejecting makes it 'rejected'.
 */
export const openingStatuses = ['open', 'filled', 'withdrawn', 'expired', 'in_review', 'rejected'] as const;
/** Where the opening's channel post is in its delivery; the transitions are in src/openings/post-lifecycle.ts. */
export const openingPostStates = ['pending', 'claimed', 'posted', 'retry', 'stale', 'gone'] as const;

export const openingKind = pgEnum('opening_kind', openingKinds);
export const openingFocus = pgEnum('opening_focus', openingFocuses);
export const openingRole = pgEnum('opening_role', openingRoles);
export const openingStatus = pgEnum('opening_status', openingStatuses);
export const openingPostState = pgEnum('opening_post_state', openingPostStates);

/**
 * An opening id as members and custom_ids write it: `serial` is a 32-bit integer, and nine digits
 * always fit in one, so a longer number is never looked up.
 */
export const OPENING_ID_PATTERN = /^\d{1,9}$/;

export const openings = pgTable(
  'openings',
  {
    id: serial('id').primaryKey(),
    guildId: text('guild_id').notNull(),
    authorId: text('author_id').notNull(),
    title: text('title').notNull(),
    institution: text('institution').notNull(),
    mentor: text('mentor'),
    kind: openingKind('kind').notNull(),
    focus: openingFocus('focus').notNull(),
    remote: boolean('remote').notNull(),
    role: openingRole('role').notNull(),
    description: text('description').notNull(),
    contact: text('contact').notNull(),
    status: openingStatus('status').notNull().default('open'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** The channel posted to: a text channel, or the forum a thread was started in. */
    channelId: text('channel_id'),
    /** The post's message: in a forum, the thread's starter message (its id equals the thread's). */
    messageId: text('message_id'),
    /** The forum thread of the post; null for a message in a text channel. */
    threadId: text('thread_id'),
    postState: openingPostState('post_state').notNull().default('gone'),
    /** Failed sends in a row since the last one that worked, for the backoff. */
    postAttempts: integer('post_attempts').notNull().default(0),
    /** While 'claimed': until when the sender holding the post has it to itself. */
    postLeaseUntil: timestamp('post_lease_until', { withTimezone: true }),
    /** While 'retry': when the next try is due. */
    postRetryAt: timestamp('post_retry_at', { withTimezone: true }),
    /** Bumped by every change to what the post shows (see `touchOpening`). */
    contentVersion: integer('content_version').notNull().default(1),
    /** The content version the post on Discord shows; null before it was first posted. */
    postedVersion: integer('posted_version'),
    /** Bumped each time a new post is made for the opening: its creates carry a nonce from it. */
    postGeneration: integer('post_generation').notNull().default(0),
    /** The review channel's message with Approve and Reject, while the opening is or was in review. */
    reviewChannelId: text('review_channel_id'),
    reviewMessageId: text('review_message_id'),
    /** Why a moderator rejected it, as they wrote it; sent to the author. */
    rejectionReason: text('rejection_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** When the author was warned that it expires soon; cleared when it is renewed. */
    expiryWarnedAt: timestamp('expiry_warned_at', { withTimezone: true }),
    /** When the author was last sent a direct message about new interest in it (at most one an hour). */
    authorToldAt: timestamp('author_told_at', { withTimezone: true }),
    /** When it was last opened: created, or renewed after expiring. Lists show the newest first. */
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('openings_guild_status_opened_idx').on(table.guildId, table.status, table.openedAt.desc()),
    index('openings_author_created_idx').on(table.guildId, table.authorId, table.createdAt),
    index('openings_expiry_idx').on(table.expiresAt).where(sql`${table.status} = 'open'`),
    index('openings_post_due_idx')
      .on(table.postState, table.postRetryAt, table.postLeaseUntil)
      .where(sql`${table.postState} in ('pending', 'claimed', 'retry')`),
  ],
);

export const openingInterests = pgTable(
  'opening_interests',
  {
    openingId: integer('opening_id')
      .notNull()
      .references(() => openings.id, { onDelete: 'cascade' }),
    guildId: text('guild_id').notNull(),
    userId: text('user_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** When the author was sent a direct message naming this member; null until then. */
    authorToldAt: timestamp('author_told_at', { withTimezone: true }),
  },
  (table) => [
    primaryKey({ columns: [table.openingId, table.userId] }),
    index('opening_interests_untold_idx').on(table.openingId).where(sql`${table.authorToldAt} is null`),
    index('opening_interests_member_idx').on(table.guildId, table.userId),
  ],
);

/**
 * What stays of an opening its author deleted with /mydata delete, while the posting limits still
 * count it (7 days): who posted it and when, and a hash of its normalised title and institution for
 * the duplicate rule. No text the member wrote. Swept once older than the longest limit window.
 */
export const deletedOpeningTraces = pgTable(
  'deleted_opening_traces',
  {
    openingId: integer('opening_id').primaryKey(),
    guildId: text('guild_id').notNull(),
    authorId: text('author_id').notNull(),
    duplicateKey: text('duplicate_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('deleted_opening_traces_author_idx').on(table.guildId, table.authorId, table.createdAt)],
);

/**
 * A member's choices about direct messages from the openings board, per guild. A row exists once a
 * member chose, or once Discord refused a direct message to them (their DMs are closed).
 */
export const openingAuthorSettings = pgTable(
  'opening_author_settings',
  {
    guildId: text('guild_id').notNull(),
    userId: text('user_id').notNull(),
    /** Whether the author gets a direct message when members press "I'm interested". */
    interestDms: boolean('interest_dms').notNull().default(true),
    /** Why the bot turned them off itself (Discord refused a DM), shown by /opening list mine:true. */
    interestDmsOffReason: text('interest_dms_off_reason'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.guildId, table.userId] })],
);

/**
 * A member's alert for new openings in a guild: the filters (null: any), and how far the alerts
 * have told them. New openings opened after `toldThrough` that match are sent in one direct
 * message, at most one an hour.
 */
export const openingAlerts = pgTable(
  'opening_alerts',
  {
    guildId: text('guild_id').notNull(),
    userId: text('user_id').notNull(),
    kind: openingKind('kind'),
    focus: openingFocus('focus'),
    remote: boolean('remote'),
    role: openingRole('role'),
    /** Openings opened up to here were told of (or came before the alert was set). */
    toldThrough: timestamp('told_through', { withTimezone: true }).notNull(),
    /** When the last alert message went out; null before the first. */
    lastSentAt: timestamp('last_sent_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.guildId, table.userId] })],
);
