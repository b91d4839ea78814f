/**
 * The caches here (kept replies, search results, typed search keys, ranked choice lists) all hold the newest
 * entries up to a count: a Map keeps insertion order, so the oldest entry is the first one.
 */

/** Sets `key` as the newest entry of `map`; when `map` already holds `capacity` others, the oldest goes. */
export function setNewest<K, V>(map: Map<K, V>, key: K, value: V, capacity: number): void {
  map.delete(key);
  if (map.size >= capacity) {
    const oldest = map.keys().next();
    if (oldest.done !== true) map.delete(oldest.value);
  }
  map.set(key, value);
}
