import { and, eq, isNotNull, lte, sql } from 'drizzle-orm';
import { firstRunAfterConfigure } from '../../pitfalls/reminder-schedule.ts';
import type { Db } from '../client.ts';
import { guildSettings } from '../schema/index.ts';

export type GuildSettings = typeof guildSettings.$inferSelect;
type GuildSettingsPatch = Partial<Omit<GuildSettings, 'guildId' | 'updatedAt'>>;

/** The guild's settings, or null when a moderator never configured anything. */
export async function getGuildSettings(db: Db, guildId: string): Promise<GuildSettings | null> {
  const [row] = await db.select().from(guildSettings).where(eq(guildSettings.guildId, guildId));
  return row ?? null;
}

/** Creates the guild's row on first use and applies the patch; returns the row as stored. */
export async function updateGuildSettings(db: Db, guildId: string, patch: GuildSettingsPatch, now: Date) {
  const [row] = await db
    .insert(guildSettings)
    .values({ guildId, ...patch, updatedAt: now })
    .onConflictDoUpdate({ target: guildSettings.guildId, set: { ...patch, updatedAt: now } })
    .returning();
  if (!row) throw new Error('upsert returned no row');
  return row;
}

/**
 * Turns pitfall reminders on, or changes their channel or interval, and schedules the next post.
 * The row is locked while the schedule is decided, so a scheduler claiming it waits for the change.
 */
export async function enableReminders(
  db: Db,
  guildId: string,
  change: { channelId: string; everyHours: number },
  now: Date,
): Promise<GuildSettings> {
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(guildSettings)
      .where(eq(guildSettings.guildId, guildId))
      .for('update');
    const nextRunAt = firstRunAfterConfigure(
      current
        ? {
            channelId: current.remindersChannelId,
            nextRunAt: current.remindersNextRunAt,
            problem: current.remindersProblem,
          }
        : null,
      change,
      now,
    );
    return updateGuildSettings(
      tx,
      guildId,
      {
        remindersChannelId: change.channelId,
        remindersEveryHours: change.everyHours,
        remindersNextRunAt: nextRunAt,
        remindersFailures: 0,
        remindersProblem: null,
      },
      now,
    );
  });
}

/** A due reminder reserved for one process until `leaseUntil`. */
export interface ClaimedReminder {
  guildId: string;
  channelId: string;
  everyHours: number;
  pitfallCursor: number;
  failures: number;
  /** When the reminder was due: the schedule keeps its cadence from here. */
  dueAt: Date;
  /** The claim's token: the later updates only apply while the row still carries it. */
  leaseUntil: Date;
}

/**
 * Reserves up to `limit` due reminders in one statement: the due rows are locked (skipping rows
 * another process holds) and moved to `leaseUntil`, so no other process sees them as due. Any
 * number of processes on one PostgreSQL can run this at the same time without claiming a row twice.
 */
export async function claimDueReminders(
  db: Db,
  now: Date,
  { limit, leaseUntil }: { limit: number; leaseUntil: Date },
): Promise<ClaimedReminder[]> {
  const due = db.$with('due').as(
    db
      .select({
        guildId: guildSettings.guildId,
        dueAt: sql<Date>`${guildSettings.remindersNextRunAt}`
          .mapWith(guildSettings.remindersNextRunAt)
          .as('due_at'),
      })
      .from(guildSettings)
      .where(
        and(
          lte(guildSettings.remindersNextRunAt, now),
          isNotNull(guildSettings.remindersChannelId),
          isNotNull(guildSettings.remindersEveryHours),
        ),
      )
      .orderBy(guildSettings.remindersNextRunAt)
      .limit(limit)
      .for('update', { skipLocked: true }),
  );
  const rows = await db
    .with(due)
    .update(guildSettings)
    .set({ remindersNextRunAt: leaseUntil })
    .from(due)
    .where(eq(guildSettings.guildId, due.guildId))
    .returning({
      guildId: guildSettings.guildId,
      channelId: guildSettings.remindersChannelId,
      everyHours: guildSettings.remindersEveryHours,
      pitfallCursor: guildSettings.remindersPitfallCursor,
      failures: guildSettings.remindersFailures,
      dueAt: due.dueAt,
    });
  return rows.flatMap(({ channelId, everyHours, ...row }) =>
    channelId !== null && everyHours !== null ? [{ ...row, channelId, everyHours, leaseUntil }] : [],
  );
}

/** Only while the row still carries the claim: a moderator's change in the meantime wins. */
const stillClaimed = (claim: ClaimedReminder) =>
  and(eq(guildSettings.guildId, claim.guildId), eq(guildSettings.remindersNextRunAt, claim.leaseUntil));

/**
 * Records a posted reminder: the rotation moves on (even if a moderator changed the settings while
 * it was being posted, so the same pitfall is not posted twice), and the next run is scheduled
 * unless the settings changed meanwhile.
 */
export async function completeReminder(db: Db, claim: ClaimedReminder, nextRunAt: Date, now: Date) {
  const claimed = stillClaimed(claim);
  await db
    .update(guildSettings)
    .set({
      remindersPitfallCursor: sql`${guildSettings.remindersPitfallCursor} + 1`,
      remindersNextRunAt: sql`case when ${claimed} then ${nextRunAt.toISOString()}::timestamptz else ${guildSettings.remindersNextRunAt} end`,
      remindersFailures: sql`case when ${claimed} then 0 else ${guildSettings.remindersFailures} end`,
      updatedAt: now,
    })
    .where(eq(guildSettings.guildId, claim.guildId));
}

/**
 * Gives a claim back after a failure that may pass: retried at `retryAt`. (The problem is recorded
 * by `postToGuildChannel`.)
 */
export async function releaseReminder(db: Db, claim: ClaimedReminder, retryAt: Date, now: Date) {
  await db
    .update(guildSettings)
    .set({
      remindersNextRunAt: retryAt,
      remindersFailures: sql`${guildSettings.remindersFailures} + 1`,
      updatedAt: now,
    })
    .where(stillClaimed(claim));
}

/** Turns a guild's reminders off after a failure only a moderator can fix (the problem says why). */
export async function disableReminders(db: Db, claim: ClaimedReminder, now: Date) {
  await db
    .update(guildSettings)
    .set({ remindersNextRunAt: null, remindersFailures: 0, updatedAt: now })
    .where(stillClaimed(claim));
}

/** The channels the bot posts to, each with the problem the bot last had posting there. */
const CHANNEL_COLUMNS = {
  reminders: { channelId: guildSettings.remindersChannelId, problem: 'remindersProblem' },
  openings: { channelId: guildSettings.openingsChannelId, problem: 'openingsProblem' },
  assessments: { channelId: guildSettings.assessmentsChannelId, problem: 'assessmentsProblem' },
} as const;

export type PostChannelPurpose = keyof typeof CHANNEL_COLUMNS;

/**
 * Records why a post to one of the guild's channels failed, for /config show. Only while
 * `channelId` is still that channel: a moderator may have picked another meanwhile.
 */
export async function recordChannelProblem(
  db: Db,
  guildId: string,
  purpose: PostChannelPurpose,
  { channelId, problem }: { channelId: string; problem: string },
  now: Date,
): Promise<void> {
  const columns = CHANNEL_COLUMNS[purpose];
  await db
    .update(guildSettings)
    .set({ [columns.problem]: problem, updatedAt: now })
    .where(and(eq(guildSettings.guildId, guildId), eq(columns.channelId, channelId)));
}

/** Clears the recorded problem after a post to `channelId` worked, if that is still the channel. */
export async function clearChannelProblem(
  db: Db,
  guildId: string,
  purpose: PostChannelPurpose,
  channelId: string,
  now: Date,
): Promise<void> {
  const columns = CHANNEL_COLUMNS[purpose];
  await db
    .update(guildSettings)
    .set({ [columns.problem]: null, updatedAt: now })
    .where(
      and(
        eq(guildSettings.guildId, guildId),
        eq(columns.channelId, channelId),
        // Most posts find nothing to clear: no write then.
        isNotNull(guildSettings[columns.problem]),
      ),
    );
}
