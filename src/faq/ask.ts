import type { Context } from '../context.ts';
import type { FaqRow } from '../db/queries/faqs.ts';
import { hasSearchableWord, hasTopicWord, normalizeText } from './query-text.ts';
import { FAQ_SEARCH_TUNING, type FaqSearchRow, isGoodMatch } from './search.ts';

/**
 * What a typed question gets:
 * - answer: an entry that fits;
 * - closest: a weak match to an on-topic question (research, careers, applying), shown as the
 *   closest entry with the next closest offered, and noted for /faq-admin gaps;
 * - off-topic: nothing fits and the question is not about what the FAQ covers.
 */
export type FaqOutcome =
  | { kind: 'answer'; entry: FaqRow; questionId: number | null }
  | { kind: 'closest'; entry: FaqRow; nextClosest: FaqSearchRow[]; questionId: number }
  | { kind: 'off-topic'; recorded: boolean };

/** Decides between an answer, the closest entry and off topic: a pure rule, tested directly. */
export function judgeMatch(normalized: string, best: { score: number } | undefined): FaqOutcome['kind'] {
  if (!best) return 'off-topic';
  // Read only when the score leaves the outcome open: it runs the question's words through the vocabulary.
  const onTopic = () => hasTopicWord(normalized);
  // Without a word of the FAQ's topics, a middling score comes from everyday words ("hours a week",
  // "plan", "home"): such a question is answered only when it matches an entry closely.
  if (
    isGoodMatch(best.score) &&
    (best.score >= FAQ_SEARCH_TUNING.answerThresholdOffTopicWords || onTopic())
  ) {
    return 'answer';
  }
  return best.score >= FAQ_SEARCH_TUNING.topicFloor && onTopic() ? 'closest' : 'off-topic';
}

/**
 * Searches the guild's FAQ for a typed question and notes it: an answered question is held for its
 * vote buttons (unless `votable` is false: then it is not noted at all), any other is stored for
 * /faq-admin gaps. The text is not kept otherwise.
 */
export async function askFaq(
  ctx: Context,
  guildId: string,
  question: string,
  { votable = true }: { votable?: boolean } = {},
): Promise<FaqOutcome> {
  const normalized = normalizeText(question);
  // Nothing searchable (only emoji, punctuation, numbers or stop words): nothing worth showing
  // moderators either.
  if (!hasSearchableWord(normalized)) return { kind: 'off-topic', recorded: false };
  const found = await ctx.faqReads.search(guildId, question, FAQ_SEARCH_TUNING.depth);
  const [best, ...others] = found;
  const kind = judgeMatch(normalized, best);
  if (kind === 'answer' && best && !votable) return { kind, entry: best, questionId: null };
  const questionId = await ctx.faqActivity.recordQuestion({
    guildId,
    query: question,
    normalized,
    matchedSlug: best?.slug ?? null,
    score: best?.score ?? 0,
    answered: kind === 'answer',
    askedAt: ctx.clock(),
  });
  if (kind === 'answer' && best) return { kind, entry: best, questionId };
  if (kind === 'closest' && best) return { kind, entry: best, nextClosest: others.slice(0, 2), questionId };
  return { kind: 'off-topic', recorded: true };
}
