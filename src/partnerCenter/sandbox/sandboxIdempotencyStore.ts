import {
  decideReservation,
  heldBy,
  LeaseLostError,
  type IdempotencyRecord,
  type IdempotencyStore,
  type Lease,
  type Reservation,
} from '../../domain/idempotency/idempotencyStore.js';
import type { SandboxStore } from './sandboxStore.js';

/**
 * Request ids persisted in the sandbox file: `reserve` resolves only once the record is on disk,
 * and takes over an ended lease under the store's lock (compare-and-set). `atomically` is the
 * store's transaction: the effect (Partner Center data), its audit entry and the completion record
 * all live in this one file and are written together.
 */
export class SandboxIdempotencyStore implements IdempotencyStore {
  constructor(private readonly store: SandboxStore) {}

  reserve(key: string, fingerprint: string, lease: Lease): Promise<Reservation> {
    return this.store.mutate((data) => {
      const decision = decideReservation(data.idempotency[key], key, fingerprint, lease);
      if (decision.store) data.idempotency[key] = decision.store;
      return structuredClone(decision.reservation);
    });
  }

  async succeed(key: string, owner: string, outcome: unknown, at: string): Promise<void> {
    await this.store.mutate((data) => {
      const record = data.idempotency[key];
      if (!heldBy(record, owner)) throw new LeaseLostError(key);
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

  async release(key: string, owner: string): Promise<void> {
    if (
      !heldBy(
        this.store.read((data) => data.idempotency[key]),
        owner,
      )
    )
      return;
    await this.store.mutate((data) => {
      if (heldBy(data.idempotency[key], owner)) delete data.idempotency[key];
    });
  }

  async markCrashed(key: string, owner: string, at: string): Promise<void> {
    await this.store.mutate((data) => {
      const record = data.idempotency[key];
      if (heldBy(record, owner))
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

  atomically<T>(work: () => Promise<T>): Promise<T> {
    return this.store.transaction(work);
  }
}
