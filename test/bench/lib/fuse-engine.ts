import Fuse, { type IFuseOptions } from 'fuse.js';

export interface FuseRow {
  slug: string;
  question: string;
  aliases: string[];
  tags: string[];
  answer: string;
}

/**
 * fuse.js set up the way tag and FAQ bots usually do it, in two flavours so it gets a fair chance:
 * the classic fuzzy (Bitap) match over names and aliases, and its token search (TF-IDF per word).
 * Relevance is compared with the better of the two; latency with the classic one, the usual choice
 * and the faster (token search over the answers is several times slower still).
 */
export const FUSE_CLASSIC = 'fuse.js fuzzy (question, aliases, tags)';

export const fuseConfigs: Record<string, IFuseOptions<FuseRow>> = {
  [FUSE_CLASSIC]: {
    keys: [
      { name: 'question', weight: 2 },
      { name: 'aliases', weight: 2 },
      { name: 'tags', weight: 1 },
    ],
    threshold: 0.4,
    ignoreLocation: true,
  },
  'fuse.js token search (question, aliases, tags, answer)': {
    keys: [
      { name: 'question', weight: 3 },
      { name: 'aliases', weight: 3 },
      { name: 'tags', weight: 2 },
      { name: 'answer', weight: 1 },
    ],
    useTokenSearch: true,
    threshold: 0.4,
    ignoreLocation: true,
  },
};

export function createFuse(rows: readonly FuseRow[], config: IFuseOptions<FuseRow>) {
  const fuse = new Fuse(rows, config);
  return (query: string, limit: number) => fuse.search(query, { limit }).map((result) => result.item);
}
