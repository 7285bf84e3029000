import { and, eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { openingAuthorSettings } from '../schema/index.ts';

export type OpeningAuthorSettings = typeof openingAuthorSettings.$inferSelect;

/** The member's direct-message choices in this guild, or null when they never chose (DMs on). */
export async function getOpeningAuthorSettings(
  db: Db,
  guildId: string,
  userId: string,
): Promise<OpeningAuthorSettings | null> {
  const [row] = await db
    .select()
    .from(openingAuthorSettings)
    .where(and(eq(openingAuthorSettings.guildId, guildId), eq(openingAuthorSettings.userId, userId)));
  return row ?? null;
}

/**
 * Turns the author's interest DMs on or off; `reason` says why the bot turned them off itself
 * (null when the member chose).
 */
export async function setInterestDms(
  db: Db,
  guildId: string,
  userId: string,
  change: { on: boolean; reason: string | null },
  now: Date,
): Promise<void> {
  const values = {
    interestDms: change.on,
    interestDmsOffReason: change.on ? null : change.reason,
    updatedAt: now,
  };
  await db
    .insert(openingAuthorSettings)
    .values({ guildId, userId, ...values })
    .onConflictDoUpdate({
      target: [openingAuthorSettings.guildId, openingAuthorSettings.userId],
      set: values,
    });
}

/** For /mydata: the member's row in this guild, if any. */
export async function listMemberOpeningAuthorSettings(
  db: Db,
  guildId: string,
  userId: string,
): Promise<OpeningAuthorSettings[]> {
  const row = await getOpeningAuthorSettings(db, guildId, userId);
  return row ? [row] : [];
}

export async function deleteMemberOpeningAuthorSettings(
  db: Db,
  guildId: string,
  userId: string,
): Promise<number> {
  const deleted = await db
    .delete(openingAuthorSettings)
    .where(and(eq(openingAuthorSettings.guildId, guildId), eq(openingAuthorSettings.userId, userId)))
    .returning({ userId: openingAuthorSettings.userId });
  return deleted.length;
}
