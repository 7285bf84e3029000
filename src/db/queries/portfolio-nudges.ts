import { and, eq, lte, max, sql } from 'drizzle-orm';
import { nextNudgeAllowedAt } from '../../portfolio/nudges.ts';
import type { Db } from '../client.ts';
import { portfolioNudges } from '../schema/index.ts';

export type NudgeState = typeof portfolioNudges.$inferSelect;

export async function getNudgeState(db: Db, guildId: string, userId: string): Promise<NudgeState | null> {
  const [row] = await db
    .select()
    .from(portfolioNudges)
    .where(and(eq(portfolioNudges.guildId, guildId), eq(portfolioNudges.userId, userId)));
  return row ?? null;
}

/** Turns the member's nudges on (first look now, or a week after the last one) or off. */
export async function setNudgesEnabled(
  db: Db,
  guildId: string,
  userId: string,
  enabled: boolean,
  now: Date,
): Promise<NudgeState> {
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(portfolioNudges)
      .where(and(eq(portfolioNudges.guildId, guildId), eq(portfolioNudges.userId, userId)))
      .for('update');
    const values = {
      enabled,
      nextCheckAt: enabled ? nextNudgeAllowedAt(current?.lastSentAt ?? null, now) : null,
      failures: 0,
      offReason: null,
      offNoticePending: false,
      updatedAt: now,
    };
    const [row] = await tx
      .insert(portfolioNudges)
      .values({ guildId, userId, ...values })
      .onConflictDoUpdate({ target: [portfolioNudges.guildId, portfolioNudges.userId], set: values })
      .returning();
    if (!row) throw new Error('upsert returned no row');
    return row;
  });
}

/**
 * Why the bot turned the member's nudges off, once: the first /portfolio reply after it shows the
 * reason, later ones do not.
 */
export async function takeNudgesOffNotice(db: Db, guildId: string, userId: string): Promise<string | null> {
  const [row] = await db
    .update(portfolioNudges)
    .set({ offNoticePending: false })
    .where(
      and(
        eq(portfolioNudges.guildId, guildId),
        eq(portfolioNudges.userId, userId),
        eq(portfolioNudges.offNoticePending, true),
      ),
    )
    .returning({ reason: portfolioNudges.offReason });
  return row ? (row.reason ?? '') : null;
}

export interface ClaimedNudge {
  guildId: string;
  userId: string;
  failures: number;
  /** The claim's token: later updates apply only while the row still carries it. */
  leaseUntil: Date;
}

/**
 * Reserves up to `limit` members due a look in one statement (rows another process holds are
 * skipped), moving them to `leaseUntil`: any number of processes can run this at once without
 * claiming a member twice.
 */
export async function claimDueNudges(
  db: Db,
  now: Date,
  { limit, leaseUntil }: { limit: number; leaseUntil: Date },
): Promise<ClaimedNudge[]> {
  const due = db.$with('due').as(
    db
      .select({ guildId: portfolioNudges.guildId, userId: portfolioNudges.userId })
      .from(portfolioNudges)
      .where(and(eq(portfolioNudges.enabled, true), lte(portfolioNudges.nextCheckAt, now)))
      .orderBy(portfolioNudges.nextCheckAt)
      .limit(limit)
      .for('update', { skipLocked: true }),
  );
  const rows = await db
    .with(due)
    .update(portfolioNudges)
    .set({ nextCheckAt: leaseUntil })
    .from(due)
    .where(and(eq(portfolioNudges.guildId, due.guildId), eq(portfolioNudges.userId, due.userId)))
    .returning({
      guildId: portfolioNudges.guildId,
      userId: portfolioNudges.userId,
      failures: portfolioNudges.failures,
    });
  return rows.map((row) => ({ ...row, leaseUntil }));
}

const stillClaimed = (claim: ClaimedNudge) =>
  and(
    eq(portfolioNudges.guildId, claim.guildId),
    eq(portfolioNudges.userId, claim.userId),
    eq(portfolioNudges.enabled, true),
    eq(portfolioNudges.nextCheckAt, claim.leaseUntil),
  );

/** Records the outcome of a claim; a member who turned nudges off meanwhile stays off. */
export async function completeNudge(
  db: Db,
  claim: ClaimedNudge,
  outcome: { sentAt: Date | null; nextCheckAt: Date; failed?: boolean },
  now: Date,
): Promise<void> {
  await db
    .update(portfolioNudges)
    .set({
      nextCheckAt: outcome.nextCheckAt,
      failures: outcome.failed ? sql`${portfolioNudges.failures} + 1` : 0,
      ...(outcome.sentAt ? { lastSentAt: outcome.sentAt } : {}),
      updatedAt: now,
    })
    .where(stillClaimed(claim));
}

/** Turns nudges off after Discord refused the DM for good, keeping why for the next reply. */
export async function turnOffNudges(db: Db, claim: ClaimedNudge, reason: string, now: Date): Promise<void> {
  await db
    .update(portfolioNudges)
    .set({ enabled: false, nextCheckAt: null, offReason: reason, offNoticePending: true, updatedAt: now })
    .where(and(eq(portfolioNudges.guildId, claim.guildId), eq(portfolioNudges.userId, claim.userId)));
}

/**
 * When the user last got a nudge from any server: a DM reaches the person, so "one a week" counts
 * across the servers they keep a portfolio in. Only the time is read, nothing of those servers.
 */
export async function lastNudgeSentToUser(db: Db, userId: string): Promise<Date | null> {
  const [row] = await db
    .select({ last: max(portfolioNudges.lastSentAt) })
    .from(portfolioNudges)
    .where(eq(portfolioNudges.userId, userId));
  return row?.last ?? null;
}

/** Forgets the member's nudge settings in this guild (/mydata delete); returns how many rows went. */
export async function deleteNudgeState(db: Db, guildId: string, userId: string): Promise<number> {
  const rows = await db
    .delete(portfolioNudges)
    .where(and(eq(portfolioNudges.guildId, guildId), eq(portfolioNudges.userId, userId)))
    .returning({ userId: portfolioNudges.userId });
  return rows.length;
}
