import type { Clock } from '../clock.js';
import { DomainError, isDomainError } from '../errors.js';
import { fingerprintOf } from './fingerprint.js';
import type { IdempotencyStore } from './idempotencyStore.js';

export interface ExactlyOnceOptions {
  /** How often a duplicate polls the store for a request another instance is running. */
  pollIntervalMs?: number;
  /** How long a duplicate waits for an in-flight request before giving up with 'request_in_progress'. */
  waitTimeoutMs?: number;
  /**
   * An in-flight record older than this that no running code in this process owns was left by a
   * process that died mid-effect: answered with 'request_failed' (the effect may have happened).
   */
  staleAfterMs?: number;
}

/** One state-changing request: operation scope, the client's request id, and what it asks for. */
export interface RequestIdentity {
  /** e.g. 'agreements.attest'; request ids are scoped per operation and partner tenant. */
  scope: string;
  tenantId: string;
  requestId: string;
  /** Payload the request id is bound to (include the acting user and the customer). */
  payload: unknown;
}

/**
 * Runs an effect at most once per request id.
 * - The request id is recorded (durably) BEFORE the effect.
 * - A repeat of a finished request returns the first outcome without running the effect.
 * - A repeat while the first is still running waits for it and returns the same outcome or error.
 * - The same request id with a different payload is refused with 'request_id_conflict'.
 * - A DomainError refusal releases the request id (nothing happened), so a corrected retry can run;
 *   concurrent duplicates of the refused request get the same error.
 * - An unexpected failure leaves the request id blocked ('request_failed'): the effect may have happened.
 */
export class ExactlyOnce {
  private readonly running = new Map<string, { fingerprint: string; promise: Promise<unknown> }>();
  private readonly pollIntervalMs: number;
  private readonly waitTimeoutMs: number;
  private readonly staleAfterMs: number;

  constructor(
    private readonly store: IdempotencyStore,
    private readonly clock: Clock,
    options: ExactlyOnceOptions = {},
  ) {
    this.pollIntervalMs = options.pollIntervalMs ?? 25;
    this.waitTimeoutMs = options.waitTimeoutMs ?? 30_000;
    this.staleAfterMs = options.staleAfterMs ?? 120_000;
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

  private async reserveAndRun<T>(
    key: string,
    fingerprint: string,
    requestId: string,
    effect: () => Promise<T>,
  ): Promise<T> {
    const reservation = await this.store.reserve(key, fingerprint, this.clock.now().toISOString());
    if (!reservation.reserved) {
      if (reservation.existing.fingerprint !== fingerprint) throw conflict(requestId);
      return this.awaitExisting<T>(key, requestId);
    }
    try {
      const outcome = await effect();
      await this.store.succeed(key, outcome, this.clock.now().toISOString());
      return outcome;
    } catch (error) {
      if (isDomainError(error)) await this.store.release(key);
      else await this.store.markCrashed(key, this.clock.now().toISOString());
      throw error;
    }
  }

  /** Another instance (or a previous process) holds this request id: wait for its outcome. */
  private async awaitExisting<T>(key: string, requestId: string): Promise<T> {
    const deadline = Date.now() + this.waitTimeoutMs;
    for (;;) {
      const record = await this.store.get(key);
      if (!record) throw new DomainError('request_refused_retry', { requestId });
      if (record.state === 'succeeded') return record.outcome as T;
      if (record.state === 'crashed') throw new DomainError('request_failed', { requestId });
      if (this.clock.now().getTime() - Date.parse(record.startedAt) > this.staleAfterMs) {
        throw new DomainError('request_failed', { requestId });
      }
      if (Date.now() >= deadline) throw new DomainError('request_in_progress', { requestId });
      await new Promise((resolve) => setTimeout(resolve, this.pollIntervalMs));
    }
  }
}

function conflict(requestId: string): DomainError {
  return new DomainError('request_id_conflict', { requestId });
}
