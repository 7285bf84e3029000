import { and, asc, count, desc, eq, gt, ilike, inArray, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import type { ClosingStatus } from '../../openings/catalog.ts';
import type { ListFilters } from '../../openings/custom-ids.ts';
import { duplicateKey, type RecentOpening } from '../../openings/rules.ts';
import type { Db } from '../client.ts';
import { OPENING_ID_PATTERN, openingInterests, openings } from '../schema/index.ts';
import { listRecentDeletedOpenings } from './deleted-opening-traces.ts';
import { containsPattern } from './like-pattern.ts';
import { claimedUntil, postIsHeld, touchOpening } from './opening-posts.ts';

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
> & { status: 'open' | 'in_review' };
/** The list's filters, with `mine` resolved to the member it means. */
type OpeningFilters = Omit<ListFilters, 'mine'> & { authorId?: string | undefined };

const interestCount =
  sql<number>`(select count(*) from ${openingInterests} where ${openingInterests.openingId} = ${openings.id})`
    .mapWith(Number)
    .as('interest_count');

function filterConditions(guildId: string, filters: OpeningFilters, now?: Date): SQL[] {
  const conditions: Array<SQL | undefined> = [
    eq(openings.guildId, guildId),
    // An author's own list also shows what awaits a moderator's review; nobody else sees those.
    filters.authorId ? inArray(openings.status, ['open', 'in_review']) : eq(openings.status, 'open'),
    now ? gt(openings.expiresAt, now) : undefined,
    filters.kind ? eq(openings.kind, filters.kind) : undefined,
    filters.focus ? eq(openings.focus, filters.focus) : undefined,
    filters.remote === undefined ? undefined : eq(openings.remote, filters.remote),
    filters.role ? eq(openings.role, filters.role) : undefined,
    filters.authorId ? eq(openings.authorId, filters.authorId) : undefined,
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

/** The member's openings in this guild created since `since` as they still hold them, with their text. */
async function listOwnRecentOpenings(db: Db, guildId: string, authorId: string, since: Date) {
  return db
    .select({
      id: openings.id,
      title: openings.title,
      institution: openings.institution,
      status: openings.status,
      createdAt: openings.createdAt,
    })
    .from(openings)
    .where(
      and(eq(openings.guildId, guildId), eq(openings.authorId, authorId), gt(openings.createdAt, since)),
    );
}

/**
 * The member's openings in this guild created since `since`, for the spam rules: those they hold
 * and those they deleted with /mydata delete, which still count.
 */
export async function listRecentOpeningsByAuthor(
  db: Db,
  guildId: string,
  authorId: string,
  since: Date,
): Promise<RecentOpening[]> {
  const own = await listOwnRecentOpenings(db, guildId, authorId, since);
  const deleted = await listRecentDeletedOpenings(db, guildId, authorId, since);
  return [
    ...own.map(({ id, createdAt, status, ...text }) => ({
      id,
      createdAt,
      // A rejected opening still counts towards the rate limit, but its author is asked to post it
      // again, changed: it is nobody's duplicate (the key matches no hash, which has no colon).
      duplicateKey: status === 'rejected' ? `rejected:${id}` : duplicateKey(text),
    })),
    ...deleted,
  ];
}

/**
 * Stores a new opening, its post claimed by the caller until `leaseUntil` (the retry task leaves
 * it alone until then), unless `refuse` objects to the member's recent openings. The check and the
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
        // One in review has no post until it is approved.
        ...(values.status === 'open' ? claimedUntil(times.leaseUntil) : { postState: 'gone' as const }),
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
    .set({ status, ...touchOpening(now) })
    .where(
      and(
        eq(openings.guildId, guildId),
        eq(openings.id, id),
        inArray(openings.status, ['open', 'in_review']),
      ),
    )
    .returning();
  return row ?? null;
}

/**
 * Opens the author's expired opening again with a new expiry. It keeps its post, claimed by the
 * caller until `leaseUntil` to be edited back to open; one never posted is posted anew. Null unless it is the author's and expired.
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
      expiryWarnedAt: null,
      ...claimedUntil(times.leaseUntil),
      ...touchOpening(times.now),
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
        ...touchOpening(now),
        // A held post is sent again by its holder, which finds the new version.
        postState: sql`case when ${postIsHeld(now)} then ${openings.postState} when ${openings.messageId} is not null then 'pending'::opening_post_state else 'gone'::opening_post_state end`,
        postRetryAt: null,
        postAttempts: 0,
      })
      // Checked again on the row itself: a concurrent sweep or close may have got there first.
      .where(and(inArray(openings.id, due), eq(openings.status, 'open'), lte(openings.expiresAt, now)))
      .returning()
  );
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

/**
 * Claims up to `limit` open openings that expire before `warnBefore` and whose author was not
 * warned yet (across guilds): marked warned in the same statement, so one process warns once.
 */
export async function claimExpiryWarnings(
  db: Db,
  now: Date,
  options: { warnBefore: Date; limit: number },
): Promise<Opening[]> {
  const due = db
    .select({ id: openings.id })
    .from(openings)
    .where(
      and(
        eq(openings.status, 'open'),
        isNull(openings.expiryWarnedAt),
        gt(openings.expiresAt, now),
        lte(openings.expiresAt, options.warnBefore),
      ),
    )
    .orderBy(asc(openings.expiresAt))
    .limit(options.limit)
    .for('update', { skipLocked: true });
  return db
    .update(openings)
    .set({ expiryWarnedAt: now })
    .where(and(inArray(openings.id, due), isNull(openings.expiryWarnedAt)))
    .returning();
}

/**
 * Moves the author's open opening's expiry from `warnedExpiry` (what the warning named) to
 * `expiresAt`, keeping its post, which is then edited; null when it is not theirs, not open, or
 * its expiry changed since the warning. It can be warned again before the new expiry.
 */
export async function extendOpening(
  db: Db,
  guildId: string,
  id: number,
  change: { authorId: string; warnedExpiry: Date; expiresAt: Date; now: Date },
): Promise<Opening | null> {
  const [row] = await db
    .update(openings)
    .set({ expiresAt: change.expiresAt, expiryWarnedAt: null, ...touchOpening(change.now) })
    .where(
      and(
        eq(openings.guildId, guildId),
        eq(openings.id, id),
        eq(openings.authorId, change.authorId),
        eq(openings.status, 'open'),
        sql`date_trunc('second', ${openings.expiresAt}) = ${change.warnedExpiry.toISOString()}::timestamptz`,
      ),
    )
    .returning();
  return row ?? null;
}

/** Where the opening's review message is, once it was sent to the review channel. */
export async function recordReviewMessage(
  db: Db,
  guildId: string,
  id: number,
  message: { channelId: string; messageId: string },
): Promise<void> {
  await db
    .update(openings)
    .set({ reviewChannelId: message.channelId, reviewMessageId: message.messageId })
    .where(and(eq(openings.guildId, guildId), eq(openings.id, id)));
}

/** Openings in review whose review message was never sent (Discord refused it), oldest first. */
export async function listUnsentReviews(db: Db, guildId: string, limit: number): Promise<Opening[]> {
  return db
    .select()
    .from(openings)
    .where(
      and(eq(openings.guildId, guildId), eq(openings.status, 'in_review'), isNull(openings.reviewMessageId)),
    )
    .orderBy(asc(openings.createdAt))
    .limit(limit);
}

/**
 * Approves an opening in review: it opens now, for as long as its author asked (counted from now,
 * not from when it was written), its post still to be made; null when it is no longer in review.
 */
export async function approveOpening(
  db: Db,
  guildId: string,
  id: number,
  now: Date,
): Promise<Opening | null> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const [row] = await db
    .update(openings)
    .set({
      status: 'open',
      expiresAt: sql`${at} + (${openings.expiresAt} - ${openings.createdAt})`,
      openedAt: now,
      ...touchOpening(now),
    })
    .where(and(eq(openings.guildId, guildId), eq(openings.id, id), eq(openings.status, 'in_review')))
    .returning();
  return row ?? null;
}

/** Rejects an opening in review with the moderator's reason; null when it is no longer in review. */
export async function rejectOpening(
  db: Db,
  guildId: string,
  id: number,
  reason: string,
  now: Date,
): Promise<Opening | null> {
  const [row] = await db
    .update(openings)
    .set({ status: 'rejected', rejectionReason: reason, ...touchOpening(now) })
    .where(and(eq(openings.guildId, guildId), eq(openings.id, id), eq(openings.status, 'in_review')))
    .returning();
  return row ?? null;
}
