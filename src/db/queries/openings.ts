import { and, asc, count, desc, eq, gt, ilike, inArray, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import type { ClosingStatus } from '../../openings/catalog.ts';
import type { ListFilters } from '../../openings/custom-ids.ts';
import type { RecentOpening } from '../../openings/rules.ts';
import type { Db } from '../client.ts';
import { OPENING_ID_PATTERN, openingInterests, openings } from '../schema/index.ts';

export type Opening = typeof openings.$inferSelect;
export type OpeningWithInterest = Opening & { interestCount: number };
type NewOpening = Pick<
  typeof openings.$inferInsert,
  | 'guildId'
  | 'authorId'
  | 'title'
  | 'institution'
  | 'mentor'
  | 'kind'
  | 'focus'
  | 'remote'
  | 'role'
  | 'description'
  | 'contact'
  | 'expiresAt'
>;
type OpeningFilters = ListFilters;

/** Where an opening ended up on Discord. */
export interface PostTarget {
  channelId: string;
  messageId: string;
  threadId: string | null;
}

const interestCount =
  sql<number>`(select count(*) from ${openingInterests} where ${openingInterests.openingId} = ${openings.id})`
    .mapWith(Number)
    .as('interest_count');

/** A LIKE pattern matching `text` literally anywhere (backslash is PostgreSQL's default escape). */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

function filterConditions(guildId: string, filters: OpeningFilters, now?: Date): SQL[] {
  const conditions: Array<SQL | undefined> = [
    eq(openings.guildId, guildId),
    eq(openings.status, 'open'),
    now ? gt(openings.expiresAt, now) : undefined,
    filters.kind ? eq(openings.kind, filters.kind) : undefined,
    filters.focus ? eq(openings.focus, filters.focus) : undefined,
    filters.remote === undefined ? undefined : eq(openings.remote, filters.remote),
    filters.role ? eq(openings.role, filters.role) : undefined,
  ];
  if (filters.query) {
    const pattern = containsPattern(filters.query);
    conditions.push(
      or(
        ilike(openings.title, pattern),
        ilike(openings.institution, pattern),
        ilike(openings.description, pattern),
        ilike(openings.mentor, pattern),
      ),
    );
  }
  return conditions.filter((condition): condition is SQL => condition !== undefined);
}

/**
 * The guild's open openings matching the filters, newest first, with how many members showed
 * interest, and the number of matches in all (for paging). Pass `now` to leave out openings past
 * their expiry that the sweep has not reached yet.
 */
export async function listOpenOpenings(
  db: Db,
  guildId: string,
  filters: OpeningFilters,
  page: { limit: number; offset: number; now?: Date },
): Promise<{ rows: OpeningWithInterest[]; total: number }> {
  const where = and(...filterConditions(guildId, filters, page.now));
  // The count comes with the page, from the same snapshot, so the two always agree.
  const rows = await db
    .select({ opening: openings, interestCount, total: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(openings)
    .where(where)
    .orderBy(desc(openings.openedAt), desc(openings.id))
    .limit(page.limit)
    .offset(page.offset);
  return {
    rows: rows.map((row) => ({ ...row.opening, interestCount: row.interestCount })),
    total: rows[0]?.total ?? (page.offset > 0 ? await countOpenOpenings(db, where) : 0),
  };
}

/** Only for a page past the end (openings closed since the list was shown): no row carries the count. */
async function countOpenOpenings(db: Db, where: SQL | undefined): Promise<number> {
  const [totals] = await db.select({ total: count() }).from(openings).where(where);
  return totals?.total ?? 0;
}

export async function getOpening(db: Db, guildId: string, id: number): Promise<OpeningWithInterest | null> {
  const [row] = await db
    .select({ opening: openings, interestCount })
    .from(openings)
    .where(and(eq(openings.guildId, guildId), eq(openings.id, id)));
  return row ? { ...row.opening, interestCount: row.interestCount } : null;
}

/** The member's openings in this guild created since `since`, for the spam rules. */
export async function listRecentOpeningsByAuthor(
  db: Db,
  guildId: string,
  authorId: string,
  since: Date,
): Promise<RecentOpening[]> {
  return db
    .select({
      id: openings.id,
      title: openings.title,
      institution: openings.institution,
      createdAt: openings.createdAt,
    })
    .from(openings)
    .where(
      and(eq(openings.guildId, guildId), eq(openings.authorId, authorId), gt(openings.createdAt, since)),
    );
}

/**
 * Stores a new opening, waiting to be posted (leased until `leaseUntil` so the retry task leaves it
 * to the caller), unless `refuse` objects to the member's recent openings. The check and the
 * insert hold a per-member lock, so two forms sent at once cannot both slip under the limit.
 */
export async function createOpening<Refusal>(
  db: Db,
  values: NewOpening,
  times: { now: Date; recentSince: Date; leaseUntil: Date },
  refuse: (recent: RecentOpening[]) => Refusal | null,
): Promise<{ opening: Opening; refusal?: undefined } | { refusal: Refusal; opening?: undefined }> {
  return db.transaction(async (tx) => {
    const lockKey = `opening-author:${values.guildId}:${values.authorId}`;
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${lockKey}))`);
    const recent = await listRecentOpeningsByAuthor(tx, values.guildId, values.authorId, times.recentSince);
    const refusal = refuse(recent);
    if (refusal !== null) return { refusal };
    const [opening] = await tx
      .insert(openings)
      .values({
        ...values,
        status: 'open',
        postState: 'pending',
        nextPostAttemptAt: times.leaseUntil,
        createdAt: times.now,
        openedAt: times.now,
        updatedAt: times.now,
      })
      .returning();
    if (!opening) throw new Error('insert returned no row');
    return { opening };
  });
}

/** Choices for autocomplete: the guild's openings in one status, optionally only one member's. */
export async function listOpeningChoices(
  db: Db,
  guildId: string,
  options: { status: Opening['status']; authorId?: string; search: string; limit: number },
): Promise<Array<Pick<Opening, 'id' | 'title' | 'institution'>>> {
  const search = options.search.trim().replace(/^#/, '');
  const conditions: Array<SQL | undefined> = [
    eq(openings.guildId, guildId),
    eq(openings.status, options.status),
    options.authorId ? eq(openings.authorId, options.authorId) : undefined,
  ];
  if (search) {
    const pattern = containsPattern(search);
    conditions.push(
      or(
        ilike(openings.title, pattern),
        ilike(openings.institution, pattern),
        OPENING_ID_PATTERN.test(search) ? eq(openings.id, Number(search)) : undefined,
      ),
    );
  }
  return db
    .select({ id: openings.id, title: openings.title, institution: openings.institution })
    .from(openings)
    .where(and(...conditions))
    .orderBy(desc(openings.openedAt), desc(openings.id))
    .limit(options.limit);
}

/** Closes an open opening; null when it is not open (any more) in this guild. */
export async function closeOpening(
  db: Db,
  guildId: string,
  id: number,
  status: ClosingStatus,
  now: Date,
): Promise<Opening | null> {
  const [row] = await db
    .update(openings)
    .set({ status, updatedAt: bumpedUpdatedAt(now) })
    .where(and(eq(openings.guildId, guildId), eq(openings.id, id), eq(openings.status, 'open')))
    .returning();
  return row ?? null;
}

/**
 * Opens the author's expired opening again with a new expiry. It keeps its post, which is queued
 * (leased to the caller until `leaseUntil`) to be edited back to open; one never posted is posted
 * anew. Null unless it is the author's and expired.
 */
export async function renewOpening(
  db: Db,
  guildId: string,
  id: number,
  authorId: string,
  times: { now: Date; expiresAt: Date; leaseUntil: Date },
): Promise<Opening | null> {
  const [row] = await db
    .update(openings)
    .set({
      status: 'open',
      expiresAt: times.expiresAt,
      openedAt: times.now,
      postState: 'pending',
      postAttempts: 0,
      nextPostAttemptAt: times.leaseUntil,
      updatedAt: bumpedUpdatedAt(times.now),
    })
    .where(
      and(
        eq(openings.guildId, guildId),
        eq(openings.id, id),
        eq(openings.authorId, authorId),
        eq(openings.status, 'expired'),
      ),
    )
    .returning();
  return row ?? null;
}

/**
 * Marks open openings past their expiry as expired (across guilds; each row names its guild). A
 * posted one is queued for its post to be edited now; one never posted will not be.
 */
export async function expireDueOpenings(db: Db, now: Date, limit: number): Promise<Opening[]> {
  const due = db
    .select({ id: openings.id })
    .from(openings)
    .where(and(eq(openings.status, 'open'), lte(openings.expiresAt, now)))
    .orderBy(asc(openings.expiresAt))
    .limit(limit);
  return (
    db
      .update(openings)
      .set({
        status: 'expired',
        postState: sql`case when ${openings.messageId} is not null then 'pending'::opening_post_state else 'none'::opening_post_state end`,
        nextPostAttemptAt: now,
        postAttempts: 0,
        updatedAt: bumpedUpdatedAt(now),
      })
      // Checked again on the row itself: a concurrent sweep or close may have got there first.
      .where(and(inArray(openings.id, due), eq(openings.status, 'open'), lte(openings.expiresAt, now)))
      .returning()
  );
}

/** Whether no sender holds the opening's post: not pending, or its lease has run out. */
function postIsFree(now: Date): SQL {
  return sql`(${openings.postState} <> 'pending' or ${openings.nextPostAttemptAt} is null or ${openings.nextPostAttemptAt} <= ${now.toISOString()}::timestamptz)`;
}

/**
 * A later `updated_at` than the row has, even within the same millisecond: a sender that read the
 * row before this change then sees that its post is out of date (see `markOpeningPosted`).
 */
function bumpedUpdatedAt(now: Date): SQL {
  return sql`greatest(${now.toISOString()}::timestamptz, ${openings.updatedAt} + interval '1 millisecond')`;
}

/**
 * Claims the post most overdue for a (re)try by leasing it until `leaseUntil`, or null when none is
 * due. One at a time, so each send follows its own claim before the lease can run out. Rows another
 * process is claiming are skipped, and a row claimed meanwhile is no longer due when re-checked.
 */
export async function claimNextDueOpeningPost(db: Db, now: Date, leaseUntil: Date): Promise<Opening | null> {
  const due = db
    .select({ id: openings.id })
    .from(openings)
    .where(and(eq(openings.postState, 'pending'), lte(openings.nextPostAttemptAt, now)))
    .orderBy(asc(openings.nextPostAttemptAt))
    .limit(1)
    .for('update', { skipLocked: true });
  const [row] = await db
    .update(openings)
    .set({ nextPostAttemptAt: leaseUntil })
    // `= (subquery)` runs it once; `in (subquery)` may run it per row, claiming more than one.
    .where(
      and(
        eq(openings.id, sql`(${due})`),
        eq(openings.postState, 'pending'),
        lte(openings.nextPostAttemptAt, now),
      ),
    )
    .returning();
  return row ?? null;
}

/**
 * Claims the opening's post to bring it up to date, leased to the caller until `leaseUntil`; null
 * when it is not in this guild or another sender holds the post. Then the row is left pending and
 * marked changed, so that sender (or the retry task after it) sends the latest state. A post that
 * was posted or given up on starts a fresh round of retries; one still pending keeps its count.
 */
export async function claimOpeningPost(
  db: Db,
  guildId: string,
  id: number,
  times: { now: Date; leaseUntil: Date },
): Promise<Opening | null> {
  const thisOpening = and(eq(openings.guildId, guildId), eq(openings.id, id));
  const [claimed] = await db
    .update(openings)
    .set({
      postState: 'pending',
      postAttempts: sql`case when ${openings.postState} = 'pending' then ${openings.postAttempts} else 0 end`,
      nextPostAttemptAt: times.leaseUntil,
    })
    .where(and(thisOpening, postIsFree(times.now)))
    .returning();
  if (claimed) return claimed;
  // The holder may have finished since: then the row is due again now, for the retry task.
  await db
    .update(openings)
    .set({
      postState: 'pending',
      nextPostAttemptAt: sql`case when ${postIsFree(times.now)} then ${times.now.toISOString()}::timestamptz else ${openings.nextPostAttemptAt} end`,
      updatedAt: bumpedUpdatedAt(times.now),
    })
    .where(thisOpening);
  return null;
}

/**
 * Records a successful post or edit of the opening as the sender read it (`sent`). If the opening
 * was renewed or forgot its post meanwhile (its post ids differ), the stale result is not written
 * over it. If it changed meanwhile (a later `updatedAt`), the post stays pending, due now, so the
 * latest state is sent on another pass.
 */
export async function markOpeningPosted(
  db: Db,
  sent: Pick<Opening, 'guildId' | 'id' | 'messageId' | 'updatedAt'>,
  target: PostTarget,
  now: Date,
): Promise<Opening | null> {
  const unchanged = sql`${openings.updatedAt} <= ${sent.updatedAt.toISOString()}::timestamptz`;
  const [row] = await db
    .update(openings)
    .set({
      ...target,
      postState: sql`case when ${unchanged} then 'posted'::opening_post_state else 'pending'::opening_post_state end`,
      postAttempts: 0,
      nextPostAttemptAt: sql`case when ${unchanged} then null else ${now.toISOString()}::timestamptz end`,
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
 * Forgets a post Discord refuses to edit for good (deleted, or the channel is gone or closed to the
 * bot), so the opening counts as unposted: `/config openings` posts it again while it is open.
 */
export async function forgetOpeningPost(
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
      postState: 'none',
      postAttempts: failures,
      nextPostAttemptAt: null,
    })
    .where(and(eq(openings.guildId, guildId), eq(openings.id, id), eq(openings.messageId, messageId)));
}

/** Nothing to post (no channel set, or closed before it was ever posted). */
export async function markOpeningUnposted(db: Db, guildId: string, id: number): Promise<void> {
  await db
    .update(openings)
    .set({ postState: 'none', nextPostAttemptAt: null })
    .where(and(eq(openings.guildId, guildId), eq(openings.id, id)));
}

/**
 * Queues the guild's posts the bot gave up editing (see `markOpeningPostFailed`), whatever their
 * opening's status, to be edited on the next scheduler tick with a fresh round of retries.
 * Returns how many were queued.
 */
export async function requeueStaleOpeningPosts(db: Db, guildId: string, now: Date): Promise<number> {
  const queued = await db
    .update(openings)
    .set({ postState: 'pending', postAttempts: 0, nextPostAttemptAt: now })
    .where(and(eq(openings.guildId, guildId), eq(openings.postState, 'stale')))
    .returning({ id: openings.id });
  return queued.length;
}

/**
 * Queues the guild's open, unexpired openings that have no post, to be posted on the next scheduler
 * tick: those stored while no openings channel was set, and those whose post failed for good.
 * Pending ones are left alone: one may be in the middle of being sent. Returns how many were queued.
 */
export async function requeueUnpostedOpenings(db: Db, guildId: string, now: Date): Promise<number> {
  const queued = await db
    .update(openings)
    .set({ postState: 'pending', postAttempts: 0, nextPostAttemptAt: now })
    .where(
      and(
        eq(openings.guildId, guildId),
        eq(openings.status, 'open'),
        gt(openings.expiresAt, now),
        isNull(openings.messageId),
        eq(openings.postState, 'none'),
      ),
    )
    .returning({ id: openings.id });
  return queued.length;
}

/**
 * Records a failed post: retried at `nextAttemptAt`, or given up (null). Given up, an opening never
 * posted has no post ('none'), and an existing post is marked 'stale': it shows an older state.
 */
export async function markOpeningPostFailed(
  db: Db,
  guildId: string,
  id: number,
  failures: number,
  nextAttemptAt: Date | null,
): Promise<void> {
  await db
    .update(openings)
    .set({
      postAttempts: failures,
      postState: nextAttemptAt
        ? 'pending'
        : sql`case when ${openings.messageId} is not null then 'stale'::opening_post_state else 'none'::opening_post_state end`,
      nextPostAttemptAt: nextAttemptAt,
    })
    .where(and(eq(openings.guildId, guildId), eq(openings.id, id)));
}

/**
 * For /assess: a few of the guild's open, unexpired openings at the member's rung of the ladder
 * (and in the focus they most need, when given), newest first.
 */
export async function suggestOpenOpenings(
  db: Db,
  guildId: string,
  options: { focus?: Opening['focus'] | undefined; role: Opening['role']; limit: number; now: Date },
): Promise<Array<Pick<Opening, 'id' | 'title' | 'institution' | 'kind' | 'remote'>>> {
  return db
    .select({
      id: openings.id,
      title: openings.title,
      institution: openings.institution,
      kind: openings.kind,
      remote: openings.remote,
    })
    .from(openings)
    .where(and(...filterConditions(guildId, { focus: options.focus, role: options.role }, options.now)))
    .orderBy(desc(openings.openedAt), desc(openings.id))
    .limit(options.limit);
}

/** Every opening the member posted in this guild, in any status, newest first (for /mydata export). */
export async function listMemberOpenings(db: Db, guildId: string, authorId: string): Promise<Opening[]> {
  return db
    .select()
    .from(openings)
    .where(and(eq(openings.guildId, guildId), eq(openings.authorId, authorId)))
    .orderBy(desc(openings.createdAt), desc(openings.id));
}

/** What an anonymised opening says instead of what its author wrote, and who it names as author. */
export type OpeningReplacement = Pick<
  Opening,
  'authorId' | 'title' | 'institution' | 'mentor' | 'description' | 'contact'
>;

/**
 * Withdraws every opening the member posted in this guild and overwrites what they wrote with
 * `replacement`, at once. Their posts must be edited too, but never by two senders at a time:
 *  - a post no sender holds is claimed for the caller until `leaseUntil` (returned in `claimed`;
 *    the retry task takes over after that);
 *  - a post another sender holds (or that waits for a retry) is left to it: the row is marked
 *    changed, so that sender finds its post out of date and it is sent again (see
 *    `markOpeningPosted`), or its retry sends the anonymised text;
 *  - an opening never posted never will be.
 */
export async function anonymiseMemberOpenings(
  db: Db,
  guildId: string,
  authorId: string,
  replacement: OpeningReplacement,
  times: { now: Date; leaseUntil: Date },
): Promise<{ anonymised: Opening[]; claimed: Opening[] }> {
  const theirs = and(eq(openings.guildId, guildId), eq(openings.authorId, authorId));
  const free = postIsFree(times.now);
  const hasPost = sql`${openings.messageId} is not null`;
  return db.transaction(async (tx) => {
    // Locked first: no sender can claim or release a post between this look and the update.
    const before = await tx
      .select({ id: openings.id, free: sql<boolean>`${free}` })
      .from(openings)
      .where(theirs)
      .for('update');
    const freeIds = new Set(before.filter((row) => row.free).map((row) => row.id));
    const anonymised = await tx
      .update(openings)
      .set({
        ...replacement,
        status: 'withdrawn',
        postState: sql`case when not ${free} then ${openings.postState} when ${hasPost} then 'pending'::opening_post_state else 'none'::opening_post_state end`,
        nextPostAttemptAt: sql`case when not ${free} then ${openings.nextPostAttemptAt} when ${hasPost} then ${times.leaseUntil.toISOString()}::timestamptz end`,
        postAttempts: sql`case when not ${free} then ${openings.postAttempts} else 0 end`,
        updatedAt: bumpedUpdatedAt(times.now),
      })
      .where(theirs)
      .returning();
    const claimed = anonymised.filter((row) => freeIds.has(row.id) && row.postState === 'pending');
    return { anonymised, claimed };
  });
}
