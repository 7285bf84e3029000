import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** One row per guild: where the bot posts, what went wrong posting there, and the reminder schedule. */
export const guildSettings = pgTable(
  'guild_settings',
  {
    guildId: text('guild_id').primaryKey(),
    openingsChannelId: text('openings_channel_id'),
    /** Discord channel type of the openings channel: a forum gets a post per opening, a text channel a message. */
    openingsChannelType: integer('openings_channel_type'),
    /** Whether members may give a Discord server invite as an opening's contact (`/config openings allow_invites`). */
    openingsAllowInvites: boolean('openings_allow_invites').notNull().default(false),
    /** Days a member must have been in the server before posting an opening (`min_member_days`); 0 for none. */
    openingsMinMemberDays: integer('openings_min_member_days').notNull().default(0),
    /** Whether new openings wait for a moderator's approval in the review channel before they are posted. */
    openingsApproval: boolean('openings_approval').notNull().default(false),
    /** The text channel where moderators approve or reject new openings. */
    openingsReviewChannelId: text('openings_review_channel_id'),
    assessmentsChannelId: text('assessments_channel_id'),
    remindersChannelId: text('reminders_channel_id'),
    remindersEveryHours: integer('reminders_every_hours'),
    /** Null while reminders are off. The scheduler claims a row by moving this forward. */
    remindersNextRunAt: timestamp('reminders_next_run_at', { withTimezone: true }),
    /** Failed attempts in a row since the last successful post, for backoff. */
    remindersFailures: integer('reminders_failures').notNull().default(0),
    /** Position in the pitfall rotation of the next reminder posted to the channel. */
    remindersPitfallCursor: integer('reminders_pitfall_cursor').notNull().default(0),
    /**
     * Why posting a reminder last failed (shown by /config show); cleared by a successful post or a
     * new setting. The column keeps its first name, from when reminders were the only posts checked.
     */
    remindersProblem: text('posting_problem'),
    /** Why the last new opening could not be posted at all (403/404); cleared by a post or a new channel. */
    openingsProblem: text('openings_problem'),
    /** Why the last shared assessment could not be posted at all (403/404); cleared likewise. */
    assessmentsProblem: text('assessments_problem'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // Every scheduler tick looks for due reminders: only guilds with reminders on are indexed.
  (table) => [
    index('guild_settings_reminders_due_idx')
      .on(table.remindersNextRunAt)
      .where(sql`${table.remindersNextRunAt} is not null`),
  ],
);
