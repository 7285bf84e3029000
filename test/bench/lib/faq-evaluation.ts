import { judgeMatch } from '../../../src/faq/ask.ts';
import { normalizeText } from '../../../src/faq/query-text.ts';
import type { LabelledQuery } from './faq-data.ts';

/** Up to `limit` entries for a question, best first, each with its score when the engine has one. */
export type RankedSearch = (
  query: string,
  limit: number,
) => Promise<Array<{ slug: string; score?: number }>> | Array<{ slug: string; score?: number }>;

export interface Relevance {
  /** Questions an entry answers: top-1 and top-3 are shares of these. */
  count: number;
  /** On-topic questions no entry answers (labelled without a slug): they should get the closest entry. */
  unanswerable: number;
  top1: number;
  top3: number;
  /** On-topic questions told "no entry" (only for engines with the bot's scores), a share of all. */
  refused: number;
  byKind: Map<string, number>;
  /**
   * Of the questions a second labeller read, the share where both labellers chose the same entry,
   * and the share whose first answer is the entry either of them chose; null without second labels.
   */
  labellers: { agree: number; top1EitherLabel: number } | null;
  /** One line per question not answered first: only ever shown for sets that are not held out. */
  misses: string[];
}

/** One decimal: a set of about 125 questions moves by 0.8 points a question. */
export const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

/** The labellers' figures as they follow a set's top-1 and top-3 in a report line; empty without them. */
export function describeLabellers({ labellers }: Relevance): string {
  return labellers
    ? `; two labellers agree on ${percent(labellers.agree)}, top-1 is either one's choice ${percent(labellers.top1EitherLabel)}`
    : '';
}

export async function relevanceOf(search: RankedSearch, items: readonly LabelledQuery[]): Promise<Relevance> {
  let top1 = 0;
  let top3 = 0;
  let refused = 0;
  const kinds = new Map<string, { hits: number; total: number }>();
  const misses: string[] = [];
  let unanswerable = 0;
  const second = { count: 0, agree: 0, top1EitherLabel: 0 };
  for (const { query, slug, kind, secondLabel } of items) {
    const found = await search(query, 3);
    const [best] = found;
    if (
      best?.score !== undefined &&
      judgeMatch(normalizeText(query), { score: best.score }) === 'off-topic'
    ) {
      refused++;
    }
    if (slug === null) {
      unanswerable++;
      continue;
    }
    const slugs = found.map((row) => row.slug);
    const hit = slugs[0] === slug;
    if (hit) top1++;
    else misses.push(`${JSON.stringify(query)} → ${slugs.join(', ')} (wanted ${slug})`);
    if (slugs.includes(slug)) top3++;
    if (secondLabel) {
      second.count++;
      if (secondLabel.slug === slug) second.agree++;
      if (hit || slugs[0] === secondLabel.slug) second.top1EitherLabel++;
    }
    const entry = kinds.get(kind) ?? { hits: 0, total: 0 };
    entry.total++;
    if (hit) entry.hits++;
    kinds.set(kind, entry);
  }
  const answerable = items.length - unanswerable;
  const share = (count: number) => count / Math.max(answerable, 1);
  return {
    count: answerable,
    unanswerable,
    top1: share(top1),
    top3: share(top3),
    refused: refused / Math.max(items.length, 1),
    byKind: new Map([...kinds].map(([kind, { hits, total }]) => [kind, hits / total])),
    misses,
    labellers:
      second.count === 0
        ? null
        : {
            agree: second.agree / second.count,
            top1EitherLabel: second.top1EitherLabel / second.count,
          },
  };
}

/** The share of off-topic questions /faq turns away ("no entry") rather than answering. */
export async function turnedAwayShare(search: RankedSearch, questions: readonly string[]): Promise<number> {
  let turnedAway = 0;
  for (const question of questions) {
    const [best] = await search(question, 1);
    const score = best?.score ?? 0;
    if (judgeMatch(normalizeText(question), best ? { score } : undefined) === 'off-topic') turnedAway++;
  }
  return turnedAway / Math.max(questions.length, 1);
}
