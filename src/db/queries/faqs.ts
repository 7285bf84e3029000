import { and, eq, isNull, notInArray, type SQL, sql } from 'drizzle-orm';
import type { FaqEntryInput } from '../../faq/entry.ts';
import { normalizeText, type QueryTerm, queryTerms } from '../../faq/query-text.ts';
import type { Db } from '../client.ts';
import { faqEntries, faqHidden } from '../schema/index.ts';

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
  /** Relevance from 0 (nothing in common) to about 1 (the question itself); see faq/relevance.ts. */
  score: number;
}

/** Weights of ts_rank for D, C, B, A: question and aliases (A) far above tags (B) and answer (C). */
const RANK_WEIGHTS = '{0.05, 0.2, 0.4, 1.0}';
/** Full-text candidates re-scored with the costlier signals; the rest are ranked by ts_rank alone. */
const RESCORE_POOL = 60;
/** Share of the built-ins assumed to contain a word they never use, for its rarity weight. */
const UNKNOWN_WORD_DOCUMENTS = 0;
/**
 * A misspelt word is replaced only by a known word sharing more than half its trigrams: real typos
 * ("publicatons", "reserch", "persnal") score 0.55 and above, unrelated words ("apartment" and
 * "department", "capital" and "hospital") 0.5 and below.
 */
const MIN_CORRECTION_SIMILARITY = 0.5;
const COVERAGE_SHARE = 0.7;
const EXACT_BONUS = 0.3;

const entryColumns = sql`e.id, e.guild_id as "guildId", e.slug, e.question, e.answer, e.aliases, e.tags, e.source`;

/** Entries a guild sees: its own, and the built-ins it neither overrode nor hid. */
function visibleIn(guildId: string): SQL {
  return sql`(e.guild_id = ${guildId} or (e.guild_id is null
    and not exists (select 1 from faq_entries o where o.guild_id = ${guildId} and o.slug = e.slug)
    and not exists (select 1 from faq_hidden h where h.guild_id = ${guildId} and h.slug = e.slug)))`;
}

/** Rows of a raw select, whichever driver ran it (PGlite returns {rows}, postgres.js an array). */
async function selectRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

function termValues(terms: readonly QueryTerm[]): SQL {
  return sql.join(
    terms.map((term) => sql`(${term.word}::text, ${term.weight}::real, ${term.typed}::boolean)`),
    sql`, `,
  );
}

/**
 * Ranks a guild's visible entries against free text. Safe for any input: the text is reduced to
 * words of [a-z0-9] before it reaches to_tsquery, and every value is a bound parameter.
 *
 * 1. Words unknown to the FAQ vocabulary are corrected to the most similar known word (pg_trgm).
 * 2. Entries matching any word are found through the GIN index on the weighted tsvector.
 * 3. The best of those are re-scored: weighted share of the query's words found (ts_rank per word),
 *    plus trigram similarity of the whole query to the question or an alias, plus a bonus when the
 *    query is exactly the question or an alias.
 */
export async function searchFaqs(
  db: Db,
  guildId: string,
  query: string,
  limit = 5,
): Promise<FaqSearchRow[]> {
  const normalized = normalizeText(query);
  const terms = queryTerms(normalized);
  if (terms.length === 0) return [];
  const rows = await selectRows<FaqSearchRow>(
    db,
    sql`
    with input(word, weight, typed) as (values ${termValues(terms)}),
    corrected as (
      select case
          when not i.typed or length(i.word) < 4 or i.word ~ '^[0-9]+$'
            or exists (select 1 from faq_terms t where t.term = i.word) then i.word
          else coalesce(
            (select t.term from faq_terms t
              where t.term % i.word and similarity(t.term, i.word) > ${MIN_CORRECTION_SIMILARITY}::float8
              order by similarity(t.term, i.word) desc, t.term limit 1),
            i.word)
        end as word,
        i.weight
      from input i
    ),
    stemmed as (
      select c.word, c.weight, (select u.lexeme from unnest(to_tsvector('english', c.word)) u limit 1) as lexeme
      from corrected c
    ),
    corpus as (select greatest(count(*), 1)::float8 as n from faq_entries where guild_id is null),
    terms as (
      select s.lexeme, to_tsquery('english', min(s.word)) as q,
        max(s.weight) * ln(1 + (corpus.n - coalesce(l.documents, ${UNKNOWN_WORD_DOCUMENTS}::float8 * corpus.n) + 0.5)
          / (coalesce(l.documents, ${UNKNOWN_WORD_DOCUMENTS}::float8 * corpus.n) + 0.5)) as weight
      from stemmed s cross join corpus left join faq_lexemes l on l.lexeme = s.lexeme
      where s.lexeme is not null
      group by s.lexeme, corpus.n, l.documents
    ),
    combined as (
      select to_tsquery('english', string_agg(word, ' | ')) as q from stemmed where lexeme is not null
    ),
    candidates as (
      select e.*, ts_rank(${RANK_WEIGHTS}::real[], e.search_vector, combined.q) as coarse
      from faq_entries e, combined
      where e.search_vector @@ combined.q and ${visibleIn(guildId)}
      order by coarse desc, e.id
      limit ${RESCORE_POOL}
    ),
    scored as (
      select ${entryColumns},
        (select coalesce(sum(t.weight * ts_rank(${RANK_WEIGHTS}::real[], e.search_vector, t.q)), 0)
            / nullif(sum(t.weight), 0) from terms t) as coverage,
        greatest(
          word_similarity(${normalized}, faq_normalize(e.question)),
          (select coalesce(max(word_similarity(${normalized}, faq_normalize(a))), 0) from unnest(e.aliases) a)
        ) as resemblance,
        (faq_normalize(e.question) = ${normalized}
          or exists (select 1 from unnest(e.aliases) a where faq_normalize(a) = ${normalized})) as exact
      from candidates e
    )
    select ${sql.raw('id, "guildId", slug, question, answer, aliases, tags, source')},
      (${COVERAGE_SHARE}::float8 * coalesce(coverage, 0) + ${1 - COVERAGE_SHARE}::float8 * resemblance
        + case when exact then ${EXACT_BONUS}::float8 else 0 end)::float8 as score
    from scored
    order by score desc, id
    limit ${limit}`,
  );
  return rows.map((row) => ({ ...row, score: Number(row.score) }));
}

/** Recomputes faq_lexemes (how many built-ins contain each lexeme) from the built-in entries. */
export async function refreshFaqLexemes(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`delete from faq_lexemes`);
    await tx.execute(sql`insert into faq_lexemes (lexeme, documents)
      select word, ndoc from ts_stat('select search_vector from faq_entries where guild_id is null')`);
  });
}
