import { and, asc, count, eq, ilike, lte, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { portfolioItems } from '../schema/index.ts';
import { containsPattern } from './like-pattern.ts';

export type PortfolioItem = typeof portfolioItems.$inferSelect;
type ItemFields = Omit<
  typeof portfolioItems.$inferInsert,
  'id' | 'guildId' | 'userId' | 'nudgeSnoozedUntil' | 'createdAt' | 'updatedAt'
>;
type ItemPatch = Partial<ItemFields>;

export interface ItemFilters {
  kind?: PortfolioItem['kind'] | undefined;
  status?: PortfolioItem['status'] | undefined;
}

const ofMember = (guildId: string, userId: string) =>
  and(eq(portfolioItems.guildId, guildId), eq(portfolioItems.userId, userId));

const oneItem = (guildId: string, userId: string, id: number) =>
  and(ofMember(guildId, userId), eq(portfolioItems.id, id));

/**
 * Stores a new item unless the member already has `limit` in this guild. The count and the insert
 * hold a per-member lock, so two forms sent at once cannot both slip under the limit.
 */
export async function createPortfolioItem(
  db: Db,
  member: { guildId: string; userId: string },
  fields: ItemFields,
  { now, limit }: { now: Date; limit: number },
): Promise<PortfolioItem | null> {
  return db.transaction(async (tx) => {
    const lockKey = `portfolio:${member.guildId}:${member.userId}`;
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${lockKey}))`);
    if ((await countMemberItems(tx, member.guildId, member.userId)) >= limit) return null;
    const [item] = await tx
      .insert(portfolioItems)
      .values({ ...fields, ...member, createdAt: now, updatedAt: now })
      .returning();
    if (!item) throw new Error('insert returned no row');
    return item;
  });
}

export async function countMemberItems(db: Db, guildId: string, userId: string): Promise<number> {
  const [row] = await db.select({ total: count() }).from(portfolioItems).where(ofMember(guildId, userId));
  return row?.total ?? 0;
}

/** One of the member's items in this guild, or null: never another member's or another guild's. */
export async function getMemberItem(
  db: Db,
  guildId: string,
  userId: string,
  id: number,
): Promise<PortfolioItem | null> {
  const [row] = await db
    .select()
    .from(portfolioItems)
    .where(oneItem(guildId, userId, id));
  return row ?? null;
}

/** Every item of the member in this guild, oldest first (counts, ERAS, nudges, /mydata export). */
export async function listAllMemberItems(db: Db, guildId: string, userId: string): Promise<PortfolioItem[]> {
  return db.select().from(portfolioItems).where(ofMember(guildId, userId)).orderBy(asc(portfolioItems.id));
}

/** A page of the member's items matching the filters, oldest first, and how many match in all. */
export async function listMemberItems(
  db: Db,
  guildId: string,
  userId: string,
  filters: ItemFilters,
  page: { limit: number; offset: number },
): Promise<{ rows: PortfolioItem[]; total: number }> {
  const conditions: Array<SQL | undefined> = [
    ofMember(guildId, userId),
    filters.kind ? eq(portfolioItems.kind, filters.kind) : undefined,
    filters.status ? eq(portfolioItems.status, filters.status) : undefined,
  ];
  const where = and(...conditions);
  const rows = await db
    .select({ item: portfolioItems, total: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(portfolioItems)
    .where(where)
    .orderBy(asc(portfolioItems.id))
    .limit(page.limit)
    .offset(page.offset);
  if (rows[0]) return { rows: rows.map((row) => row.item), total: rows[0].total };
  const [totals] = await db.select({ total: count() }).from(portfolioItems).where(where);
  return { rows: [], total: totals?.total ?? 0 };
}

/** The member's items whose title contains the text, for autocomplete. */
export async function searchMemberItems(
  db: Db,
  guildId: string,
  userId: string,
  { search, limit }: { search: string; limit: number },
): Promise<PortfolioItem[]> {
  const pattern = containsPattern(search);
  return db
    .select()
    .from(portfolioItems)
    .where(and(ofMember(guildId, userId), search ? ilike(portfolioItems.title, pattern) : undefined))
    .orderBy(sql`${portfolioItems.updatedAt} desc`, asc(portfolioItems.id))
    .limit(limit);
}

/** Changes one of the member's items; null when there is no such item of theirs. */
export async function updateMemberItem(
  db: Db,
  guildId: string,
  userId: string,
  id: number,
  patch: ItemPatch,
  now: Date,
): Promise<PortfolioItem | null> {
  const statusChanged = patch.status !== undefined;
  const [row] = await db
    .update(portfolioItems)
    .set({
      ...patch,
      // A new status starts a new wait; a snooze was about the old one.
      ...(statusChanged ? { nudgeSnoozedUntil: null } : {}),
      updatedAt: now,
    })
    .where(oneItem(guildId, userId, id))
    .returning();
  return row ?? null;
}

/** Puts off nudges about one of the member's items; false when there is no such item of theirs. */
export async function snoozeMemberItem(
  db: Db,
  guildId: string,
  userId: string,
  id: number,
  until: Date,
): Promise<boolean> {
  const rows = await db
    .update(portfolioItems)
    .set({ nudgeSnoozedUntil: until })
    .where(oneItem(guildId, userId, id))
    .returning({ id: portfolioItems.id });
  return rows.length > 0;
}

/**
 * Removes one of the member's items if it has not changed since `unchangedSince` (the moment the
 * confirmation was shown); null when it is gone or changed, so a confirmation works once.
 */
export async function removeMemberItem(
  db: Db,
  guildId: string,
  userId: string,
  id: number,
  unchangedSince: Date,
): Promise<PortfolioItem | null> {
  const [row] = await db
    .delete(portfolioItems)
    .where(and(oneItem(guildId, userId, id), lte(portfolioItems.updatedAt, unchangedSince)))
    .returning();
  return row ?? null;
}

/** Deletes every item of the member in this guild (/mydata delete); returns how many there were. */
export async function deleteMemberItems(db: Db, guildId: string, userId: string): Promise<number> {
  const rows = await db
    .delete(portfolioItems)
    .where(ofMember(guildId, userId))
    .returning({ id: portfolioItems.id });
  return rows.length;
}
