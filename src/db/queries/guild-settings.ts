import { eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { guildSettings } from '../schema/index.ts';

export type GuildSettings = typeof guildSettings.$inferSelect;
export type GuildSettingsPatch = Partial<Omit<GuildSettings, 'guildId' | 'updatedAt'>>;

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
