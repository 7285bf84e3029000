import type { Db } from '../client.ts';
import { openingInterests } from '../schema/index.ts';

/** Records a member's interest; false when they had already shown interest in this opening. */
export async function addOpeningInterest(
  db: Db,
  guildId: string,
  openingId: number,
  userId: string,
  now: Date,
): Promise<boolean> {
  const inserted = await db
    .insert(openingInterests)
    .values({ guildId, openingId, userId, createdAt: now })
    .onConflictDoNothing()
    .returning({ userId: openingInterests.userId });
  return inserted.length > 0;
}
