import type { ContainerClient } from '@azure/storage-blob';
import type { Clock } from '../domain/clock.js';
import {
  decideReservation,
  heldBy,
  LeaseLostError,
  type IdempotencyRecord,
  type Lease,
  type Reservation,
} from '../domain/idempotency/idempotencyStore.js';
import { downloadText, isNotFound, lostRace } from './blobSupport.js';
import {
  DEFAULT_IDEMPOTENCY_RETENTION_HOURS,
  expiredBefore,
  safeName,
  type PrunableIdempotencyStore,
  type StoredRequest,
} from './records.js';

export interface BlobIdempotencyStoreOptions {
  clock: Clock;
  retentionHours?: number;
}

const PREFIX = 'idempotency/';
const HOUR_MS = 60 * 60 * 1000;
/** Deletes in flight at once while pruning. */
const PRUNE_BATCH = 32;

/**
 * Request records as one JSON blob per request key, shared by every instance.
 * - `reserve` creates the blob with `If-None-Match: *`: exactly one instance claims a request id.
 * - A takeover, `succeed`, `release` and `markCrashed` are `If-Match: <eTag>` writes of the
 *   version they read (compare-and-set): an attempt whose lease was taken over gets 412 and sees
 *   the new owner on its re-read. A `release` leaves a tombstone the next reserve replaces.
 * - The record's state and times are also blob metadata, so `prune()` decides from the listing
 *   alone and deletes with `If-Match` (a record changed since the listing is kept).
 */
export class BlobIdempotencyStore implements PrunableIdempotencyStore {
  private readonly retentionMs: number;

  constructor(
    private readonly container: ContainerClient,
    private readonly options: BlobIdempotencyStoreOptions,
  ) {
    this.retentionMs = (options.retentionHours ?? DEFAULT_IDEMPOTENCY_RETENTION_HOURS) * HOUR_MS;
  }

  async reserve(key: string, fingerprint: string, lease: Lease): Promise<Reservation> {
    for (;;) {
      const current = await this.read(key);
      const decision = decideReservation(recordOf(current?.stored), key, fingerprint, lease);
      if (!decision.store) return decision.reservation;
      if (await this.write(key, { key, record: decision.store }, current?.etag)) return decision.reservation;
    }
  }

  async succeed(key: string, owner: string, outcome: unknown, at: string): Promise<void> {
    for (;;) {
      const current = await this.read(key);
      const record = recordOf(current?.stored);
      if (!current || !heldBy(record, owner)) throw new LeaseLostError(key);
      const next: IdempotencyRecord = {
        key,
        fingerprint: record.fingerprint,
        state: 'succeeded',
        startedAt: record.startedAt,
        completedAt: at,
        outcome,
      };
      if (await this.write(key, { key, record: next }, current.etag)) return;
    }
  }

  async release(key: string, owner: string): Promise<void> {
    for (;;) {
      const current = await this.read(key);
      if (!current || !heldBy(recordOf(current.stored), owner)) return;
      const tombstone: StoredRequest = { key, released: true, at: this.options.clock.now().toISOString() };
      if (await this.write(key, tombstone, current.etag)) return;
    }
  }

  async markCrashed(key: string, owner: string, at: string): Promise<void> {
    for (;;) {
      const current = await this.read(key);
      const record = recordOf(current?.stored);
      if (!current || !heldBy(record, owner)) return;
      const next: IdempotencyRecord = {
        key,
        fingerprint: record.fingerprint,
        state: 'crashed',
        startedAt: record.startedAt,
        completedAt: at,
      };
      if (await this.write(key, { key, record: next }, current.etag)) return;
    }
  }

  async get(key: string): Promise<IdempotencyRecord | undefined> {
    return recordOf((await this.read(key))?.stored);
  }

  async prune(): Promise<number> {
    const before = this.options.clock.now().getTime() - this.retentionMs;
    let removed = 0;
    let batch: Array<{ name: string; etag?: string }> = [];
    const flush = async () => {
      const results = await Promise.all(batch.map((item) => this.deleteIfUnchanged(item.name, item.etag)));
      removed += results.filter(Boolean).length;
      batch = [];
    };
    for await (const item of this.container.listBlobsFlat({ prefix: PREFIX, includeMetadata: true })) {
      const stored = fromMetadata(item.metadata);
      if (!stored || !expiredBefore(stored, before)) continue;
      batch.push({ name: item.name, etag: item.properties.etag });
      if (batch.length >= PRUNE_BATCH) await flush();
    }
    await flush();
    return removed;
  }

  /** Deletes a listed record unless it changed since the listing (If-Match). */
  private async deleteIfUnchanged(name: string, etag: string | undefined): Promise<boolean> {
    try {
      await this.container.getBlockBlobClient(name).delete({ conditions: { ifMatch: etag } });
      return true;
    } catch (error) {
      if (lostRace(error) || isNotFound(error)) return false;
      throw error;
    }
  }

  private blob(key: string) {
    return this.container.getBlockBlobClient(`${PREFIX}${safeName(key)}.json`);
  }

  private async read(key: string): Promise<{ stored: StoredRequest; etag: string } | undefined> {
    const found = await downloadText(this.blob(key));
    if (!found) return undefined;
    return { stored: JSON.parse(found.text) as StoredRequest, etag: found.etag };
  }

  /** Creates (no eTag: If-None-Match *) or replaces the version read (If-Match); false when another writer won. */
  private async write(key: string, stored: StoredRequest, etag: string | undefined): Promise<boolean> {
    const body = JSON.stringify(stored);
    try {
      await this.blob(key).upload(body, Buffer.byteLength(body), {
        conditions: etag ? { ifMatch: etag } : { ifNoneMatch: '*' },
        metadata: toMetadata(stored),
        blobHTTPHeaders: { blobContentType: 'application/json' },
      });
      return true;
    } catch (error) {
      if (lostRace(error) || (etag && isNotFound(error))) return false;
      throw error;
    }
  }
}

function recordOf(stored: StoredRequest | undefined): IdempotencyRecord | undefined {
  return stored && 'record' in stored ? stored.record : undefined;
}

/** Metadata names are C# identifiers (lower case here); values are ASCII. */
function toMetadata(stored: StoredRequest): Record<string, string> {
  if ('released' in stored) return { state: 'released', at: stored.at };
  const record = stored.record;
  if (record.state === 'inFlight')
    return { state: 'inFlight', startedat: record.startedAt, leaseuntil: record.leaseUntil ?? '' };
  return { state: record.state, startedat: record.startedAt, completedat: record.completedAt };
}

/** Enough of the stored request to decide expiry (the fields `expiredBefore` reads). */
function fromMetadata(metadata: Record<string, string> | undefined): StoredRequest | undefined {
  if (!metadata?.state) return undefined;
  if (metadata.state === 'released') return { key: '', released: true, at: metadata.at };
  if (metadata.state === 'inFlight')
    return {
      key: '',
      record: {
        key: '',
        fingerprint: '',
        state: 'inFlight',
        startedAt: metadata.startedat,
        leaseUntil: metadata.leaseuntil || undefined,
      },
    };
  if (metadata.state === 'succeeded' || metadata.state === 'crashed')
    return {
      key: '',
      record: {
        key: '',
        fingerprint: '',
        state: 'crashed',
        startedAt: metadata.startedat,
        completedAt: metadata.completedat,
      },
    };
  return undefined;
}
