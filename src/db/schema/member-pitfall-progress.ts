import { integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** How far each member has read through the pitfall rotation with /pitfall, per guild. */
export const memberPitfallProgress = pgTable(
  'member_pitfall_progress',
  {
    guildId: text('guild_id').notNull(),
    userId: text('user_id').notNull(),
    /** How many pitfalls /pitfall has shown this member; the next one is at this position. */
    shown: integer('shown').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.guildId, table.userId] })],
);
