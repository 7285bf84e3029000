import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { faqHidden } from '../schema/index.ts';

/** Hides a built-in entry in one guild; false when it was hidden already. */
export async function hideBuiltInFaq(
  db: Db,
  guildId: string,
  slug: string,
  actorId: string,
  now: Date,
): Promise<boolean> {
  const inserted = await db
    .insert(faqHidden)
    .values({ guildId, slug, hiddenBy: actorId, hiddenAt: now })
    .onConflictDoNothing()
    .returning({ slug: faqHidden.slug });
  return inserted.length > 0;
}

/** Whether the guild hid the built-in entry with this slug. */
export async function isBuiltInFaqHidden(db: Db, guildId: string, slug: string): Promise<boolean> {
  const [hidden] = await db
    .select({ slug: faqHidden.slug })
    .from(faqHidden)
    .where(and(eq(faqHidden.guildId, guildId), eq(faqHidden.slug, slug)));
  return Boolean(hidden);
}

/** Slugs of the built-in entries hidden in a guild, alphabetically. */
export async function listHiddenFaqSlugs(db: Db, guildId: string): Promise<string[]> {
  const rows = await db
    .select({ slug: faqHidden.slug })
    .from(faqHidden)
    .where(eq(faqHidden.guildId, guildId))
    .orderBy(faqHidden.slug);
  return rows.map((row) => row.slug);
}

/** Shows a hidden built-in entry again in one guild; false when it was not hidden. */
export async function unhideBuiltInFaq(db: Db, guildId: string, slug: string): Promise<boolean> {
  const deleted = await db
    .delete(faqHidden)
    .where(and(eq(faqHidden.guildId, guildId), eq(faqHidden.slug, slug)))
    .returning({ slug: faqHidden.slug });
  return deleted.length > 0;
}

/** The built-in entries the member (as a moderator) hid in this guild, newest first. */
export async function listMemberHiddenFaqs(
  db: Db,
  guildId: string,
  userId: string,
): Promise<Array<{ slug: string; hiddenAt: Date }>> {
  return db
    .select({ slug: faqHidden.slug, hiddenAt: faqHidden.hiddenAt })
    .from(faqHidden)
    .where(and(eq(faqHidden.guildId, guildId), eq(faqHidden.hiddenBy, userId)))
    .orderBy(desc(faqHidden.hiddenAt), faqHidden.slug);
}

/**
 * Removes the member's name from the built-ins they hid as a moderator: they stay hidden (the choice
 * belongs to the guild), attributed to no one. Returns how many.
 */
export async function unattributeMemberHiddenFaqs(db: Db, guildId: string, userId: string): Promise<number> {
  const hidden = await db
    .update(faqHidden)
    .set({ hiddenBy: null })
    .where(and(eq(faqHidden.guildId, guildId), eq(faqHidden.hiddenBy, userId)))
    .returning({ slug: faqHidden.slug });
  return hidden.length;
}
