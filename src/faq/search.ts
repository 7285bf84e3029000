import { type SQL, sql } from 'drizzle-orm';
import { type Db, selectRows } from '../db/client.ts';
import { type FaqRow, faqRowColumns, visibleIn, wordList } from '../db/queries/faqs.ts';
import { builtInPhrasingModel, entryLikelihoods } from './phrasings.ts';
import { correctedText, normalizeText, type QueryTerm, queryTerms } from './query-text.ts';
import { FAQ_SEARCH_TUNING } from './search-tuning.ts';

export { FAQ_SEARCH_TUNING };

export interface FaqSearchRow extends FaqRow {
  /**
   * Relevance, from 0 (nothing in common) to about 1.4 (the exact question, worded as members
   * word it); see answerThreshold.
   */
  score: number;
  /** Found with the words as typed, not only after correcting a typo. */
  literal: boolean;
}

const T = FAQ_SEARCH_TUNING;

export function isGoodMatch(score: number): boolean {
  return score >= T.answerThreshold;
}

export interface SearchOptions {
  /** Autocomplete: the last word may be unfinished and is matched as a prefix. */
  prefixLastWord?: boolean;
}

/**
 * Ranks a guild's visible entries against free text, best first. Safe for any input: the text is
 * reduced to words of [a-z0-9] before it reaches to_tsquery, and every value is a bound parameter.
 */
export async function searchFaqs(
  db: Db,
  guildId: string,
  query: string,
  limit = 5,
  { prefixLastWord = false }: SearchOptions = {},
): Promise<FaqSearchRow[]> {
  // While typing, the words are unfinished: the phrasings would judge half a question.
  const search = wordSearch(guildId, query, prefixLastWord ? limit : Math.max(limit, T.phrasingPool), {
    prefixLastWord,
  });
  if (!search) return [];
  const found = (await selectRows<FaqSearchRow>(db, search.statement)).map((row) => ({
    ...row,
    score: Number(row.score),
    literal: Boolean(row.literal),
  }));
  return prefixLastWord ? found : rankedWithPhrasings(found, search.terms).slice(0, limit);
}

/**
 * The best candidates re-ordered with how members word each entry (src/faq/phrasings.ts): of
 * entries the words fit about equally, the one members ask that way comes first. A server's entry
 * with a built-in's slug is that entry in the server's words, so it keeps the built-in's phrasings;
 * a server's own entry has none and keeps its score.
 */
function rankedWithPhrasings(rows: FaqSearchRow[], terms: readonly QueryTerm[]): FaqSearchRow[] {
  const likelihoods = entryLikelihoods(builtInPhrasingModel(), terms);
  if (likelihoods.size === 0) return rows;
  return rows
    .map((row) => ({ ...row, score: row.score + T.phrasingWeight * (likelihoods.get(row.slug) ?? 0) }))
    .sort((a, b) => b.score - a.score);
}

/** The question read into search terms, and the statement ranking entries by them; null when nothing is searchable. */
function wordSearch(
  guildId: string,
  query: string,
  limit: number,
  { prefixLastWord = false }: SearchOptions,
) {
  const normalized = normalizeText(query);
  const terms = queryTerms(normalized, { prefixLastWord });
  if (terms.length === 0) return null;
  const rows = Math.min(Math.max(Math.trunc(limit), 1), T.maxResults);
  return { terms, statement: rankingStatement(guildId, normalized, prefixLastWord, terms, rows) };
}

/** The statement searchFaqs runs for the words alone (exported so tests can EXPLAIN it); null when nothing is searchable. */
export function faqSearchStatement(
  guildId: string,
  query: string,
  limit: number,
  options: SearchOptions = {},
): SQL | null {
  return wordSearch(guildId, query, limit, options)?.statement ?? null;
}

/**
 * 1. Words unknown to the FAQ vocabulary are corrected to the most similar known word (pg_trgm), at
 *    most maxCorrectedWords of them. An unfinished last word (autocomplete) matches as a prefix, and
 *    also the stems of the known words it starts, which the stemmer may cut shorter than typed.
 * 2. Entries containing any of the query's telling words are found through the GIN index on the
 *    weighted tsvector, and ordered by ts_rank.
 * 3. The best of those are re-scored: the rarity-weighted share of the query's words they contain
 *    (ts_rank per word, so a word in the question counts more than one in the answer), trigram
 *    similarity of the query to the question or an alias, and a bonus for an exact alias.
 */
function rankingStatement(
  guildId: string,
  normalized: string,
  prefixLastWord: boolean,
  terms: QueryTerm[],
  rows: number,
): SQL {
  const rankWeights = sql.raw(`'{${T.rankWeights.join(', ')}}'`);
  // word_similarity costs time in the length of the text: the content words stand for a long one.
  const long = normalized.length > T.longQuestionLength;
  const resemblanceText = long
    ? terms.map((term) => term.word).join(' ')
    : correctedText(normalized, { prefixLastWord });
  // A long question may hold the entry's question, or most of it, among its other sentences.
  const longText = long ? T.containedQuestionWeight : 0;
  return sql`
    with input as (
      select * from unnest(
        ${wordList(terms.map((term) => term.word))},
        ${wordList(terms.map((term) => term.weight))}::real[],
        ${wordList(terms.map((term) => term.typed))}::boolean[],
        ${wordList(terms.map((term) => term.prefix))}::boolean[],
        ${wordList(terms.map((term) => term.corrected))}::boolean[]
      ) with ordinality as i(word, weight, typed, prefix, corrected, position)
    ),
    unknown as materialized (
      -- Typed words unknown to the vocabulary (for the unfinished last word: that no known word
      -- starts with), the first few only: each correction is an index search.
      select i.position from input i
      where i.typed and not i.corrected and length(i.word) >= 4 and i.word !~ '^[0-9]+$'
        and not exists (select from faq_terms known where known.term = i.word)
        and not (i.prefix and exists (select from faq_terms known where known.term like i.word || '%'))
      order by i.position
      limit ${T.maxTrigramCorrections}
    ),
    corrected as materialized (
      -- Each of those is replaced by the most similar known word, which is then matched whole.
      -- A word corrected already (src/faq/typos.ts) was not typed so: it never counts as literal.
      select case when i.corrected or fix.term is not null then null else i.word end as typed_word,
        i.weight, coalesce(fix.term, i.word) as word, i.prefix and fix.term is null as prefix
      from input i
      left join lateral (
        select t.term from faq_terms t
        where i.position in (select position from unknown)
          and t.term % i.word and similarity(t.term, i.word) > ${T.minCorrectionSimilarity}::float8
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
          where coalesce(share, 0) <= ${T.commonWordShare}::float8
            or not exists (select from terms r where coalesce(r.share, 0) <= ${T.commonWordShare}::float8)
          window rarity as (order by share is null, share, token)
          order by position
          limit ${T.tellingWords}) rarest
          where position = 1 or expected_matches <= ${T.indexMatchBudget}
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
      limit ${T.candidateCap}
    ),
    candidates as (
      select e.*, ts_rank(${rankWeights}::real[], e.search_vector, queries.every_word) as coarse
      from pool e, queries
      order by coarse desc, e.id
      limit ${Math.max(rows, T.rescorePool)}
    ),
    scored as (
      select ${faqRowColumns},
        e.search_vector @@ queries.as_typed as literal,
        (select sum(t.weight * ts_rank(${rankWeights}::real[], e.search_vector, t.q))
            / nullif(least(sum(t.weight), ${T.coverageWeightCap}::float8), 0) from terms t) as coverage,
        greatest(
          word_similarity(${resemblanceText}, e.question_key),
          (select max(word_similarity(${resemblanceText}, a)) from unnest(e.alias_keys) a),
          ${longText}::float8 * word_similarity(e.question_key, ${normalized})
        ) as resemblance,
        (e.question_key = ${normalized} or e.alias_keys @> array[${normalized}::text]) as exact
      from candidates e, queries
    )
    select id, "guildId", slug, question, answer, aliases, tags, source, literal,
      (${T.coverageShare}::float8 * least(1, coalesce(coverage, 0))
        + ${1 - T.coverageShare}::float8 * coalesce(resemblance, 0)
        + case when exact then ${T.exactBonus}::float8 else 0 end)::float8 as score
    from scored
    order by score desc, id
    limit ${rows}`;
}
