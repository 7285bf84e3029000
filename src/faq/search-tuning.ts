/**
 * Everything that decides how /faq ranks entries and when it calls one an answer, in one place.
 *
 * The ranking runs in SQL, unlike the other pure rules of the bot: the candidates come from the GIN
 * index on the weighted tsvector and the per-word ts_rank needs the stored vector, so ranking where
 * the rows are costs one round trip and reads only the candidates, even at 100,000 entries. The best
 * few are then re-ordered in memory by how members word each entry (src/faq/phrasings.ts).
 *
 * Tuned on the dev halves of the independent writers' questions (test/fixtures/faq-independent*-dev.json)
 * with the project's own labelled set (test/fixtures/faq-labelled.json) and the off-topic dev sets;
 * the figures are in test/faq-search.test.ts and `npm run bench`. The held-out halves were never used
 * to choose these.
 */
export const FAQ_SEARCH_TUNING = {
  /**
   * Weights of ts_rank for D, C, B, A: question and aliases (A) above tags (B) and answer (C). The
   * answer counts half as much as the question: members describe a situation in words the answer
   * uses more often than the question does.
   */
  rankWeights: [0.1, 0.5, 0.8, 1.0],
  /**
   * At most this many matching entries are ranked. A guild's FAQ stays far below it, so ranking is
   * exact in practice; on a huge table it bounds the work per query instead of ranking every match.
   */
  candidateCap: 200,
  /** Candidates re-scored with the costlier signals (per-word rank, similarity, exact match). */
  rescorePool: 25,
  /** The most results one search returns (Discord shows at most 25 suggestions). */
  maxResults: 50,
  /**
   * A misspelt word is replaced only by a known word sharing more than half its trigrams: real typos
   * ("publicatons", "reserch", "persnal") score 0.55 and above, unrelated words ("apartment" and
   * "department", "capital" and "hospital") 0.5 and below.
   */
  minCorrectionSimilarity: 0.5,
  /**
   * Unknown words corrected per request, in the order typed: by edit distance in memory
   * (src/faq/typos.ts), then those left by a trigram index search each. Random long strings would
   * otherwise cost tens of milliseconds.
   */
  maxCorrectedWords: 6,
  /** Of those left unknown, how many the database also tries by trigram similarity (an index search each). */
  maxTrigramCorrections: 2,
  /**
   * Words in more than this share of the built-ins ("ir", "research") do not select candidates when
   * the query has a rarer word; they still count in the score. Fewer, rarer words keep the index
   * scan short on a big table.
   */
  commonWordShare: 0.5,
  /**
   * Candidates are entries containing one of this many of the query's rarest words; words no
   * built-in uses (typos left uncorrected, words only a guild's entries use) come after the known.
   */
  tellingWords: 16,
  /**
   * On a big table, rarer words only: a word's expected matches are its share of the built-ins times
   * the table's estimated rows (pg_class.reltuples), and words are added, rarest first, while the
   * sum stays under this budget. A guild's FAQ is far too small for the budget to ever drop a word.
   */
  indexMatchBudget: 20_000,
  /** Share of the score from the rarity-weighted words found; the rest is similarity to the question. */
  coverageShare: 0.6,
  /** Long questions need not match every word: this much rarity weight found counts as full coverage. */
  coverageWeightCap: 12,
  /** A question longer than this (normalised) is long: it is compared on its content words. */
  longQuestionLength: 200,
  /** For a long question, how much it counts that the entry's question appears in it, next to resemblance. */
  containedQuestionWeight: 1,
  /** Added when the text is exactly the question or an alias. */
  exactBonus: 0.3,
  /**
   * The lowest score /faq calls an answer. Below it, an on-topic question still gets the closest
   * entry, said to be the closest (judgeMatch in ask.ts); an off-topic one is told nothing fits.
   */
  answerThreshold: 0.28,
  /**
   * The lowest score /faq calls an answer when the question has no word of the FAQ's topics
   * (member-vocabulary.json, topic): everyday questions reach answerThreshold on common words alone.
   */
  answerThresholdOffTopicWords: 0.45,
  /** Below answerThreshold, the least score for which an on-topic question gets the closest entry. */
  topicFloor: 0.05,
  /** How much a word added from the members' vocabulary counts next to a word the member typed. */
  synonymWeight: 0.6,
  /**
   * How much members' phrasings of an entry (member-phrasings.json) add to its score: at most this,
   * for an entry the question's words make certain. Enough to order entries the words fit about
   * equally, too little to lift a weak match over the answer threshold on its own.
   */
  phrasingWeight: 0.12,
  /** Additive smoothing of the phrasings' word counts: a word an entry's phrasings never use is rare, not impossible. */
  phrasingSmoothing: 0.1,
  /** Candidates the phrasings re-order for a free-text question: the best few, by their words alone. */
  phrasingPool: 8,
  /** Entries looked at for a free-text question: the answer plus the closest alternatives. */
  depth: 4,
} as const;
