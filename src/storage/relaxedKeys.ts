/**
 * Keys whose writes need not wait for the disk while some `during` call for them runs (counted, so
 * overlapping calls for one key nest). The `withoutSync` of FileStorage and LogStorage: a turn's
 * last save after its state was already saved durably before a card.
 */
export class RelaxedKeys {
  private readonly running = new Map<string, number>();

  has(key: string): boolean {
    return this.running.has(key);
  }

  async during<T>(keys: readonly string[], run: () => Promise<T>): Promise<T> {
    for (const key of keys) this.running.set(key, (this.running.get(key) ?? 0) + 1);
    try {
      return await run();
    } finally {
      for (const key of keys) {
        const left = (this.running.get(key) ?? 1) - 1;
        if (left > 0) this.running.set(key, left);
        else this.running.delete(key);
      }
    }
  }
}
