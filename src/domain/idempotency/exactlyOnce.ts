import type { Clock } from '../clock.js';
import { DomainError, isDomainError } from '../errors.js';
import { fingerprintOf } from './fingerprint.js';
import { leaseEnded, LeaseLostError, type IdempotencyStore, type Lease } from './idempotencyStore.js';

/** Longest an attempt may hold a request id before another may take it over (see ExactlyOnceOptions.leaseMs). */
export const DEFAULT_LEASE_MS = 10_000;
/** How long a duplicate waits for a live lease before answering 'request_in_progress'. */
export const DEFAULT_WAIT_MS = 1_000;

export interface ExactlyOnceOptions {
  /**
   * How long an attempt holds a request id. A record still in flight after that was left by a
   * process that died mid-effect: the next delivery of the request takes it over and runs the
   * effect. Must be longer than the longest effect (sandbox effects take milliseconds; the default
   * leaves several seconds of margin for a loaded machine).
   */
  leaseMs?: number;
  /** How often a duplicate polls the store for a request another attempt holds. */
  pollIntervalMs?: number;
  /** How long a duplicate waits for a live lease before answering 'request_in_progress' ("try again in a moment"). */
  waitTimeoutMs?: number;
  /** Names this instance in the lease owner (diagnostics); defaults to a random id. */
  instanceId?: string;
  /**
   * Runs around every effect with the request's id, e.g. so the composition root can run the effect
   * inside `callScope.run({ requestId })` and the REST client sends it as MS-RequestId (the domain
   * itself knows nothing of async context). Defaults to running the effect as is.
   */
  aroundEffect?: AroundEffect;
}

/** See ExactlyOnceOptions.aroundEffect. */
export type AroundEffect = <T>(requestId: string, effect: () => Promise<T>) => Promise<T>;

/** One state-changing request: operation scope, the client's request id, and what it asks for. */
export interface RequestIdentity {
  /** e.g. 'agreements.attest'; request ids are scoped per operation and partner tenant. */
  scope: string;
  tenantId: string;
  requestId: string;
  /** Payload the request id is bound to (include the acting user and the customer). */
  payload: unknown;
}

type Settled<T> = { ok: true; outcome: T } | { ok: false; error: DomainError };

/**
 * Runs an effect at most once per request id.
 * - The request id is recorded (durably) BEFORE the effect, as an in-flight lease with a deadline.
 * - When the store can (`atomically`: the sandbox), the effect, everything written with it (its
 *   audit entry) and the completion record are one durable write: a crash leaves all or nothing.
 * - A repeat of a finished request returns the first outcome without running the effect.
 * - A repeat while another attempt holds a live lease waits briefly for its outcome, then answers
 *   'request_in_progress'. A repeat that finds an ended lease (the holder died) takes the request
 *   over (compare-and-set in the store) and runs the effect, so a redelivery completes it once.
 * - The same request id with a different payload is refused with 'request_id_conflict'.
 * - A DomainError refusal releases the request id (nothing happened), so a corrected retry can run;
 *   concurrent duplicates of the refused request get the same error.
 * - An unexpected failure leaves the request id blocked ('request_failed'): the effect may have
 *   happened. With an atomic store nothing of the failed attempt was written, so it is released.
 */
export class ExactlyOnce {
  private readonly running = new Map<string, { fingerprint: string; promise: Promise<unknown> }>();
  private readonly leaseMs: number;
  private readonly pollIntervalMs: number;
  private readonly waitTimeoutMs: number;
  private readonly instanceId: string;
  private readonly aroundEffect: AroundEffect;
  private attempts = 0;

  constructor(
    private readonly store: IdempotencyStore,
    private readonly clock: Clock,
    options: ExactlyOnceOptions = {},
  ) {
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.pollIntervalMs = options.pollIntervalMs ?? 25;
    this.waitTimeoutMs = options.waitTimeoutMs ?? DEFAULT_WAIT_MS;
    this.instanceId = options.instanceId ?? globalThis.crypto.randomUUID();
    this.aroundEffect = options.aroundEffect ?? ((_requestId, effect) => effect());
  }

  /**
   * The outcome of a request id that already succeeded with this payload, or undefined (unknown,
   * refused, or another payload). Runs nothing: for a card pressed after its flow ended, so a late
   * duplicate is told what happened. Throws 'request_in_progress' while that request is still
   * running (its flow may have ended on another duplicate that stopped waiting for it).
   */
  async outcomeOf<T>(request: RequestIdentity): Promise<T | undefined> {
    const key = `${request.scope}:${request.tenantId}:${request.requestId}`;
    const record = await this.store.get(key);
    if (
      record?.state === 'inFlight' &&
      record.fingerprint === fingerprintOf(request.payload) &&
      !leaseEnded(record, this.clock.now().toISOString())
    )
      throw new DomainError('request_in_progress', { requestId: request.requestId });
    if (record?.state !== 'succeeded' || record.fingerprint !== fingerprintOf(request.payload))
      return undefined;
    return record.outcome as T;
  }

  async run<T>(request: RequestIdentity, effect: () => Promise<T>): Promise<T> {
    if (request.requestId.trim().length === 0) {
      throw new DomainError('validation', { fields: ['requestId'], reasons: ['requestId:required'] });
    }
    const key = `${request.scope}:${request.tenantId}:${request.requestId}`;
    const fingerprint = fingerprintOf(request.payload);

    // Same process: join the running promise (no store round trip, no polling).
    const inProcess = this.running.get(key);
    if (inProcess) {
      if (inProcess.fingerprint !== fingerprint) throw conflict(request.requestId);
      return (await inProcess.promise) as T;
    }

    const promise = this.reserveAndRun(key, fingerprint, request.requestId, effect);
    const entry = { fingerprint, promise };
    this.running.set(key, entry);
    try {
      return await promise;
    } finally {
      if (this.running.get(key) === entry) this.running.delete(key);
    }
  }

  private newLease(): Lease {
    const now = this.clock.now();
    this.attempts += 1;
    return {
      owner: `${this.instanceId}#${this.attempts}`,
      at: now.toISOString(),
      leaseUntil: new Date(now.getTime() + this.leaseMs).toISOString(),
    };
  }

  /** Takes the request id (new, or an ended lease), or waits for the attempt that holds it. */
  private async reserveAndRun<T>(
    key: string,
    fingerprint: string,
    requestId: string,
    effect: () => Promise<T>,
  ): Promise<T> {
    const deadline = Date.now() + this.waitTimeoutMs;
    for (;;) {
      const lease = this.newLease();
      const reservation = await this.store.reserve(key, fingerprint, lease);
      if (reservation.reserved) {
        const settled = await this.perform(key, lease.owner, () => this.aroundEffect(requestId, effect));
        if (settled === 'leaseLost') continue;
        if (settled.ok) return settled.outcome;
        throw settled.error;
      }
      if (reservation.existing.fingerprint !== fingerprint) throw conflict(requestId);
      const outcome = await this.awaitExisting<T>(key, requestId, deadline);
      if (outcome.kind === 'done') return outcome.value;
      // The lease ended while waiting: try to take the request over.
    }
  }

  /** Runs the effect under the lease; effect + completion are one write where the store allows it. */
  private async perform<T>(
    key: string,
    owner: string,
    effect: () => Promise<T>,
  ): Promise<Settled<T> | 'leaseLost'> {
    const atomically = this.store.atomically
      ? <R>(work: () => Promise<R>) => this.store.atomically!(work)
      : <R>(work: () => Promise<R>) => work();
    try {
      return await atomically(async (): Promise<Settled<T>> => {
        let outcome: T;
        try {
          outcome = await effect();
        } catch (error) {
          if (!isDomainError(error)) throw error;
          await this.store.release(key, owner);
          return { ok: false, error };
        }
        await this.store.succeed(key, owner, outcome, this.clock.now().toISOString());
        return { ok: true, outcome };
      });
    } catch (error) {
      // Ran past the lease and another attempt took over: its outcome is the answer.
      if (error instanceof LeaseLostError) return 'leaseLost';
      // An atomic store wrote nothing of a failed attempt, so a retry may run; otherwise the effect
      // may have partly happened and the request id stays blocked.
      if (this.store.atomically) await this.store.release(key, owner);
      else await this.store.markCrashed(key, owner, this.clock.now().toISOString());
      throw error;
    }
  }

  /** Another attempt holds this request id: wait (briefly) for its outcome or for its lease to end. */
  private async awaitExisting<T>(
    key: string,
    requestId: string,
    deadline: number,
  ): Promise<{ kind: 'done'; value: T } | { kind: 'leaseEnded' }> {
    for (;;) {
      const record = await this.store.get(key);
      if (!record) throw new DomainError('request_refused_retry', { requestId });
      if (record.state === 'succeeded') return { kind: 'done', value: record.outcome as T };
      if (record.state === 'crashed') throw new DomainError('request_failed', { requestId });
      if (leaseEnded(record, this.clock.now().toISOString())) return { kind: 'leaseEnded' };
      if (Date.now() >= deadline) throw new DomainError('request_in_progress', { requestId });
      await new Promise((resolve) => setTimeout(resolve, this.pollIntervalMs));
    }
  }
}

function conflict(requestId: string): DomainError {
  return new DomainError('request_id_conflict', { requestId });
}
