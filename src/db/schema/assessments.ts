import { index, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';

/** Every /assess check a member ran: the counts they entered and the level they reached. */
export const assessments = pgTable(
  'assessments',
  {
    id: serial('id').primaryKey(),
    guildId: text('guild_id').notNull(),
    userId: text('user_id').notNull(),
    publications: integer('publications').notNull(),
    irPublications: integer('ir_publications').notNull(),
    firstAuthor: integer('first_author').notNull(),
    abstracts: integer('abstracts').notNull(),
    presentations: integer('presentations').notNull(),
    irProjects: integer('ir_projects').notNull(),
    ongoing: integer('ongoing').notNull(),
    monthsToApply: integer('months_to_apply').notNull(),
    level: text('level').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('assessments_member_idx').on(table.guildId, table.userId, table.createdAt.desc())],
);
