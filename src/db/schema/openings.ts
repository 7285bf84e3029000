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
export const openingStatuses = ['open', 'filled', 'withdrawn', 'expired'] as const;
/**
 * Whether the opening's channel message reflects its current state, or still has to be sent.
 * 'stale': it has a post showing an older state, and the bot gave up editing it after failing
 * too often; the opening's next change, or `/config openings`, tries again.
 */
export const openingPostStates = ['none', 'pending', 'posted', 'stale'] as const;

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
    postState: openingPostState('post_state').notNull().default('none'),
    postAttempts: integer('post_attempts').notNull().default(0),
    nextPostAttemptAt: timestamp('next_post_attempt_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** When it was last opened: created, or renewed after expiring. Lists show the newest first. */
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('openings_guild_status_opened_idx').on(table.guildId, table.status, table.openedAt.desc()),
    index('openings_author_created_idx').on(table.guildId, table.authorId, table.createdAt),
    index('openings_expiry_idx').on(table.expiresAt).where(sql`${table.status} = 'open'`),
    index('openings_pending_post_idx').on(table.nextPostAttemptAt).where(sql`${table.postState} = 'pending'`),
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
  },
  (table) => [
    primaryKey({ columns: [table.openingId, table.userId] }),
    index('opening_interests_member_idx').on(table.guildId, table.userId),
  ],
);
