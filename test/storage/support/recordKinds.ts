import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import type { Clock } from '../../../src/domain/clock.js';
import type { AuditLog } from '../../../src/domain/services/auditLog.js';
import {
  BlobActivityDedupe,
  FileActivityDedupe,
  type ActivityDedupe,
} from '../../../src/storage/activityDedupe.js';
import { BlobAuditLog } from '../../../src/storage/blobAuditLog.js';
import { BlobIdempotencyStore } from '../../../src/storage/blobIdempotencyStore.js';
import { BlobLeases } from '../../../src/storage/blobLeases.js';
import { FileAuditLog } from '../../../src/storage/fileAuditLog.js';
import { FileIdempotencyStore } from '../../../src/storage/fileIdempotencyStore.js';
import { FileLeases, type Leases } from '../../../src/storage/leases.js';
import type { PrunableIdempotencyStore } from '../../../src/storage/records.js';
import { startAzurite, type RunningAzurite } from '../../support/azurite.js';

/**
 * One kind of records backend for the contract tests. Each `…()` call opens a NEW instance over
 * the same backing store (as a second bot instance would), so "two instances" is two calls.
 */
export interface RecordKind {
  name: 'file' | 'blob';
  /** Lease length for lock and leader cases (Azure's minimum for blob leases is 15 s). */
  leaseMs: number;
  /** Follower retry pause in the leader cases. */
  retryMs: number;
  before(): Promise<void>;
  after(): Promise<void>;
  /** A fresh, empty backing store for one test. */
  fresh(): Promise<void>;
  idempotency(clock: Clock, retentionHours?: number): PrunableIdempotencyStore;
  audit(): AuditLog;
  dedupe(ttlMs?: number, now?: () => number): ActivityDedupe;
  leases(): Leases;
}

export function fileKind(): RecordKind {
  let root = '';
  let dir = '';
  return {
    name: 'file',
    leaseMs: 600,
    retryMs: 50,
    async before() {
      root = mkdtempSync(join(tmpdir(), 'records-contract-'));
    },
    async after() {
      rmSync(root, { recursive: true, force: true });
    },
    async fresh() {
      dir = join(root, randomUUID());
    },
    idempotency: (clock, retentionHours) =>
      new FileIdempotencyStore(join(dir, 'requests'), { clock, retentionHours, durable: false }),
    audit: () => new FileAuditLog(join(dir, 'audit'), { durable: false }),
    dedupe: (ttlMs, now) => new FileActivityDedupe(join(dir, 'activities'), ttlMs, now),
    leases: () => new FileLeases(join(dir, 'leases'), { durationMs: 600 }),
  };
}

export function blobKind(): RecordKind {
  let azurite: RunningAzurite | undefined;
  let container: ContainerClient;
  const open = () =>
    BlobServiceClient.fromConnectionString(azurite!.connectionString).getContainerClient(
      container.containerName,
    );
  return {
    name: 'blob',
    leaseMs: 15_000,
    retryMs: 500,
    async before() {
      azurite = await startAzurite();
    },
    async after() {
      await azurite?.stop();
    },
    async fresh() {
      container = BlobServiceClient.fromConnectionString(azurite!.connectionString).getContainerClient(
        `t-${randomUUID()}`,
      );
      await container.create();
    },
    idempotency: (clock, retentionHours) => new BlobIdempotencyStore(open(), { clock, retentionHours }),
    audit: () => new BlobAuditLog(open()),
    dedupe: (ttlMs, now) => new BlobActivityDedupe(open(), ttlMs, now),
    leases: () => new BlobLeases(open(), { durationSeconds: 15 }),
  };
}
