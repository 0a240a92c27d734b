import type { IdempotencyRecord, IdempotencyStore } from '../domain/idempotency/idempotencyStore.js';
import type { SandboxStore } from './sandboxStore.js';

/** Request ids persisted in the sandbox file: `reserve` resolves only once the record is on disk. */
export class SandboxIdempotencyStore implements IdempotencyStore {
  constructor(private readonly store: SandboxStore) {}

  reserve(key: string, fingerprint: string, at: string) {
    return this.store.mutate((data) => {
      const existing = data.idempotency[key];
      if (existing) return { reserved: false as const, existing: structuredClone(existing) };
      data.idempotency[key] = { key, fingerprint, state: 'inFlight', startedAt: at };
      return { reserved: true as const };
    });
  }

  async succeed(key: string, outcome: unknown, at: string): Promise<void> {
    await this.store.mutate((data) => {
      const record = data.idempotency[key];
      if (record)
        data.idempotency[key] = {
          key,
          fingerprint: record.fingerprint,
          state: 'succeeded',
          startedAt: record.startedAt,
          completedAt: at,
          outcome: structuredClone(outcome),
        };
    });
  }

  async release(key: string): Promise<void> {
    await this.store.mutate((data) => {
      delete data.idempotency[key];
    });
  }

  async markCrashed(key: string, at: string): Promise<void> {
    await this.store.mutate((data) => {
      const record = data.idempotency[key];
      if (record)
        data.idempotency[key] = {
          key,
          fingerprint: record.fingerprint,
          state: 'crashed',
          startedAt: record.startedAt,
          completedAt: at,
        };
    });
  }

  async get(key: string): Promise<IdempotencyRecord | undefined> {
    return this.store.read((data) =>
      data.idempotency[key] ? structuredClone(data.idempotency[key]) : undefined,
    );
  }
}
