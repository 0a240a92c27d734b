/**
 * A request id being worked on. `owner` is the attempt holding the lease and `leaseUntil` the
 * instant after which another attempt may take it over (the owner is presumed dead: a killed
 * process never writes its outcome). Records written before leases existed have neither field and
 * count as expired.
 */
export interface InFlightRecord {
  key: string;
  fingerprint: string;
  state: 'inFlight';
  startedAt: string;
  owner?: string;
  leaseUntil?: string;
  /** How many attempts held the lease (1 = never taken over). */
  attempts?: number;
}

/** How a state-changing request ended, stored under its request id. JSON-serializable. */
export type IdempotencyRecord =
  | InFlightRecord
  | {
      key: string;
      fingerprint: string;
      state: 'succeeded';
      startedAt: string;
      completedAt: string;
      outcome: unknown;
    }
  | { key: string; fingerprint: string; state: 'crashed'; startedAt: string; completedAt: string };

/** The lease an attempt asks for: who it is, now, and until when it may run the effect. */
export interface Lease {
  owner: string;
  at: string;
  leaseUntil: string;
}

export type Reservation =
  { reserved: true; takenOver: boolean } | { reserved: false; existing: IdempotencyRecord };

/**
 * Thrown by `succeed` when the attempt no longer holds the lease (it ran past `leaseUntil` and
 * another attempt took the request over). Inside `atomically` this discards the late effect.
 */
export class LeaseLostError extends Error {
  constructor(readonly key: string) {
    super(`the lease on ${key} was taken over by another attempt`);
    this.name = 'LeaseLostError';
  }
}

/**
 * Persistent record of request ids (port). `reserve` must be atomic and durable before it
 * resolves: the request id is written BEFORE the effect runs. Every other change is a
 * compare-and-set on the lease owner, so an attempt whose lease was taken over cannot overwrite
 * the new owner's record.
 */
export interface IdempotencyStore {
  /**
   * Records an in-flight request; takes over a record of the same fingerprint whose lease ended at
   * or before `lease.at` (compare-and-set); otherwise returns the record already stored.
   */
  reserve(key: string, fingerprint: string, lease: Lease): Promise<Reservation>;
  /** Stores the outcome of the effect (it happened). Throws LeaseLostError if `owner` lost the lease. */
  succeed(key: string, owner: string, outcome: unknown, at: string): Promise<void>;
  /** The effect was refused with a DomainError (nothing happened): forget the key so a corrected retry can run. */
  release(key: string, owner: string): Promise<void>;
  /** The effect failed unexpectedly: it may have partly happened, so the key stays blocked. */
  markCrashed(key: string, owner: string, at: string): Promise<void>;
  get(key: string): Promise<IdempotencyRecord | undefined>;
  /**
   * Runs `work` (the effect, its audit entry and `succeed`/`release`) so that everything it writes
   * to this backend lands in ONE durable write: after a crash either all of it is there or none of
   * it, and a rejected `work` writes nothing. Only stores that share one file with the effects can
   * offer this (the sandbox); without it a crash between the effect and `succeed` can repeat the
   * effect when the lease is taken over.
   */
  atomically?<T>(work: () => Promise<T>): Promise<T>;
}

/** True when an in-flight record's lease has ended at `at` (records without a lease count as ended). */
export function leaseEnded(record: InFlightRecord, at: string): boolean {
  if (!record.leaseUntil) return true;
  return Date.parse(record.leaseUntil) <= Date.parse(at);
}

/**
 * The lease rule every store applies under its own lock: a new record, a takeover of an ended
 * lease of the same request, or the existing record. Returns the record to store, if any.
 */
export function decideReservation(
  existing: IdempotencyRecord | undefined,
  key: string,
  fingerprint: string,
  lease: Lease,
): { store: InFlightRecord; reservation: Reservation } | { store?: undefined; reservation: Reservation } {
  const fresh = (attempts: number, startedAt: string): InFlightRecord => ({
    key,
    fingerprint,
    state: 'inFlight',
    startedAt,
    owner: lease.owner,
    leaseUntil: lease.leaseUntil,
    attempts,
  });
  if (!existing) return { store: fresh(1, lease.at), reservation: { reserved: true, takenOver: false } };
  if (
    existing.state === 'inFlight' &&
    existing.fingerprint === fingerprint &&
    leaseEnded(existing, lease.at)
  ) {
    return {
      store: fresh((existing.attempts ?? 1) + 1, existing.startedAt),
      reservation: { reserved: true, takenOver: true },
    };
  }
  return { reservation: { reserved: false, existing } };
}

/** True when `record` is in flight under `owner`'s lease (the compare in compare-and-set). */
export function heldBy(record: IdempotencyRecord | undefined, owner: string): record is InFlightRecord {
  return record !== undefined && record.state === 'inFlight' && record.owner === owner;
}

/** In-memory store (tests, and hosts without persistence). */
export class InMemoryIdempotencyStore implements IdempotencyStore {
  private readonly records = new Map<string, IdempotencyRecord>();

  async reserve(key: string, fingerprint: string, lease: Lease): Promise<Reservation> {
    const decision = decideReservation(this.records.get(key), key, fingerprint, lease);
    if (decision.store) this.records.set(key, decision.store);
    return decision.reservation;
  }

  async succeed(key: string, owner: string, outcome: unknown, at: string): Promise<void> {
    const record = this.records.get(key);
    if (!heldBy(record, owner)) throw new LeaseLostError(key);
    this.records.set(key, {
      key,
      fingerprint: record.fingerprint,
      state: 'succeeded',
      startedAt: record.startedAt,
      completedAt: at,
      outcome,
    });
  }

  async release(key: string, owner: string): Promise<void> {
    if (heldBy(this.records.get(key), owner)) this.records.delete(key);
  }

  async markCrashed(key: string, owner: string, at: string): Promise<void> {
    const record = this.records.get(key);
    if (heldBy(record, owner))
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
