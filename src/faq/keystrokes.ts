import { LRUCache } from 'lru-cache';

/**
 * The latest autocomplete of each member, so that one already overtaken by the member's next
 * keystroke is answered cheaply (Discord shows only the newest list anyway). Bounded: members
 * typing right now, not everyone who ever typed.
 */
export function createKeystrokes(max = 10_000) {
  const latest = new LRUCache<string, number>({ max });
  let counter = 0;
  return {
    /** Takes note of a new autocomplete; the returned check says whether a newer one came since. */
    start(guildId: string, userId: string): () => boolean {
      const key = `${guildId}/${userId}`;
      const mine = ++counter;
      latest.set(key, mine);
      return () => latest.get(key) !== mine;
    },
  };
}
