import { readdir, rmdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock } from '../domain/clock.js';
import {
  decideReservation,
  heldBy,
  LeaseLostError,
  type IdempotencyRecord,
  type Lease,
  type Reservation,
} from '../domain/idempotency/idempotencyStore.js';
import { createExclusive, ensureFolder, ignoreMissing, isMissing, readFile } from './fileAtomic.js';
import {
  DEFAULT_IDEMPOTENCY_RETENTION_HOURS,
  expiredBefore,
  safeName,
  shardOf,
  type PrunableIdempotencyStore,
  type StoredRequest,
} from './records.js';

export interface FileIdempotencyStoreOptions {
  clock: Clock;
  /** Finished records older than this are pruned (IDEMPOTENCY_RETENTION_HOURS). Default 168. */
  retentionHours?: number;
  /** fsync before a change resolves (default true; the benchmark's "no fsync" figure turns it off). */
  durable?: boolean;
}

const VERSION = /^(\d{9})\.json$/;
const HOUR_MS = 60 * 60 * 1000;

/**
 * Request records on files with a flat write cost: one small folder per request key, holding
 * numbered versions of its record (`000000001.json`, `000000002.json` …).
 *
 * - Every change is "create version n+1 if it does not exist" (temp file + hard link, which fails
 *   with EEXIST for the loser): a compare-and-set that is atomic across concurrent callers in one
 *   process AND across processes on one machine, without lock files that a killed process could
 *   leave behind. A change is fsynced (file and folder) before it resolves.
 * - The winner removes the version it replaced, so a folder holds one file (two for a moment).
 * - A write touches only its key's folder: its cost does not depend on how many records exist.
 * - `release` writes a tombstone version (the key is free again; a later reserve writes n+2).
 * - `prune()` deletes the folders of records finished longer than the retention ago (and
 *   tombstones, and in-flight records abandoned that long ago). A prune racing a write of the same
 *   key can only remove an expired record; the writer then sees its base gone and re-reads.
 */
export class FileIdempotencyStore implements PrunableIdempotencyStore {
  private readonly durable: boolean;
  private readonly retentionMs: number;

  constructor(
    private readonly directory: string,
    private readonly options: FileIdempotencyStoreOptions,
  ) {
    this.durable = options.durable ?? true;
    this.retentionMs = (options.retentionHours ?? DEFAULT_IDEMPOTENCY_RETENTION_HOURS) * HOUR_MS;
  }

  async reserve(key: string, fingerprint: string, lease: Lease): Promise<Reservation> {
    for (;;) {
      const current = await this.latest(key);
      const decision = decideReservation(recordOf(current?.stored), key, fingerprint, lease);
      if (!decision.store) return decision.reservation;
      if (await this.write(key, (current?.version ?? 0) + 1, { key, record: decision.store }))
        return decision.reservation;
    }
  }

  async succeed(key: string, owner: string, outcome: unknown, at: string): Promise<void> {
    for (;;) {
      const current = await this.latest(key);
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
      if (await this.write(key, current.version + 1, { key, record: next })) return;
    }
  }

  async release(key: string, owner: string): Promise<void> {
    for (;;) {
      const current = await this.latest(key);
      if (!current || !heldBy(recordOf(current.stored), owner)) return;
      const tombstone: StoredRequest = { key, released: true, at: this.options.clock.now().toISOString() };
      if (await this.write(key, current.version + 1, tombstone)) return;
    }
  }

  async markCrashed(key: string, owner: string, at: string): Promise<void> {
    for (;;) {
      const current = await this.latest(key);
      const record = recordOf(current?.stored);
      if (!current || !heldBy(record, owner)) return;
      const next: IdempotencyRecord = {
        key,
        fingerprint: record.fingerprint,
        state: 'crashed',
        startedAt: record.startedAt,
        completedAt: at,
      };
      if (await this.write(key, current.version + 1, { key, record: next })) return;
    }
  }

  async get(key: string): Promise<IdempotencyRecord | undefined> {
    return recordOf((await this.latest(key))?.stored);
  }

  /** Deletes records expired at the clock's now minus the retention; returns how many. */
  async prune(): Promise<number> {
    const before = this.options.clock.now().getTime() - this.retentionMs;
    let removed = 0;
    for (const shard of await listOrEmpty(this.directory)) {
      const names = await listOrEmpty(join(this.directory, shard));
      for (let i = 0; i < names.length; i += 32) {
        const results = await Promise.all(
          names.slice(i, i + 32).map((name) => this.pruneFolder(join(this.directory, shard, name), before)),
        );
        removed += results.filter(Boolean).length;
      }
    }
    return removed;
  }

  private async pruneFolder(folder: string, before: number): Promise<boolean> {
    const files = await listOrEmpty(folder);
    const newest = newestVersion(files);
    if (newest === undefined) return false;
    const stored = await readStored(join(folder, fileName(newest)));
    if (!stored || !expiredBefore(stored, before)) return false;
    for (const file of files) await unlink(join(folder, file)).catch(ignoreMissing);
    // Not empty: a writer just added a version (it is the newest now); leave the folder to it.
    await rmdir(folder).catch(() => undefined);
    return true;
  }

  private folderOf(key: string): string {
    const name = safeName(key);
    return join(this.directory, shardOf(name), name);
  }

  /** The newest version of the key's record, if any. */
  private async latest(key: string): Promise<{ version: number; stored: StoredRequest } | undefined> {
    const folder = this.folderOf(key);
    for (;;) {
      const version = newestVersion(await listOrEmpty(folder));
      if (version === undefined) return undefined;
      const stored = await readStored(join(folder, fileName(version)));
      // Replaced (and removed) between the listing and the read: list again.
      if (!stored) continue;
      if (stored.key !== key)
        throw new Error(`idempotency folder ${folder} holds "${stored.key}", not "${key}"`);
      return { version, stored };
    }
  }

  /** Creates version `version` unless another writer did; removes the version it replaces. */
  private async write(key: string, version: number, stored: StoredRequest): Promise<boolean> {
    const folder = this.folderOf(key);
    const path = join(folder, fileName(version));
    const content = JSON.stringify(stored);
    let created: boolean;
    try {
      created = await createExclusive(path, content, this.durable);
    } catch (error) {
      if (!isMissing(error)) throw error;
      // No folder: a new key, or a record pruned under us (then our base is gone: re-read).
      if (version !== 1) return false;
      await ensureFolder(folder);
      created = await createExclusive(path, content, this.durable);
    }
    if (created && version > 1) await unlink(join(folder, fileName(version - 1))).catch(ignoreMissing);
    return created;
  }
}

function recordOf(stored: StoredRequest | undefined): IdempotencyRecord | undefined {
  return stored && 'record' in stored ? stored.record : undefined;
}

function fileName(version: number): string {
  return `${String(version).padStart(9, '0')}.json`;
}

function newestVersion(files: string[]): number | undefined {
  let newest: number | undefined;
  for (const file of files) {
    const match = VERSION.exec(file);
    if (match) newest = Math.max(newest ?? 0, Number(match[1]));
  }
  return newest;
}

async function readStored(path: string): Promise<StoredRequest | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as StoredRequest;
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

async function listOrEmpty(folder: string): Promise<string[]> {
  try {
    return await readdir(folder);
  } catch (error) {
    if (isMissing(error) || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return [];
    throw error;
  }
}
