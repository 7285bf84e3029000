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
 * The benchmark reports both on relevance and uses the better one for latency.
 */
export const fuseConfigs: Record<string, IFuseOptions<FuseRow>> = {
  'fuse.js fuzzy (question, aliases, tags)': {
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
