import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { openingAlerts, openings } from '../schema/index.ts';

export type OpeningAlert = typeof openingAlerts.$inferSelect;
export type AlertFilters = Pick<OpeningAlert, 'kind' | 'focus' | 'remote' | 'role'>;

/** Sets (or replaces) the member's alert; only openings opened from now on are told of. */
export async function setOpeningAlert(
  db: Db,
  guildId: string,
  userId: string,
  filters: AlertFilters,
  now: Date,
): Promise<OpeningAlert> {
  const values = { ...filters, toldThrough: now };
  const [row] = await db
    .insert(openingAlerts)
    .values({ guildId, userId, ...values, createdAt: now })
    .onConflictDoUpdate({ target: [openingAlerts.guildId, openingAlerts.userId], set: values })
    .returning();
  if (!row) throw new Error('upsert returned no row');
  return row;
}

export async function getOpeningAlert(db: Db, guildId: string, userId: string): Promise<OpeningAlert | null> {
  const [row] = await db
    .select()
    .from(openingAlerts)
    .where(and(eq(openingAlerts.guildId, guildId), eq(openingAlerts.userId, userId)));
  return row ?? null;
}

export async function listMemberOpeningAlerts(
  db: Db,
  guildId: string,
  userId: string,
): Promise<OpeningAlert[]> {
  const row = await getOpeningAlert(db, guildId, userId);
  return row ? [row] : [];
}

/** Turns the member's alert off; returns how many there were (0 or 1). */
export async function deleteMemberOpeningAlerts(db: Db, guildId: string, userId: string): Promise<number> {
  const deleted = await db
    .delete(openingAlerts)
    .where(and(eq(openingAlerts.guildId, guildId), eq(openingAlerts.userId, userId)))
    .returning({ userId: openingAlerts.userId });
  return deleted.length;
}

/** The most openings one alert message names; it points to `/opening list` for the rest. */
const NEWS_PER_ALERT = 10;

/** An alert due a message: the member and the new openings that match it. */
export interface AlertNews {
  guildId: string;
  userId: string;
  openings: Array<{ id: number; title: string }>;
  /** Where the alert had told through before this claim, to put back if the message fails. */
  toldThroughBefore: Date;
  /** The claim's own mark, so putting back does not undo a later claim. */
  claimedAt: Date;
}

/**
 * Claims up to `limit` alerts that match open openings opened since they last told (not the
 * member's own), and whose last message is at least `gapMs` old: in one transaction, with the claimed
 * rows locked, they move `told_through` and `last_sent_at` to `now`, so no other process sends the same news.
 */
export async function claimAlertNews(
  db: Db,
  now: Date,
  options: { limit: number; gapMs: number },
): Promise<AlertNews[]> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const quietSince = sql`${new Date(now.getTime() - options.gapMs).toISOString()}::timestamptz`;
  const matches = sql`
    ${openings.guildId} = ${openingAlerts.guildId}
    and ${openings.status} = 'open' and ${openings.expiresAt} > ${at}
    and ${openings.openedAt} > ${openingAlerts.toldThrough} and ${openings.openedAt} <= ${at}
    and ${openings.authorId} <> ${openingAlerts.userId}
    and (${openingAlerts.kind} is null or ${openings.kind} = ${openingAlerts.kind})
    and (${openingAlerts.focus} is null or ${openings.focus} = ${openingAlerts.focus})
    and (${openingAlerts.remote} is null or ${openings.remote} = ${openingAlerts.remote})
    and (${openingAlerts.role} is null or ${openings.role} = ${openingAlerts.role})`;
  return db.transaction(async (tx) => {
    const due = await tx
      .select({
        guildId: openingAlerts.guildId,
        userId: openingAlerts.userId,
        toldThrough: openingAlerts.toldThrough,
      })
      .from(openingAlerts)
      .where(
        and(
          sql`(${openingAlerts.lastSentAt} is null or ${openingAlerts.lastSentAt} <= ${quietSince})`,
          sql`exists (select 1 from ${openings} where ${matches})`,
        ),
      )
      .limit(options.limit)
      .for('update', { skipLocked: true });
    if (due.length === 0) return [];
    const isDue = sql`(${openingAlerts.guildId}, ${openingAlerts.userId}) in (${sql.join(
      due.map((alert) => sql`(${alert.guildId}, ${alert.userId})`),
      sql`, `,
    )})`;
    const ranked = tx
      .select({
        guildId: sql<string>`${openingAlerts.guildId}`.as('alert_guild_id'),
        userId: sql<string>`${openingAlerts.userId}`.as('alert_user_id'),
        id: openings.id,
        title: openings.title,
        place:
          sql<number>`row_number() over (partition by ${openingAlerts.guildId}, ${openingAlerts.userId} order by ${openings.openedAt}, ${openings.id})`.as(
            'place',
          ),
      })
      .from(openingAlerts)
      .innerJoin(openings, matches)
      .where(isDue)
      .as('ranked');
    const found = await tx
      .select()
      .from(ranked)
      .where(sql`${ranked.place} <= ${NEWS_PER_ALERT}`)
      .orderBy(ranked.place);
    await tx.update(openingAlerts).set({ toldThrough: now, lastSentAt: now }).where(isDue);
    return due.map((alert) => ({
      guildId: alert.guildId,
      userId: alert.userId,
      openings: found
        .filter((row) => row.guildId === alert.guildId && row.userId === alert.userId)
        .map(({ id, title }) => ({ id, title })),
      toldThroughBefore: alert.toldThrough,
      claimedAt: now,
    }));
  });
}

/**
 * After a message that may pass failed (Discord down, a timeout), the openings it named are news
 * again; the hour before the next message still runs, so a long outage is not retried every tick.
 */
export async function untellAlertNews(db: Db, news: AlertNews): Promise<void> {
  await db
    .update(openingAlerts)
    .set({ toldThrough: news.toldThroughBefore })
    .where(
      and(
        eq(openingAlerts.guildId, news.guildId),
        eq(openingAlerts.userId, news.userId),
        eq(openingAlerts.toldThrough, news.claimedAt),
      ),
    );
}
