import { LRUCache } from 'lru-cache';
import type { Db } from '../db/client.ts';
import { getFaqRevision } from '../db/queries/faq-revision.ts';
import { listMostViewedFaqs } from '../db/queries/faq-views.ts';
import {
  type FaqListRow,
  type FaqRow,
  getVisibleFaq,
  listFaqsByQuestionStart,
  listRelatedFaqs,
  listVisibleFaqKeys,
} from '../db/queries/faqs.ts';
import { normalizeText } from './query-text.ts';
import { type FaqSearchRow, searchFaqs } from './search.ts';
import { buildSuggestionIndex, type SuggestionIndex } from './suggestion-index.ts';

/**
 * The reads behind /faq and its autocomplete, answered from memory when they can be. Members ask
 * the same questions again and again and the FAQ changes rarely, so most requests need no database
 * work at all. Rows handed out are shared between requests: read them, never change them.
 */
export interface FaqReads {
  search(
    guildId: string,
    query: string,
    limit: number,
    options?: { prefixLastWord?: boolean },
  ): Promise<FaqSearchRow[]>;
  visibleEntry(guildId: string, slug: string): Promise<FaqRow | null>;
  related(
    guildId: string,
    entry: Pick<FaqRow, 'slug' | 'tags'>,
  ): Promise<Array<Pick<FaqRow, 'slug' | 'question'>>>;
  byQuestionStart(guildId: string, text: string, limit: number): Promise<FaqListRow[]>;
  /** The empty autocomplete box: follows the view counts, so it is only kept for `viewsTtlMs`. */
  mostViewed(guildId: string, limit: number): Promise<FaqRow[]>;
  /**
   * The guild's entries held for autocomplete, built from one read and kept until its FAQ changes;
   * null when the guild has more entries than `maxIndexBytes` holds (its autocomplete reads the
   * database instead).
   */
  suggestionIndex(guildId: string): Promise<SuggestionIndex | null>;
  /** Forgets everything, after this process changed a guild's FAQ. */
  clear(): void;
  /** Forgets the cached reads but keeps the suggestion indexes: the bench times uncached searches so. */
  clearReads(): void;
}

export interface FaqReadsOptions {
  /**
   * How long a cached read is trusted before faq_revision is read again (one tiny query): a change
   * made by another process shows here within this time. 0 reads it before every request.
   */
  revisionCheckMs?: number;
  /** How long the most-viewed list is kept; 0 keeps it not at all. */
  viewsTtlMs?: number;
  /** Rough size of the cache in bytes of heap: text counts twice its length, each entry its overhead. */
  maxBytes?: number;
  /**
   * Rough heap all guilds' suggestion indexes may hold together, counted generously (measured: an
   * index of 100,000 entries is counted 78 MB and holds 44 MB).
   */
  maxIndexBytes?: number;
  /** Milliseconds on a clock that only goes forward. */
  now?: () => number;
}

/** Heap one cached read costs beyond its text: the LRU node, the key, the wrapper and the array. */
const ENTRY_OVERHEAD_BYTES = 700;

interface Cached {
  value: unknown;
  expiresAt: number;
}

export function createFaqReads(
  db: Db,
  {
    revisionCheckMs = 1000,
    viewsTtlMs = 30_000,
    maxBytes = 16_000_000,
    maxIndexBytes = 96_000_000,
    now = () => performance.now(),
  }: FaqReadsOptions = {},
): FaqReads {
  const settled = new LRUCache<string, Cached>({
    maxSize: maxBytes,
    // Measured: an empty result with its key costs about 650 B of heap, far more than its text.
    sizeCalculation: (entry, key) =>
      ENTRY_OVERHEAD_BYTES + 2 * (key.length + (JSON.stringify(entry.value)?.length ?? 0)),
  });
  // Concurrent requests for the same read share one query.
  const inFlight = new Map<string, Promise<unknown>>();
  const indexes = new LRUCache<string, SuggestionIndex>({
    maxSize: maxIndexBytes,
    sizeCalculation: (index) => Math.max(1, index.bytes),
  });
  const buildingIndex = new Map<string, Promise<SuggestionIndex | null>>();
  // Guilds whose index would not fit: asked again only after their FAQ (or any) changes.
  const tooLarge = new Set<string>();
  // Counts clears, so that an index read before a change is never kept after it.
  let generation = 0;
  let revision: number | null = null;
  let checkedAt = Number.NEGATIVE_INFINITY;
  let checking: Promise<void> | null = null;

  function clearReads() {
    settled.clear();
    inFlight.clear();
  }

  function clear() {
    clearReads();
    indexes.clear();
    buildingIndex.clear();
    tooLarge.clear();
    generation++;
  }

  async function suggestionIndex(guildId: string): Promise<SuggestionIndex | null> {
    await checkRevision();
    const hit = indexes.get(guildId);
    if (hit) return hit;
    if (tooLarge.has(guildId)) return null;
    const pending = buildingIndex.get(guildId);
    if (pending) return pending;
    const builtIn = generation;
    const building = listVisibleFaqKeys(db, guildId).then((rows) => {
      const index = buildSuggestionIndex(rows);
      const fits = index.bytes <= maxIndexBytes;
      if (builtIn === generation) {
        if (fits) indexes.set(guildId, index);
        else tooLarge.add(guildId);
      }
      return fits ? index : null;
    });
    buildingIndex.set(guildId, building);
    try {
      return await building;
    } finally {
      if (buildingIndex.get(guildId) === building) buildingIndex.delete(guildId);
    }
  }

  async function checkRevision() {
    if (now() - checkedAt < revisionCheckMs) return;
    checking ??= getFaqRevision(db)
      .then((current) => {
        if (current !== revision) clear();
        revision = current;
        checkedAt = now();
      })
      .finally(() => {
        checking = null;
      });
    await checking;
  }

  async function read<T>(key: string, load: () => Promise<T>, ttlMs = Number.POSITIVE_INFINITY): Promise<T> {
    await checkRevision();
    const hit = settled.get(key);
    if (hit && hit.expiresAt > now()) return hit.value as T;
    const pending = inFlight.get(key);
    if (pending) return pending as Promise<T>;
    const loading = load().then((value) => {
      // Not kept when the cache was cleared meanwhile: the value may predate the change.
      if (inFlight.get(key) === loading && ttlMs > 0) settled.set(key, { value, expiresAt: now() + ttlMs });
      return value;
    });
    inFlight.set(key, loading);
    try {
      return await loading;
    } finally {
      if (inFlight.get(key) === loading) inFlight.delete(key);
    }
  }

  return {
    search(guildId, query, limit, options = {}) {
      // The search depends on the normalised words only (and, while typing, on whether the last is finished).
      const key = `search/${guildId}/${limit}/${options.prefixLastWord === true}/${normalizeText(query)}`;
      return read(key, () => searchFaqs(db, guildId, query, limit, options));
    },
    visibleEntry(guildId, slug) {
      return read(`entry/${guildId}/${slug}`, () => getVisibleFaq(db, guildId, slug));
    },
    related(guildId, entry) {
      return read(`related/${guildId}/${entry.slug}/${entry.tags.join(',')}`, () =>
        listRelatedFaqs(db, guildId, entry),
      );
    },
    byQuestionStart(guildId, text, limit) {
      const start = normalizeText(text);
      return read(`start/${guildId}/${limit}/${start}`, () =>
        listFaqsByQuestionStart(db, guildId, start, limit),
      );
    },
    mostViewed(guildId, limit) {
      return read(`viewed/${guildId}/${limit}`, () => listMostViewedFaqs(db, guildId, limit), viewsTtlMs);
    },
    suggestionIndex,
    clear,
    clearReads,
  };
}
