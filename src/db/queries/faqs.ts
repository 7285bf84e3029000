import { and, desc, eq, isNull, notInArray, type SQL, sql } from 'drizzle-orm';
import type { BuiltInFaq, FaqEntryInput } from '../../faq/entry.ts';
import { type Db, selectRows } from '../client.ts';
import { faqEntries } from '../schema/index.ts';
import { isBuiltInFaqHidden } from './faq-hidden.ts';

export interface FaqRow {
  id: number;
  /** Null for a built-in entry. */
  guildId: string | null;
  slug: string;
  question: string;
  answer: string;
  aliases: string[];
  tags: string[];
  source: string;
}

export interface FaqListRow extends FaqRow {
  /** The text is exactly the entry's question or one of its aliases. */
  exact: boolean;
}

/**
 * At most this many matching entries are read for a list of related entries: a guild's FAQ stays
 * far below it; on a huge table it bounds the work.
 */
const RELATED_CANDIDATE_CAP = 200;

/** The FaqRow columns of `faq_entries e`. */
export const faqRowColumns = sql.raw(
  'e.id, e.guild_id as "guildId", e.slug, e.question, e.answer, e.aliases, e.tags, e.source',
);

/** Entries (`faq_entries e`) a guild sees: its own, and the built-ins it neither overrode nor hid. */
export function visibleIn(guildId: string): SQL {
  return sql`(e.guild_id = ${guildId} or (e.guild_id is null and ${builtInVisibleIn(guildId)}))`;
}

function builtInVisibleIn(guildId: string): SQL {
  // "offset 0" keeps each check a per-row index probe: without it the planner may hash every row of
  // the guild first, which reads the whole guild's FAQ on every query.
  return sql`not exists (select from faq_entries o where o.guild_id = ${guildId} and o.slug = e.slug offset 0)
    and not exists (select from faq_hidden h where h.guild_id = ${guildId} and h.slug = e.slug offset 0)`;
}

/** Passes a list of [a-z0-9-] words as one parameter, so statement text does not vary with its length. */
export function wordList(words: readonly (string | number | boolean)[]): SQL {
  return sql`string_to_array(${words.join(' ')}::text, ' ')`;
}

/**
 * Visible entries whose question starts with `start` (text as normalizeText leaves it; all of them
 * for ''), and
 * those with an alias equal to it, for autocomplete: exact alias matches first, then by question.
 * Each part reads an index range in index order (byte order, `using ~<~`, as text_pattern_ops
 * sorts) and stops at `limit`, whatever the size of the table.
 */
export async function listFaqsByQuestionStart(
  db: Db,
  guildId: string,
  start: string,
  limit: number,
): Promise<FaqListRow[]> {
  const range = start
    ? sql`and e.question_key ~>=~ ${start} and e.question_key ~<~ ${upperBound(start)}`
    : sql``;
  const exact = sql`(e.question_key = ${start} or e.alias_keys @> array[${start}::text])`;
  const aliasMatches = start
    ? sql`union all
      (select ${faqRowColumns}, e.question_key, true as exact from faq_entries e
        where e.alias_keys @> array[${start}::text] and ${visibleIn(guildId)}
        limit ${limit})`
    : sql``;
  const rows = await selectRows<FaqListRow & { question_key?: string }>(
    db,
    sql`select * from (
      (select ${faqRowColumns}, e.question_key, ${exact} as exact from faq_entries e
        where e.guild_id = ${guildId} ${range}
        order by e.question_key using ~<~ limit ${limit})
      union all
      (select ${faqRowColumns}, e.question_key, ${exact} as exact from faq_entries e
        where e.guild_id is null ${range} and ${builtInVisibleIn(guildId)}
        order by e.question_key using ~<~ limit ${limit})
      ${aliasMatches}
    ) found
    order by exact desc, question_key, id`,
  );
  const seen = new Set<number>();
  return rows
    .filter((row) => !seen.has(row.id) && seen.add(row.id))
    .map(({ question_key: _key, ...row }) => ({ ...row, exact: Boolean(row.exact) }))
    .slice(0, limit);
}

export interface FaqSuggestionRow {
  id: number;
  slug: string;
  question: string;
  /** The question and aliases as normalizeText leaves them (faq_normalize, its SQL twin). */
  questionKey: string;
  aliasKeys: string[];
  tags: string[];
}

/** Every entry a guild sees, with what its autocomplete matches on (no answers): one read per index. */
export async function listVisibleFaqKeys(db: Db, guildId: string): Promise<FaqSuggestionRow[]> {
  return selectRows<FaqSuggestionRow>(
    db,
    sql`select e.id, e.slug, e.question, e.question_key as "questionKey", e.alias_keys as "aliasKeys", e.tags
      from faq_entries e where ${visibleIn(guildId)}`,
  );
}

/** The first string after every string that starts with `prefix` (for a range scan or a binary search). */
export function upperBound(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

/** The entry a guild sees under this slug: its own, else the built-in unless hidden; null if none. */
export async function getVisibleFaq(db: Db, guildId: string, slug: string): Promise<FaqRow | null> {
  const [row] = await selectRows<FaqRow>(
    db,
    sql`select ${faqRowColumns} from faq_entries e
      where e.slug = ${slug} and ${visibleIn(guildId)}
      order by e.guild_id nulls last limit 1`,
  );
  return row ?? null;
}

/** Up to `limit` other visible entries sharing the most tags with this one. */
export async function listRelatedFaqs(
  db: Db,
  guildId: string,
  entry: Pick<FaqRow, 'slug' | 'tags'>,
  limit = 3,
): Promise<Array<Pick<FaqRow, 'slug' | 'question'>>> {
  if (entry.tags.length === 0) return [];
  const tags = wordList(entry.tags);
  return selectRows(
    db,
    sql`select slug, question from (
        select e.slug, e.question, e.id,
          cardinality(array(select unnest(e.tags) intersect select unnest(${tags}))) as shared
        from faq_entries e
        where e.tags && ${tags} and e.slug <> ${entry.slug} and ${visibleIn(guildId)}
        limit ${RELATED_CANDIDATE_CAP}
      ) related
      order by shared desc, id
      limit ${limit}`,
  );
}

/** What a guild has on a slug: its own entry, a built-in, and whether it hid that built-in. */
export async function describeFaqSlug(db: Db, guildId: string, slug: string) {
  const [own] = await db
    .select({ id: faqEntries.id })
    .from(faqEntries)
    .where(and(eq(faqEntries.guildId, guildId), eq(faqEntries.slug, slug)));
  const [builtIn] = await db
    .select({ id: faqEntries.id })
    .from(faqEntries)
    .where(and(isNull(faqEntries.guildId), eq(faqEntries.slug, slug)));
  const builtInHidden = await isBuiltInFaqHidden(db, guildId, slug);
  return { hasOwn: Boolean(own), hasBuiltIn: Boolean(builtIn), builtInHidden };
}

/** What syncBuiltInFaqs writes of a built-in entry. */
export type SyncedFaqFields = Pick<
  BuiltInFaq,
  'slug' | 'question' | 'answer' | 'aliases' | 'tags' | 'source'
>;

export const syncedFaqFields = ({ slug, question, answer, aliases, tags, source }: SyncedFaqFields) => ({
  slug,
  question,
  answer,
  aliases,
  tags,
  source,
});

/** The built-in rows as syncBuiltInFaqs wrote them. */
export async function listSyncedBuiltInFaqs(db: Db): Promise<SyncedFaqFields[]> {
  return db
    .select({
      slug: faqEntries.slug,
      question: faqEntries.question,
      answer: faqEntries.answer,
      aliases: faqEntries.aliases,
      tags: faqEntries.tags,
      source: faqEntries.source,
    })
    .from(faqEntries)
    .where(isNull(faqEntries.guildId));
}

/**
 * Makes the built-in rows match the content files: new entries are added, changed ones updated,
 * removed ones deleted. Rows of guilds are never touched. Idempotent; runs at every start.
 */
export async function syncBuiltInFaqs(db: Db, entries: readonly BuiltInFaq[]): Promise<void> {
  await db.transaction(async (tx) => {
    if (entries.length > 0) {
      await tx
        .insert(faqEntries)
        .values(entries.map((entry) => ({ guildId: null, ...syncedFaqFields(entry) })))
        .onConflictDoUpdate({
          target: faqEntries.slug,
          targetWhere: sql`${faqEntries.guildId} is null`,
          set: {
            question: sql`excluded.question`,
            answer: sql`excluded.answer`,
            aliases: sql`excluded.aliases`,
            tags: sql`excluded.tags`,
            source: sql`excluded.source`,
            updatedAt: sql`now()`,
          },
          setWhere: sql`(${faqEntries.question}, ${faqEntries.answer}, ${faqEntries.aliases}, ${faqEntries.tags}, ${faqEntries.source})
            is distinct from (excluded.question, excluded.answer, excluded.aliases, excluded.tags, excluded.source)`,
        });
    }
    await tx.delete(faqEntries).where(
      and(
        isNull(faqEntries.guildId),
        entries.length > 0
          ? notInArray(
              faqEntries.slug,
              entries.map((entry) => entry.slug),
            )
          : undefined,
      ),
    );
    // How many built-ins contain each lexeme: search weighs query words by rarity with it.
    await tx.execute(sql`insert into faq_lexemes (lexeme, documents)
      select word, ndoc from ts_stat('select search_vector from faq_entries where guild_id is null')
      on conflict (lexeme) do update set documents = excluded.documents`);
    await tx.execute(sql`delete from faq_lexemes where lexeme not in
      (select word from ts_stat('select search_vector from faq_entries where guild_id is null'))`);
    // The trigger adds the words of new built-ins to the typo vocabulary; this drops words none has now.
    await tx.execute(sql`delete from faq_terms where term not in (select word from faq_entries,
      faq_entry_words(question, aliases, tags, answer) as word where guild_id is null)`);
  });
}

/** Adds or replaces one of the guild's own entries (overriding a built-in with the same slug). */
export async function upsertGuildFaq(
  db: Db,
  guildId: string,
  entry: FaqEntryInput,
  options: { source: string; actorId: string | null; now: Date },
): Promise<'created' | 'updated'> {
  const [row] = await db
    .insert(faqEntries)
    .values({
      guildId,
      ...entry,
      source: options.source,
      updatedBy: options.actorId,
      createdAt: options.now,
      updatedAt: options.now,
    })
    .onConflictDoUpdate({
      target: [faqEntries.guildId, faqEntries.slug],
      targetWhere: sql`${faqEntries.guildId} is not null`,
      set: {
        question: entry.question,
        answer: entry.answer,
        aliases: entry.aliases,
        tags: entry.tags,
        source: options.source,
        updatedBy: options.actorId,
        updatedAt: options.now,
      },
    })
    // xmax is 0 on a freshly inserted row version, and set when the upsert updated an existing row.
    .returning({ inserted: sql<boolean>`(xmax = 0)` });
  return row?.inserted ? 'created' : 'updated';
}

/** Upserts many guild entries in one transaction: all of them or, on any error, none. */
export async function upsertGuildFaqs(
  db: Db,
  guildId: string,
  entries: readonly FaqEntryInput[],
  options: { source: string; actorId: string | null; now: Date },
): Promise<{ created: number; updated: number }> {
  return db.transaction(async (tx) => {
    const counts = { created: 0, updated: 0 };
    for (const entry of entries) counts[await upsertGuildFaq(tx, guildId, entry, options)]++;
    return counts;
  });
}

/** Deletes the guild's own entry with this slug; false when it had none. */
export async function deleteGuildFaq(db: Db, guildId: string, slug: string): Promise<boolean> {
  const deleted = await db
    .delete(faqEntries)
    .where(and(eq(faqEntries.guildId, guildId), eq(faqEntries.slug, slug)))
    .returning({ id: faqEntries.id });
  return deleted.length > 0;
}

/** The guild's own FAQ entries the member (as a moderator) wrote last, newest first. */
export async function listMemberFaqEntries(
  db: Db,
  guildId: string,
  userId: string,
): Promise<Array<{ slug: string; question: string; updatedAt: Date }>> {
  return db
    .select({ slug: faqEntries.slug, question: faqEntries.question, updatedAt: faqEntries.updatedAt })
    .from(faqEntries)
    .where(and(eq(faqEntries.guildId, guildId), eq(faqEntries.updatedBy, userId)))
    .orderBy(desc(faqEntries.updatedAt), faqEntries.slug);
}

/**
 * Removes the member's name from the guild entries they wrote last as a moderator: the entries stay
 * (they belong to the guild), attributed to no one. Returns how many.
 */
export async function unattributeMemberFaqEntries(db: Db, guildId: string, userId: string): Promise<number> {
  const entries = await db
    .update(faqEntries)
    .set({ updatedBy: null })
    .where(and(eq(faqEntries.guildId, guildId), eq(faqEntries.updatedBy, userId)))
    .returning({ id: faqEntries.id });
  return entries.length;
}
