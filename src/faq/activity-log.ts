import { LRUCache } from 'lru-cache';
import type { Db } from '../db/client.ts';
import { isDatabaseUnavailable } from '../db/errors.ts';
import {
  FAQ_QUESTION_ID_BLOCK,
  type FaqQuestionRecord,
  insertFaqQuestions,
  reserveFaqQuestionIdBlock,
} from '../db/queries/faq-questions.ts';
import { addFaqViews, type FaqViewCount } from '../db/queries/faq-views.ts';
import type { Logger } from '../logger.ts';
import { MINUTE_MS } from '../time.ts';

/**
 * What /faq records as members use it, written behind the replies: kept in memory and stored
 * together about once a second, and at shutdown. Two writes per question would cost more than the
 * whole answer from the cache, and these are statistics for moderators: a crash loses at most the
 * last second of them.
 *
 * Only questions a moderator needs to see are stored: those that found no good answer, and those
 * whose answer a member then voted on (src/db/schema/faqs.ts, faq_questions). A question that was
 * answered is held in memory for a while, in case its vote buttons are pressed.
 */
export interface FaqActivityLog {
  /** Takes note of a typed question; returns its id (for the vote buttons). */
  recordQuestion(record: Omit<FaqQuestionRecord, 'id'>): Promise<number>;
  /**
   * Stores an answered question now that a vote refers to it, with everything else waiting; a
   * question no longer held (an old reply, or one another process gave), or asked in another guild
   * than the vote's, is not stored.
   */
  keepQuestion(id: number, guildId: string): Promise<void>;
  /** Counts one showing of an entry. */
  recordView(guildId: string, slug: string, viewedAt: Date): void;
  /** Stores everything waiting; read paths call it first when they need the latest rows. */
  flush(): Promise<void>;
  /** Flushes every `flushEveryMs` until close. */
  start(): void;
  /** Stops the timer and stores what is left. */
  close(): Promise<void>;
}

export interface FaqActivityLogOptions {
  flushEveryMs?: number;
  /** Questions kept while the database is unreachable; beyond it the oldest are dropped (and logged). */
  maxPending?: number;
  /** How long, and how many, answered questions are held for a vote. */
  answeredHeldMs?: number;
  maxAnsweredHeld?: number;
}

export function createFaqActivityLog(
  db: Db,
  log: Logger,
  {
    flushEveryMs = 1000,
    maxPending = 10_000,
    answeredHeldMs = 30 * MINUTE_MS,
    maxAnsweredHeld = 10_000,
  }: FaqActivityLogOptions = {},
): FaqActivityLog {
  let questions: FaqQuestionRecord[] = [];
  const answered = new LRUCache<number, FaqQuestionRecord>({ max: maxAnsweredHeld, ttl: answeredHeldMs });
  let views = new Map<string, FaqViewCount>();
  // The reserved ids not handed out yet: nextFreeId up to, not including, blockEnd.
  let nextFreeId = 0;
  let blockEnd = 0;
  let reserving: Promise<void> | null = null;
  let flushing: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;

  async function nextId(): Promise<number> {
    for (;;) {
      if (nextFreeId < blockEnd) return nextFreeId++;
      reserving ??= reserveFaqQuestionIdBlock(db)
        .then((first) => {
          nextFreeId = first;
          blockEnd = first + FAQ_QUESTION_ID_BLOCK;
        })
        .finally(() => {
          reserving = null;
        });
      await reserving;
    }
  }

  function keepForRetry(failedQuestions: FaqQuestionRecord[], failedViews: Map<string, FaqViewCount>) {
    questions = [...failedQuestions, ...questions];
    const dropped = questions.length - maxPending;
    if (dropped > 0) {
      questions = questions.slice(dropped);
      log.warn({ dropped }, 'faq activity: dropped the oldest unsaved questions');
    }
    for (const count of failedViews.values()) addViews(count);
  }

  /** Adds showings to what waits for storing: one count per guild and entry, with the latest time. */
  function addViews(count: FaqViewCount) {
    const key = `${count.guildId}/${count.slug}`;
    const waiting = views.get(key);
    if (!waiting) {
      views.set(key, { ...count });
      return;
    }
    waiting.views += count.views;
    if (count.lastViewedAt > waiting.lastViewedAt) waiting.lastViewedAt = count.lastViewedAt;
  }

  async function store() {
    const batch = questions;
    const counts = views;
    questions = [];
    views = new Map();
    if (batch.length === 0 && counts.size === 0) return;
    try {
      await db.transaction(async (tx) => {
        await insertFaqQuestions(tx, batch);
        await addFaqViews(tx, [...counts.values()]);
      });
    } catch (error) {
      if (isDatabaseUnavailable(error)) {
        keepForRetry(batch, counts);
        log.warn({ err: error, pending: questions.length }, 'faq activity: database unavailable, will retry');
        return;
      }
      // Not the connection: retrying the same rows would fail again and hold up everything after them.
      log.error(
        { err: error, questions: batch.length, views: counts.size },
        'faq activity: could not store a batch',
      );
    }
  }

  async function flush(): Promise<void> {
    // One store at a time; a flush asked for during one waits for it, then stores what came since.
    while (flushing) await flushing;
    flushing = store().finally(() => {
      flushing = null;
    });
    await flushing;
  }

  return {
    async recordQuestion(record) {
      const id = await nextId();
      if (record.answered) answered.set(id, { ...record, id });
      else questions.push({ ...record, id });
      return id;
    },
    async keepQuestion(id, guildId) {
      const record = answered.get(id);
      // A forged button could name another guild's question: only the guild's own is kept.
      if (record && record.guildId === guildId) {
        answered.delete(id);
        questions.push(record);
      }
      await flush();
    },
    recordView(guildId, slug, viewedAt) {
      addViews({ guildId, slug, views: 1, lastViewedAt: viewedAt });
    },
    flush,
    start() {
      timer ??= setInterval(() => void flush(), flushEveryMs);
      // The timer alone must not keep a finished process (a test, the console) alive.
      timer.unref();
    },
    async close() {
      if (timer) clearInterval(timer);
      timer = null;
      await flush();
    },
  };
}
