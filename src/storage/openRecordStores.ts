import { join } from 'node:path';
import type { Middleware, Storage } from 'botbuilder';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import { ConversationReferenceStore, type ConversationReferences } from '../bot/conversationReferences.js';
import type { Config } from '../config.js';
import type { Clock } from '../domain/clock.js';
import type { AuditLog } from '../domain/services/auditLog.js';
import type { CriticalSections } from '../domain/services/criticalSections.js';
import type { Logger } from '../logging.js';
import { FileUpgradeWatchStore, type UpgradeWatchStore } from '../partnerCenter/rest/upgradePoller.js';
import {
  FileActivityDedupe,
  BlobActivityDedupe,
  SharedDedupeMiddleware,
  type ActivityDedupe,
} from './activityDedupe.js';
import { BlobAuditLog } from './blobAuditLog.js';
import { BlobConversationReferences } from './blobConversationReferences.js';
import { BlobIdempotencyStore } from './blobIdempotencyStore.js';
import { BlobLeases } from './blobLeases.js';
import { BlobUpgradeWatchStore } from './blobUpgradeWatches.js';
import { openContainer } from './blobSupport.js';
import { FileAuditLog } from './fileAuditLog.js';
import { FileIdempotencyStore } from './fileIdempotencyStore.js';
import { FileStorage } from './fileStorage.js';
import type { LocalStateStorage } from './stateStorage.js';
import { LeaderLease, type LeaderLeaseOptions } from './leaderLease.js';
import { LeaseLock } from './leaseLock.js';
import { FileLeases, type Leases } from './leases.js';
import { PruneTimer } from './pruneTimer.js';
import type { PrunableIdempotencyStore } from './records.js';

/** The settings openRecordStores reads. */
export type RecordStoresConfig = Pick<
  Config,
  | 'STORAGE'
  | 'DATA_DIR'
  | 'AZURE_STORAGE_CONNECTION_STRING'
  | 'AZURE_STORAGE_CONTAINER'
  | 'IDEMPOTENCY_RETENTION_HOURS'
  | 'LEADER_LEASE_SECONDS'
>;

export interface RecordStoresDependencies {
  /** The bot's clock: request-record times and retention are measured on it. */
  clock: Clock;
  logger: Logger;
  /** Prune interval of the background timer. Default one hour. */
  pruneIntervalMs?: number;
  /** STORAGE=file: the app's own storage for bot state (LogStorage; one instance per folder). */
  fileState?: LocalStateStorage;
}

/**
 * Everything the bot keeps of its own, for one kind of storage. The app wires these in place of
 * the sandbox's idempotency store and audit log, DedupeMiddleware, KeyedMutex and the worker's
 * "always run" (leader).
 */
export interface RecordStores {
  kind: 'file' | 'blob';
  idempotency: PrunableIdempotencyStore;
  audit: AuditLog;
  dedupe: ActivityDedupe;
  /** Adapter middleware over `dedupe` (replaces DedupeMiddleware). */
  dedupeMiddleware: Middleware;
  conversationReferences: ConversationReferences;
  /** botbuilder Storage for ConversationState/UserState (FileStorage, or BlobsStorage). */
  state: Storage;
  /** Per-key critical sections shared by the instances (replaces KeyedMutex in the services). */
  criticalSections: CriticalSections;
  leases: Leases;
  /** The upgrade poller's watches (DATA_DIR/upgrade-watches, or blobs shared by the instances). */
  upgradeWatches: UpgradeWatchStore;
  /** A leader election among the instances, e.g. `leader('transition-worker')`; call start(). */
  leader(name: string, options?: LeaderLeaseOptions): LeaderLease;
  /** Prunes expired request records and dedupe markers now. */
  prune(): Promise<{ requests: number; activities: number }>;
  /** Starts background pruning (unref'd timers). */
  start(): void;
  /** Stops pruning and waits for pending appends and critical sections. */
  close(): Promise<void>;
}

/** Opens the records of STORAGE=file (under DATA_DIR) or STORAGE=blob (the Azure container). */
export async function openRecordStores(
  config: RecordStoresConfig,
  deps: RecordStoresDependencies,
): Promise<RecordStores> {
  const retentionHours = config.IDEMPOTENCY_RETENTION_HOURS;
  const leaseMs = config.LEADER_LEASE_SECONDS * 1000;
  let parts: Omit<
    RecordStores,
    'kind' | 'dedupeMiddleware' | 'criticalSections' | 'leader' | 'prune' | 'start' | 'close'
  >;
  let flush: () => Promise<void> = async () => undefined;
  if (config.STORAGE === 'blob') {
    if (!config.AZURE_STORAGE_CONNECTION_STRING)
      throw new Error('AZURE_STORAGE_CONNECTION_STRING is required when STORAGE=blob');
    const connection = config.AZURE_STORAGE_CONNECTION_STRING;
    const container = await openContainer(connection, config.AZURE_STORAGE_CONTAINER);
    // Bot state in its own container: BlobsStorage names blobs after the raw state keys.
    const stateContainer = `${config.AZURE_STORAGE_CONTAINER}-state`;
    await openContainer(connection, stateContainer);
    parts = {
      idempotency: new BlobIdempotencyStore(container, { clock: deps.clock, retentionHours }),
      audit: new BlobAuditLog(container),
      dedupe: new BlobActivityDedupe(container),
      conversationReferences: new BlobConversationReferences(container),
      state: new BlobsStorage(connection, stateContainer),
      leases: new BlobLeases(container, { durationSeconds: config.LEADER_LEASE_SECONDS }),
      upgradeWatches: new BlobUpgradeWatchStore(container),
    };
  } else {
    const root = join(config.DATA_DIR, 'records');
    const state = deps.fileState ?? new FileStorage(join(config.DATA_DIR, 'state'));
    const audit = new FileAuditLog(join(root, 'audit'));
    flush = async () => {
      await audit.flush();
      await state.flush();
    };
    parts = {
      idempotency: new FileIdempotencyStore(join(root, 'requests'), { clock: deps.clock, retentionHours }),
      audit,
      dedupe: new FileActivityDedupe(join(root, 'activities')),
      conversationReferences: new ConversationReferenceStore(state),
      state,
      leases: new FileLeases(join(root, 'leases'), { durationMs: leaseMs }),
      // Where the upgrade poller always kept them (a restart finds the watches of before).
      upgradeWatches: new FileUpgradeWatchStore(join(config.DATA_DIR, 'upgrade-watches')),
    };
  }
  const criticalSections = new LeaseLock(parts.leases, {
    onLost: (key) => deps.logger.warn({ key }, 'lock lease lost while held'),
  });
  const timers = [
    new PruneTimer('requests', () => parts.idempotency.prune(), deps.logger, deps.pruneIntervalMs),
    new PruneTimer('activities', () => parts.dedupe.prune(), deps.logger, deps.pruneIntervalMs),
  ];
  return {
    kind: config.STORAGE,
    ...parts,
    dedupeMiddleware: new SharedDedupeMiddleware(parts.dedupe, deps.logger),
    criticalSections,
    leader: (name, options) => new LeaderLease(parts.leases, name, { logger: deps.logger, ...options }),
    async prune() {
      const [requests, activities] = await Promise.all(timers.map((timer) => timer.run()));
      return { requests, activities };
    },
    start() {
      for (const timer of timers) timer.start();
    },
    async close() {
      await Promise.all(timers.map((timer) => timer.stop()));
      await criticalSections.idle();
      await flush();
    },
  };
}
