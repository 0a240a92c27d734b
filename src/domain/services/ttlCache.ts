import type { Clock } from '../clock.js';
import { dropOldest } from '../boundedMap.js';

/**
 * A small keyed cache whose entries live `ttlMs` (by the injected clock) and which holds at most
 * `maxEntries` (the oldest written goes first). Concurrent loads of one key share one promise.
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, { at: number; value: Promise<V> }>();

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs: number,
    private readonly maxEntries = 5000,
  ) {}

  get(key: string, load: () => Promise<V>): Promise<V> {
    const now = this.clock.now().getTime();
    const entry = this.entries.get(key);
    if (entry && now - entry.at < this.ttlMs) return entry.value;
    const value = load();
    this.entries.delete(key);
    this.entries.set(key, { at: now, value });
    // A failed load is not kept: the next turn asks again.
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    dropOldest(this.entries, this.maxEntries);
    return value;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}
