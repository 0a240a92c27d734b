/**
 * Drops the first entries of a Map (insertion order: the least recently set, for caches that
 * delete and set again on use) until it holds at most `max`. The one eviction every in-memory
 * cache of the bot shares.
 */
export function dropOldest<K, V>(map: Map<K, V>, max: number): void {
  while (map.size > max) {
    const oldest = map.keys().next();
    if (oldest.done) return;
    map.delete(oldest.value);
  }
}
