import { LRUCache } from 'lru-cache';

/**
 * Autocompletes are the most frequent requests and the least important: Discord shows only the
 * newest list a member asked for, and none at all after 3 s. On PGlite a query runs on the main
 * thread, and queries queued behind one another run back to back without letting the event loop
 * read new requests, so a burst of autocompletes would hold every slash command for seconds. The
 * gate lets a few run at a time, hands the event loop back between them, and answers cheaply (with
 * no suggestions) an autocomplete the same member's next keystroke overtook while it waited, or one
 * that waited too long to be worth anything. One that runs is told when it is overtaken, to stop early.
 */
interface AutocompleteGateLimits {
  /** Autocompletes running at once. */
  concurrency: number;
  /** Waited longer than this, an autocomplete is answered without suggestions (Discord's limit is 3 s). */
  maxWaitMs: number;
  /** The most waiting; past it the oldest is answered without suggestions. */
  maxWaiting: number;
  /**
   * Running longer than this (a stuck query), an autocomplete is answered without suggestions and
   * its slot freed: with one slot, one that never ends would otherwise starve every later one.
   */
  maxRunMs: number;
}

export const AUTOCOMPLETE_GATE_LIMITS: AutocompleteGateLimits = {
  concurrency: 1,
  maxWaitMs: 1500,
  // A few seconds of typing by a busy server's members: more are older than anyone still waits for.
  maxWaiting: 64,
  maxRunMs: 3000,
};

/** Members' latest keystrokes remembered, to tell a running autocomplete it was overtaken: those typing now. */
const KEYS_REMEMBERED = 10_000;

/**
 * Autocompletes running at once per database: PGlite's queries hold the main thread, so more than
 * one would only queue inside it; PostgreSQL's leave the thread free while the server works.
 */
export const AUTOCOMPLETE_CONCURRENCY = { pglite: 1, postgres: 4 } as const;

export interface Waiting {
  /** Who asks for what (guild, member, command): a newer one with the same key overtakes it. */
  key: string;
  arrivedAt: number;
}

/**
 * What to do with the waiting autocompletes (oldest first) when `free` slots are free: the ones to
 * run now, and the ones to answer without suggestions. Pure: the scheduling decision, tested directly.
 */
export function admitAutocompletes<T extends Waiting>(
  waiting: readonly T[],
  free: number,
  now: number,
  limits: AutocompleteGateLimits,
): { run: T[]; skip: T[]; keep: T[] } {
  const newestOfKey = new Map<string, T>();
  for (const entry of waiting) newestOfKey.set(entry.key, entry);
  const skip: T[] = [];
  const live: T[] = [];
  for (const entry of waiting) {
    if (newestOfKey.get(entry.key) !== entry || now - entry.arrivedAt > limits.maxWaitMs) skip.push(entry);
    else live.push(entry);
  }
  const overflow = Math.max(0, live.length - limits.maxWaiting);
  skip.push(...live.slice(0, overflow));
  const rest = live.slice(overflow);
  const run = rest.slice(0, Math.max(0, free));
  return { run, skip, keep: rest.slice(run.length) };
}

interface Queued<T> extends Waiting {
  task: (overtaken: () => boolean) => Promise<T>;
  overtaken: () => boolean;
  settle: (value: Promise<T> | T) => void;
  skipped: T;
}

export function createAutocompleteGate(
  limits: AutocompleteGateLimits = AUTOCOMPLETE_GATE_LIMITS,
  now: () => number = () => performance.now(),
) {
  let running = 0;
  let waiting: Array<Queued<unknown>> = [];
  let scheduled = false;
  // The number of each key's latest autocomplete: a running one compares its own against it.
  const latest = new LRUCache<string, number>({ max: KEYS_REMEMBERED });
  let counter = 0;

  // Always from a fresh turn of the event loop: requests that arrived meanwhile are read (and a
  // member's newer keystroke registered) before the next autocomplete takes the thread.
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(pump);
  };

  function pump() {
    scheduled = false;
    const { run, skip, keep } = admitAutocompletes(waiting, limits.concurrency - running, now(), limits);
    waiting = keep;
    for (const entry of skip) entry.settle(entry.skipped);
    for (const entry of run) {
      running++;
      let timer: NodeJS.Timeout | undefined;
      const tooLong = new Promise((resolve) => {
        timer = setTimeout(() => resolve(entry.skipped), limits.maxRunMs);
      });
      const done = Promise.race([Promise.resolve().then(() => entry.task(entry.overtaken)), tooLong]).finally(
        () => {
          clearTimeout(timer);
          running--;
          schedule();
        },
      );
      entry.settle(done);
    }
  }

  return {
    /**
     * Runs `task` when its turn comes, or resolves to `skipped` if it is overtaken or waits too long;
     * the task gets a check of whether a newer autocomplete with the same key has come since.
     */
    run<T>(key: string, task: (overtaken: () => boolean) => Promise<T>, skipped: T): Promise<T> {
      const mine = ++counter;
      latest.set(key, mine);
      return new Promise<T>((resolve) => {
        waiting.push({
          key,
          arrivedAt: now(),
          task,
          overtaken: () => latest.get(key) !== mine,
          skipped,
          settle: resolve as (value: unknown) => void,
        });
        schedule();
      });
    },
  };
}
