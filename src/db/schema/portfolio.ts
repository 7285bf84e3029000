import {
  boolean,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { OPENING_ID_PATTERN } from './openings.ts';

/** The kinds of work a member records, grouped by which statuses they go through (src/portfolio/catalog.ts). */
export const portfolioKinds = [
  'original_research',
  'case_report',
  'review',
  'technical_note',
  'letter',
  'book_chapter',
  'educational',
  'abstract',
  'oral_presentation',
  'project',
] as const;
/** Every status of every kind; which ones fit a kind is decided in src/portfolio/catalog.ts. */
export const portfolioStatuses = [
  'in_preparation',
  'submitted',
  'accepted',
  'in_press',
  'published',
  'presented',
  'idea',
  'data_collection',
  'analysis',
  'writing',
  'done',
] as const;
export const portfolioRoles = ['entry', 'intermediate', 'advanced'] as const;
export const meetingLevels = ['local', 'regional', 'national', 'international'] as const;

export const portfolioKind = pgEnum('portfolio_kind', portfolioKinds);
export const portfolioStatus = pgEnum('portfolio_status', portfolioStatuses);
export const portfolioRole = pgEnum('portfolio_role', portfolioRoles);
export const meetingLevel = pgEnum('meeting_level', meetingLevels);

/** An item id as members and custom_ids write it: a `serial`, like an opening's id. */
export const ITEM_ID_PATTERN = OPENING_ID_PATTERN;

/** One piece of a member's research, as they recorded it with /portfolio. */
export const portfolioItems = pgTable(
  'portfolio_items',
  {
    id: serial('id').primaryKey(),
    guildId: text('guild_id').notNull(),
    userId: text('user_id').notNull(),
    kind: portfolioKind('kind').notNull(),
    status: portfolioStatus('status').notNull(),
    title: text('title').notNull(),
    /** Journal, meeting or group: free text. */
    venue: text('venue'),
    /** What the member did, in their words ("chart review, drafted the discussion"). */
    roleDetail: text('role_detail'),
    role: portfolioRole('role').notNull(),
    link: text('link'),
    /** The day the status last changed, as the member gave it (never in the future). */
    statusSince: date('status_since', { mode: 'string' }).notNull(),
    irRelated: boolean('ir_related').notNull().default(false),
    firstAuthor: boolean('first_author').notNull().default(false),
    meetingLevel: meetingLevel('meeting_level'),
    /** For "in preparation": being written now, so it may be listed on ERAS. */
    activelyWritten: boolean('actively_written').notNull().default(false),
    /** A nudge about this item waits until then ("snooze 4 weeks"). */
    nudgeSnoozedUntil: timestamp('nudge_snoozed_until', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('portfolio_items_member_idx').on(table.guildId, table.userId, table.id)],
);

/** Whether a member gets nudges about stale items, and when the scheduler looks at them next. */
export const portfolioNudges = pgTable(
  'portfolio_nudges',
  {
    guildId: text('guild_id').notNull(),
    userId: text('user_id').notNull(),
    enabled: boolean('enabled').notNull().default(false),
    /** When the scheduler next checks this member; also the claim's token while it is sent. */
    nextCheckAt: timestamp('next_check_at', { withTimezone: true }),
    lastSentAt: timestamp('last_sent_at', { withTimezone: true }),
    failures: integer('failures').notNull().default(0),
    /** Why nudges were turned off by the bot (closed DMs); shown once by the next /portfolio reply. */
    offReason: text('off_reason'),
    offNoticePending: boolean('off_notice_pending').notNull().default(false),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.guildId, table.userId] }),
    index('portfolio_nudges_due_idx').on(table.nextCheckAt),
  ],
);
