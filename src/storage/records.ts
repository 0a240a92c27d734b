import { createHash } from 'node:crypto';
import type { IdempotencyRecord, IdempotencyStore } from '../domain/idempotency/idempotencyStore.js';

/** Default retention of finished request records (IDEMPOTENCY_RETENTION_HOURS): 7 days. */
export const DEFAULT_IDEMPOTENCY_RETENTION_HOURS = 168;

/** A records store that forgets what is older than its retention. */
export interface Prunable {
  /** Deletes the expired records now; returns how many. */
  prune(): Promise<number>;
}

/** The idempotency port plus the pruning every records store adds. */
export type PrunableIdempotencyStore = IdempotencyStore & Prunable;

/** What a store keeps under one request key: the record, or a tombstone left by `release`. */
export type StoredRequest =
  { key: string; record: IdempotencyRecord } | { key: string; released: true; at: string };

/**
 * True when `stored` may be forgotten at `before` (= now − retention): a finished request
 * (succeeded or crashed) completed before it, a released key released before it, or an in-flight
 * record abandoned (started before it and its lease ended).
 */
export function expiredBefore(stored: StoredRequest, before: number): boolean {
  if ('released' in stored) return Date.parse(stored.at) < before;
  const record = stored.record;
  if (record.state === 'inFlight') {
    const leaseEnd = record.leaseUntil ? Date.parse(record.leaseUntil) : 0;
    return Date.parse(record.startedAt) < before && leaseEnd < before;
  }
  return Date.parse(record.completedAt) < before;
}

/** `<readable prefix>-<sha256>`: a safe file or blob name for any key, of bounded length. */
export function safeName(key: string): string {
  const hash = createHash('sha256').update(key, 'utf8').digest('hex');
  const readable = key.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 40);
  return `${readable}-${hash}`;
}

/** The first two hex digits of the key's hash: spreads files over 256 folders. */
export function shardOf(name: string): string {
  return name.slice(-64, -62);
}
