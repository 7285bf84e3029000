import { sql } from 'drizzle-orm';
import { type Db, selectRows } from '../client.ts';
import { faqViews } from '../schema/index.ts';
import { type FaqRow, faqRowColumns, listFaqsByQuestionStart, visibleIn } from './faqs.ts';

export interface FaqViewCount {
  guildId: string;
  slug: string;
  views: number;
  lastViewedAt: Date;
}

/** Adds showings of entries to their guilds' counts, in one statement (one row per guild and slug). */
export async function addFaqViews(db: Db, counts: readonly FaqViewCount[]): Promise<void> {
  if (counts.length === 0) return;
  // Rows in key order, so two processes adding at once lock them in the same order (no deadlock).
  const ordered = [...counts].sort(
    (a, b) => a.guildId.localeCompare(b.guildId) || a.slug.localeCompare(b.slug),
  );
  await db
    .insert(faqViews)
    .values(ordered)
    .onConflictDoUpdate({
      target: [faqViews.guildId, faqViews.slug],
      set: {
        views: sql`${faqViews.views} + excluded.views`,
        lastViewedAt: sql`greatest(${faqViews.lastViewedAt}, excluded.last_viewed_at)`,
      },
    });
}

/**
 * The guild's most viewed visible entries, topped up with other entries (by question) when fewer
 * than `limit` were ever viewed, so the empty autocomplete box is never empty.
 */
export async function listMostViewedFaqs(db: Db, guildId: string, limit: number): Promise<FaqRow[]> {
  const viewed = await selectRows<FaqRow>(
    db,
    sql`select ${faqRowColumns}
      from faq_views v
      join faq_entries e on e.slug = v.slug and (e.guild_id = v.guild_id or e.guild_id is null)
      where v.guild_id = ${guildId} and ${visibleIn(guildId)}
      order by v.views desc, v.last_viewed_at desc, e.slug
      limit ${limit}`,
  );
  if (viewed.length >= limit) return viewed;
  const seen = new Set(viewed.map((row) => row.slug));
  const others = await listFaqsByQuestionStart(db, guildId, '', limit);
  return [...viewed, ...others.filter((row) => !seen.has(row.slug))].slice(0, limit);
}
