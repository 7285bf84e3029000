import { and, desc, eq, isNull, notInArray, type SQL, sql } from 'drizzle-orm';
import type { BuiltInFaq, FaqEntryInput } from '../../faq/entry.ts';
import { normalizeText, queryTerms } from '../../faq/query-text.ts';
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

export interface FaqSearchRow extends FaqRow {
  /** Relevance, from 0 (nothing in common) to about 1.3 (the exact question); see faq/relevance.ts. */
  score: number;
  /** Found with the words as typed, not only after correcting a typo. */
  literal: boolean;
}

export interface FaqListRow extends FaqRow {
  /** The text is exactly the entry's question or one of its aliases. */
  exact: boolean;
}

// Tuned on test/fixtures/faq-labelled.json; the figures are in test/faq-search.test.ts.
/** Weights of ts_rank for D, C, B, A: question and aliases (A) far above tags (B) and answer (C). */
const RANK_WEIGHTS = '{0.1, 0.4, 0.6, 1.0}';
/**
 * At most this many matching entries are ranked. A guild's FAQ stays far below it, so ranking is
 * exact in practice; on a huge table it bounds the work per query instead of ranking every match.
 */
const CANDIDATE_CAP = 200;
/** Candidates re-scored with the costlier signals (per-word rank, similarity, exact match). */
const RESCORE_POOL = 25;
/** The most results one search returns (Discord shows at most 25 suggestions). */
const MAX_RESULTS = 50;
/**
 * A misspelt word is replaced only by a known word sharing more than half its trigrams: real typos
 * ("publicatons", "reserch", "persnal") score 0.55 and above, unrelated words ("apartment" and
 * "department", "capital" and "hospital") 0.5 and below.
 */
const MIN_CORRECTION_SIMILARITY = 0.5;
/**
 * Words in more than this share of the built-ins ("ir", "research") do not select candidates when
 * the query has a rarer word; they still count in the score. Fewer, rarer words keep the index scan
 * short on a big table.
 */
const COMMON_WORD_SHARE = 0.5;
/**
 * Candidates are entries containing one of this many of the query's rarest words; words no built-in
 * uses (typos left uncorrected, words only a guild's entries use) come after the known ones.
 */
const TELLING_WORDS = 6;
/**
 * On a big table, rarer words only: a word's expected matches are its share of the built-ins times
 * the table's estimated rows (pg_class.reltuples), and words are added, rarest first, while the sum
 * stays under this budget. Reading that many index entries takes a few milliseconds; a guild's FAQ
 * is far too small for the budget to ever drop a word.
 */
const INDEX_MATCH_BUDGET = 20_000;
/** Share of the score from the rarity-weighted words found; the rest is similarity to the question. */
const COVERAGE_SHARE = 0.6;
/** Long questions need not match every word: this much rarity weight found counts as full coverage. */
const COVERAGE_WEIGHT_CAP = 12;
const EXACT_BONUS = 0.3;

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
function wordList(words: readonly (string | number | boolean)[]): SQL {
  return sql`string_to_array(${words.join(' ')}::text, ' ')`;
}

/**
 * Ranks a guild's visible entries against free text, best first. Safe for any input: the text is
 * reduced to words of [a-z0-9] before it reaches to_tsquery, and every value is a bound parameter.
 *
 * 1. Words unknown to the FAQ vocabulary are corrected to the most similar known word (pg_trgm).
 *    An unfinished last word (autocomplete) matches as a prefix, and also the stems of the known
 *    words it starts, which the stemmer may cut shorter than the part typed.
 * 2. Entries containing any of the query's telling words are found through the GIN index on the
 *    weighted tsvector, and ordered by ts_rank.
 * 3. The best of those are re-scored: the rarity-weighted share of the query's words they contain
 *    (ts_rank per word, so a word in the question counts more than one in the answer), trigram
 *    similarity of the query to the question or an alias, and a bonus for an exact alias.
 */
export async function searchFaqs(
  db: Db,
  guildId: string,
  query: string,
  limit = 5,
  options: { prefixLastWord?: boolean } = {},
): Promise<FaqSearchRow[]> {
  const statement = faqSearchStatement(guildId, query, limit, options);
  if (!statement) return [];
  const rows = await selectRows<FaqSearchRow>(db, statement);
  return rows.map((row) => ({ ...row, score: Number(row.score), literal: Boolean(row.literal) }));
}

/** The statement searchFaqs runs (exported so tests can EXPLAIN it); null when nothing is searchable. */
export function faqSearchStatement(
  guildId: string,
  query: string,
  limit: number,
  { prefixLastWord = false }: { prefixLastWord?: boolean } = {},
): SQL | null {
  const normalized = normalizeText(query);
  const terms = queryTerms(normalized, { prefixLastWord });
  if (terms.length === 0) return null;
  const rows = Math.min(Math.max(Math.trunc(limit), 1), MAX_RESULTS);
  return sql`
    with input as (
      select * from unnest(
        ${wordList(terms.map((term) => term.word))},
        ${wordList(terms.map((term) => term.weight))}::real[],
        ${wordList(terms.map((term) => term.typed))}::boolean[],
        ${wordList(terms.map((term) => term.prefix))}::boolean[]
      ) as i(word, weight, typed, prefix)
    ),
    corrected as materialized (
      -- A typed word unknown to the vocabulary (or, for the unfinished last word, one no known word
      -- starts with) is replaced by the most similar known word, which is then matched whole.
      select i.word as typed_word, i.weight, coalesce(fix.term, i.word) as word, i.prefix and fix.term is null as prefix
      from input i
      left join lateral (
        select t.term from faq_terms t
        where i.typed and length(i.word) >= 4 and i.word !~ '^[0-9]+$'
          and not exists (select from faq_terms known where known.term = i.word)
          and not (i.prefix and exists (select from faq_terms known where known.term like i.word || '%'))
          and t.term % i.word and similarity(t.term, i.word) > ${MIN_CORRECTION_SIMILARITY}::float8
        order by similarity(t.term, i.word) desc, t.term
        limit 1
      ) fix on true
    ),
    lexemes as (
      select c.*, (select u.lexeme from unnest(to_tsvector('english', c.word)) u limit 1) as lexeme,
        case when c.prefix then ':*' else '' end as suffix
      from corrected c
    ),
    completed as materialized (
      -- The stemmer may cut a word back past what the member has typed of it ("publications" is
      -- 'public', shorter than "publicati", whose own stem is 'publicati'), so the unfinished word
      -- also matches, whole, the lexemes of the known words it starts that its prefix would miss.
      select x.*, case when x.prefix then array(
          select distinct u.lexeme from faq_terms t, unnest(to_tsvector('english', t.term)) u
          where t.term like x.word || '%' and not starts_with(u.lexeme, x.lexeme)
        ) else '{}' end as completions
      from lexemes x
    ),
    stemmed as materialized (
      -- A prefix counts as common as its most common completion.
      select x.*,
        case when x.suffix = '' then (select l.documents from faq_lexemes l where l.lexeme = x.lexeme)
          else (select max(l.documents) from faq_lexemes l
            where starts_with(l.lexeme, x.lexeme) or l.lexeme = any(x.completions)) end
          as documents
      from completed x
    ),
    corpus as (select greatest(count(*), 1)::float8 as n from faq_entries where guild_id is null),
    terms as materialized (
      -- Completions are lexemes already ([a-z0-9] only), cast as they are: to_tsquery would stem them
      -- again ('intervent' becomes 'interv'). For the same reason the queries below join terms as text.
      select g.token, g.share, g.weight, case when cardinality(g.completions) = 0 then g.q
          else g.q || array_to_string(g.completions, ' | ')::tsquery end as q
      from (
        select min(s.word || s.suffix) as token,
          to_tsquery('english', min(s.word || s.suffix)) as q,
          max(s.completions) as completions, -- only the unfinished word has any
          s.documents / corpus.n as share,
          max(s.weight) * ln(1 + (corpus.n - coalesce(s.documents, 0) + 0.5) / (coalesce(s.documents, 0) + 0.5))
            as weight
        from stemmed s cross join corpus
        where s.lexeme is not null
        group by s.lexeme, s.suffix, corpus.n, s.documents
      ) g
    ),
    queries as (
      select
        (select string_agg(q::text, ' | ') from terms)::tsquery as every_word,
        (select string_agg(q::text, ' | ') from (
          select q, token, row_number() over rarity as position,
            sum(coalesce(share, 0)) over rarity * (select greatest(reltuples, 0) from pg_class
              where oid = 'faq_entries'::regclass) as expected_matches
          from terms
          where coalesce(share, 0) <= ${COMMON_WORD_SHARE}::float8
            or not exists (select from terms r where coalesce(r.share, 0) <= ${COMMON_WORD_SHARE}::float8)
          window rarity as (order by share is null, share, token)
          order by position
          limit ${TELLING_WORDS}) rarest
          where position = 1 or expected_matches <= ${INDEX_MATCH_BUDGET}
        )::tsquery as telling_words,
        case when typed.completions is null then typed.words
          else typed.words || typed.completions::tsquery end as as_typed
      from (
        select to_tsquery('english', string_agg(typed_word || suffix, ' | ')) as words,
          string_agg(nullif(array_to_string(completions, ' | '), ''), ' | ') as completions
        from stemmed where lexeme is not null
      ) typed
    ),
    pool as (
      select e.* from faq_entries e, queries
      where e.search_vector @@ queries.telling_words and ${visibleIn(guildId)}
      limit ${CANDIDATE_CAP}
    ),
    candidates as (
      select e.*, ts_rank(${RANK_WEIGHTS}::real[], e.search_vector, queries.every_word) as coarse
      from pool e, queries
      order by coarse desc, e.id
      limit ${Math.max(rows, RESCORE_POOL)}
    ),
    scored as (
      select ${faqRowColumns},
        e.search_vector @@ queries.as_typed as literal,
        (select sum(t.weight * ts_rank(${RANK_WEIGHTS}::real[], e.search_vector, t.q))
            / nullif(least(sum(t.weight), ${COVERAGE_WEIGHT_CAP}::float8), 0) from terms t) as coverage,
        greatest(
          word_similarity(${normalized}, e.question_key),
          (select max(word_similarity(${normalized}, a)) from unnest(e.alias_keys) a)
        ) as resemblance,
        (e.question_key = ${normalized} or e.alias_keys @> array[${normalized}::text]) as exact
      from candidates e, queries
    )
    select id, "guildId", slug, question, answer, aliases, tags, source, literal,
      (${COVERAGE_SHARE}::float8 * least(1, coalesce(coverage, 0))
        + ${1 - COVERAGE_SHARE}::float8 * coalesce(resemblance, 0)
        + case when exact then ${EXACT_BONUS}::float8 else 0 end)::float8 as score
    from scored
    order by score desc, id
    limit ${rows}`;
}

/**
 * Visible entries whose question starts with `text`, once normalised (all of them for none), and
 * those with an alias equal to it, for autocomplete: exact alias matches first, then by question.
 * Each part reads an index range in index order (byte order, `using ~<~`, as text_pattern_ops
 * sorts) and stops at `limit`, whatever the size of the table.
 */
export async function listFaqsByQuestionStart(
  db: Db,
  guildId: string,
  text: string,
  limit: number,
): Promise<FaqListRow[]> {
  const start = normalizeText(text);
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

/** The smallest string greater than every string starting with `prefix` (which is [a-z0-9 ] only). */
function upperBound(prefix: string): string {
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
        limit ${CANDIDATE_CAP}
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

/**
 * Makes the built-in rows match the content files: new entries are added, changed ones updated,
 * removed ones deleted. Rows of guilds are never touched. Idempotent; runs at every start.
 */
export async function syncBuiltInFaqs(db: Db, entries: readonly BuiltInFaq[]): Promise<void> {
  await db.transaction(async (tx) => {
    if (entries.length > 0) {
      await tx
        .insert(faqEntries)
        .values(
          entries.map(({ slug, question, answer, aliases, tags, source }) => ({
            guildId: null,
            slug,
            question,
            answer,
            aliases,
            tags,
            source,
          })),
        )
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
