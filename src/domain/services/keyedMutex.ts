import type { CriticalSections } from './criticalSections.js';

/**
 * Serializes async work per key inside this process (e.g. one purchase at a time per customer),
 * so "check, then act" sequences on the same key cannot interleave.
 */
export class KeyedMutex implements CriticalSections {
  private readonly tails = new Map<string, Promise<void>>();

  /** Resolves once every task queued so far has finished (graceful shutdown). */
  async idle(): Promise<void> {
    await Promise.all(this.tails.values());
  }

  async runExclusive<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const current = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => current);
    this.tails.set(key, tail);
    await previous;
    try {
      return await work();
    } finally {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}
