import { and, asc, eq, gt, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { openings } from '../schema/index.ts';
import type { Opening } from './openings.ts';

/**
 * The delivery of an opening's channel post: every transition of `post_state` is written here.
 *
 * | state   | means                                                        | lease_until | retry_at |
 * |---------|--------------------------------------------------------------|-------------|----------|
 * | pending | the post must be sent (a first post or an edit), due now     | -           | -        |
 * | claimed | one sender holds it, alone until the lease ends              | set         | -        |
 * | posted  | the post shows content version `posted_version`, the latest  | -           | -        |
 * | retry   | the last send failed in a way that may pass                  | -           | set      |
 * | stale   | a post exists, shows an older version; the bot gave up       | -           | -        |
 * | gone    | no post and none on its way (no channel, closed unposted,    | -           | -        |
 * |         | or Discord refused it for good)                              |             |          |
 *
 * | event                          | from                               | to                           |
 * |--------------------------------|------------------------------------|------------------------------|
 * | created, renewed               | any                                | claimed (by the caller)      |
 * | content changed (touchOpening) | any                                | unchanged; version + 1       |
 * | refresh requested, post free   | pending, posted, retry, stale, gone, claimed past lease | claimed |
 * | refresh requested, post held   | claimed                            | claimed; version + 1         |
 * | retry task claims a due post   | pending, retry past retry_at, claimed past lease | claimed        |
 * | sent, version unchanged        | claimed                            | posted                       |
 * | sent, version changed meanwhile| claimed                            | pending (sent again)         |
 * | failed, may pass               | claimed                            | retry                        |
 * | failed too often               | claimed                            | stale (has a post) / gone    |
 * | refused for good (403, 404)    | claimed                            | gone (post forgotten)        |
 * | nothing to send                | claimed                            | gone                         |
 * | expired                        | posted, stale, gone                | pending (has a post) / gone  |
 * | /config openings               | stale; gone while open, unposted   | pending                      |
 *
 * A sender's result is recorded only if the post it read is still the one in the row (same
 * message id), and it is "posted" only for the content version it read, so a change while a send
 * is in flight is never lost: it is sent on the next pass.
 */

/** The row's post is held: claimed and the lease not over. */
export function postIsHeld(now: Date): SQL {
  return sql`(${openings.postState} = 'claimed' and ${openings.postLeaseUntil} > ${now.toISOString()}::timestamptz)`;
}

/** What every change to what the post shows sets: the next content version. */
export function touchOpening(now: Date) {
  return { contentVersion: sql`${openings.contentVersion} + 1`, updatedAt: now };
}

/** Columns of a post the caller holds until `leaseUntil`, from the start of a round of tries. */
export function claimedUntil(leaseUntil: Date) {
  return { postState: 'claimed' as const, postLeaseUntil: leaseUntil, postRetryAt: null, postAttempts: 0 };
}

/**
 * Claims the post most overdue for a send, leased until `leaseUntil`, or null when none is due. One
 * at a time, so each send follows its own claim before the lease can run out. Rows another process
 * is claiming are skipped, and a row claimed meanwhile is no longer due when re-checked.
 */
export async function claimNextDuePost(db: Db, now: Date, leaseUntil: Date): Promise<Opening | null> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const due = sql`(${openings.postState} = 'pending' or (${openings.postState} = 'retry' and ${openings.postRetryAt} <= ${at}) or (${openings.postState} = 'claimed' and ${openings.postLeaseUntil} <= ${at}))`;
  const next = db
    .select({ id: openings.id })
    .from(openings)
    .where(and(inArray(openings.postState, ['pending', 'retry', 'claimed']), due))
    .orderBy(asc(sql`coalesce(${openings.postRetryAt}, ${openings.postLeaseUntil}, ${openings.updatedAt})`))
    .limit(1)
    .for('update', { skipLocked: true });
  const [row] = await db
    .update(openings)
    .set({ postState: 'claimed', postLeaseUntil: leaseUntil, postRetryAt: null })
    // `= (subquery)` runs it once; `in (subquery)` may run it per row, claiming more than one.
    .where(and(eq(openings.id, sql`(${next})`), due))
    .returning();
  return row ?? null;
}

/**
 * Claims the opening's post to bring it up to date, leased to the caller until `leaseUntil`; null
 * when it is not in this guild or another sender holds it. Then the content version goes up, so
 * that sender finds its post out of date and sends the latest state. A post that was posted or
 * given up on starts a fresh round of retries; one in retry keeps its count.
 */
export async function claimPost(
  db: Db,
  guildId: string,
  id: number,
  times: { now: Date; leaseUntil: Date },
): Promise<Opening | null> {
  const thisOpening = and(eq(openings.guildId, guildId), eq(openings.id, id));
  const [claimed] = await db
    .update(openings)
    .set({
      postState: 'claimed',
      postLeaseUntil: times.leaseUntil,
      postRetryAt: null,
      postAttempts: sql`case when ${openings.postState} = 'retry' then ${openings.postAttempts} else 0 end`,
    })
    .where(and(thisOpening, sql`not ${postIsHeld(times.now)}`))
    .returning();
  if (claimed) return claimed;
  await db
    .update(openings)
    .set(touchOpening(times.now))
    .where(and(thisOpening, postIsHeld(times.now)));
  return null;
}

/**
 * Queues the posts of these openings to be edited by the retry task, e.g. when an interest in them
 * was taken back: a free post becomes due now, a held one is sent again by its sender.
 */
export async function queuePostRefresh(
  db: Db,
  guildId: string,
  ids: readonly number[],
  now: Date,
): Promise<void> {
  if (ids.length === 0) return;
  const held = postIsHeld(now);
  await db
    .update(openings)
    .set({
      ...touchOpening(now),
      postState: sql`case when ${held} then ${openings.postState} else 'pending'::opening_post_state end`,
      postRetryAt: null,
    })
    .where(
      and(
        eq(openings.guildId, guildId),
        inArray(openings.id, [...ids]),
        or(sql`${openings.messageId} is not null`, held),
      ),
    );
}

/** Where an opening ended up on Discord. */
export interface PostTarget {
  channelId: string;
  messageId: string;
  threadId: string | null;
}

/**
 * Records a successful post or edit of the opening as the sender read it (`sent`). If the opening
 * forgot or changed its post meanwhile (its message id differs), the result is not written over
 * it. If its content changed meanwhile, the post is pending, to be sent again.
 */
export async function markPostSent(
  db: Db,
  sent: Pick<Opening, 'guildId' | 'id' | 'messageId' | 'contentVersion'>,
  target: PostTarget,
): Promise<Opening | null> {
  const current = sql`${openings.contentVersion} = ${sent.contentVersion}`;
  const [row] = await db
    .update(openings)
    .set({
      ...target,
      postState: sql`case when ${current} then 'posted'::opening_post_state else 'pending'::opening_post_state end`,
      postedVersion: sent.contentVersion,
      postAttempts: 0,
      postLeaseUntil: null,
      postRetryAt: null,
    })
    .where(
      and(
        eq(openings.guildId, sent.guildId),
        eq(openings.id, sent.id),
        sql`${openings.messageId} is not distinct from ${sent.messageId}`,
      ),
    )
    .returning();
  return row ?? null;
}

/**
 * Forgets a post Discord refuses to edit for good (deleted, or the channel is gone or closed to
 * the bot): the opening has no post, and a new one would be a new generation (a new nonce).
 */
export async function forgetPost(
  db: Db,
  guildId: string,
  id: number,
  messageId: string,
  failures: number,
): Promise<void> {
  await db
    .update(openings)
    .set({
      channelId: null,
      messageId: null,
      threadId: null,
      postState: 'gone',
      postedVersion: null,
      postAttempts: failures,
      postLeaseUntil: null,
      postRetryAt: null,
      postGeneration: sql`${openings.postGeneration} + 1`,
    })
    .where(and(eq(openings.guildId, guildId), eq(openings.id, id), eq(openings.messageId, messageId)));
}

/** Nothing to post (no channel set, or closed before it was ever posted). */
export async function markNothingToPost(db: Db, guildId: string, id: number): Promise<void> {
  await db
    .update(openings)
    .set({ postState: 'gone', postLeaseUntil: null, postRetryAt: null })
    .where(and(eq(openings.guildId, guildId), eq(openings.id, id)));
}

/**
 * Records a failed send: retried at `retryAt`, or given up (null). Given up, an opening never
 * posted has no post ('gone'), and an existing post is 'stale': it shows an older state.
 */
export async function markPostFailed(
  db: Db,
  guildId: string,
  id: number,
  failures: number,
  retryAt: Date | null,
): Promise<void> {
  await db
    .update(openings)
    .set({
      postAttempts: failures,
      postState: retryAt
        ? 'retry'
        : sql`case when ${openings.messageId} is not null then 'stale'::opening_post_state else 'gone'::opening_post_state end`,
      postRetryAt: retryAt,
      postLeaseUntil: null,
    })
    .where(and(eq(openings.guildId, guildId), eq(openings.id, id)));
}

/**
 * Queues the guild's posts the bot gave up editing, whatever their opening's status, to be edited
 * on the next scheduler tick with a fresh round of retries. Returns how many were queued.
 */
export async function requeueStalePosts(db: Db, guildId: string): Promise<number> {
  const queued = await db
    .update(openings)
    .set({ postState: 'pending', postAttempts: 0 })
    .where(and(eq(openings.guildId, guildId), eq(openings.postState, 'stale')))
    .returning({ id: openings.id });
  return queued.length;
}

/**
 * Queues the guild's open, unexpired openings that have no post, to be posted on the next scheduler
 * tick: those stored while no openings channel was set, and those whose post failed for good.
 * Returns how many were queued.
 */
export async function requeueUnpostedOpenings(db: Db, guildId: string, now: Date): Promise<number> {
  const queued = await db
    .update(openings)
    .set({ postState: 'pending', postAttempts: 0 })
    .where(
      and(
        eq(openings.guildId, guildId),
        eq(openings.status, 'open'),
        gt(openings.expiresAt, now),
        isNull(openings.messageId),
        eq(openings.postState, 'gone'),
      ),
    )
    .returning({ id: openings.id });
  return queued.length;
}

/** What an anonymised opening says instead of what its author wrote, and who it names as author. */
export type OpeningReplacement = Pick<
  Opening,
  'authorId' | 'title' | 'institution' | 'mentor' | 'description' | 'contact'
>;

/**
 * Withdraws every open opening the member posted in this guild (closed ones stay as they closed)
 * and overwrites what they wrote in all of them with `replacement`, at once. Their posts must be
 * edited too, but never by two senders at a time:
 *  - a post no sender holds is claimed for the caller until `leaseUntil` (returned in `claimed`;
 *    the retry task takes over after that);
 *  - a post another sender holds keeps its holder, who finds the new content version and sends
 *    the anonymised text on its next pass;
 *  - an opening never posted never will be.
 */
export async function anonymiseMemberOpenings(
  db: Db,
  guildId: string,
  authorId: string,
  replacement: OpeningReplacement,
  times: { now: Date; leaseUntil: Date },
): Promise<{ anonymised: Opening[]; claimed: Opening[]; statusesBefore: Opening['status'][] }> {
  const theirs = and(eq(openings.guildId, guildId), eq(openings.authorId, authorId));
  const held = postIsHeld(times.now);
  const hasPost = sql`${openings.messageId} is not null`;
  return db.transaction(async (tx) => {
    // Locked first: no sender can claim or release a post between this look and the update.
    const before = await tx
      .select({ id: openings.id, status: openings.status, held: sql<boolean>`${held}` })
      .from(openings)
      .where(theirs)
      .for('update');
    const freeIds = new Set(before.filter((row) => !row.held).map((row) => row.id));
    const anonymised = await tx
      .update(openings)
      .set({
        ...replacement,
        ...touchOpening(times.now),
        // A closed opening keeps the status it closed with: that is true of it, not text of theirs.
        status: sql`case when ${openings.status} in ('open', 'in_review') then 'withdrawn'::opening_status else ${openings.status} end`,
        rejectionReason: null,
        postState: sql`case when ${held} then ${openings.postState} when ${hasPost} then 'claimed'::opening_post_state else 'gone'::opening_post_state end`,
        postLeaseUntil: sql`case when ${held} then ${openings.postLeaseUntil} when ${hasPost} then ${times.leaseUntil.toISOString()}::timestamptz end`,
        postRetryAt: null,
        postAttempts: sql`case when ${held} then ${openings.postAttempts} else 0 end`,
      })
      .where(theirs)
      .returning();
    const claimed = anonymised.filter((row) => freeIds.has(row.id) && row.postState === 'claimed');
    return { anonymised, claimed, statusesBefore: before.map((row) => row.status) };
  });
}
