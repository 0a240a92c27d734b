/** How a state-changing request ended, stored under its request id. JSON-serializable. */
export type IdempotencyRecord =
  | { key: string; fingerprint: string; state: 'inFlight'; startedAt: string }
  | {
      key: string;
      fingerprint: string;
      state: 'succeeded';
      startedAt: string;
      completedAt: string;
      outcome: unknown;
    }
  | { key: string; fingerprint: string; state: 'crashed'; startedAt: string; completedAt: string };

/**
 * Persistent record of request ids (port). `reserve` must be atomic and durable before it
 * resolves: the request id is written BEFORE the effect runs, so a crash never lets it run twice.
 */
export interface IdempotencyStore {
  /** Records an in-flight request, or returns the record already stored under this key. */
  reserve(
    key: string,
    fingerprint: string,
    at: string,
  ): Promise<{ reserved: true } | { reserved: false; existing: IdempotencyRecord }>;
  /** Stores the outcome of the effect (it happened). */
  succeed(key: string, outcome: unknown, at: string): Promise<void>;
  /** The effect was refused with a DomainError (nothing happened): forget the key so a corrected retry can run. */
  release(key: string): Promise<void>;
  /** The effect failed unexpectedly: it may have partly happened, so the key stays blocked. */
  markCrashed(key: string, at: string): Promise<void>;
  get(key: string): Promise<IdempotencyRecord | undefined>;
}

/** In-memory store (tests, and hosts without persistence). */
export class InMemoryIdempotencyStore implements IdempotencyStore {
  private readonly records = new Map<string, IdempotencyRecord>();

  async reserve(key: string, fingerprint: string, at: string) {
    const existing = this.records.get(key);
    if (existing) return { reserved: false as const, existing };
    this.records.set(key, { key, fingerprint, state: 'inFlight', startedAt: at });
    return { reserved: true as const };
  }

  async succeed(key: string, outcome: unknown, at: string): Promise<void> {
    const record = this.records.get(key);
    if (record) this.records.set(key, { ...record, state: 'succeeded', completedAt: at, outcome });
  }

  async release(key: string): Promise<void> {
    this.records.delete(key);
  }

  async markCrashed(key: string, at: string): Promise<void> {
    const record = this.records.get(key);
    if (record)
      this.records.set(key, {
        key,
        fingerprint: record.fingerprint,
        state: 'crashed',
        startedAt: record.startedAt,
        completedAt: at,
      });
  }

  async get(key: string): Promise<IdempotencyRecord | undefined> {
    return this.records.get(key);
  }
}
