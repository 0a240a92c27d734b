import { createHash, randomUUID } from 'node:crypto';
import { close, fsync, open, readFile as readFileCallback, writeFile } from 'node:fs';
import { mkdir, readdir, rename, stat, unlink } from 'node:fs/promises';
import { promisify } from 'node:util';
import { basename, join } from 'node:path';
import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import { KeyedMutex } from '../domain/services/keyedMutex.js';
import { RelaxedKeys } from './relaxedKeys.js';
import { FolderSyncs } from './folderSyncs.js';
import { ShardListings } from './shardListings.js';
import { dropOldest } from '../domain/boundedMap.js';

/** The file-system calls FileStorage makes (each one is a trip to the libuv thread pool). */
export type FileOp =
  | 'readFile'
  | 'readdir'
  | 'open'
  | 'write'
  | 'fsync'
  | 'close'
  | 'rename'
  | 'unlink'
  | 'mkdir'
  /** Not a call: a rename has completed (tests check what happens after it). */
  | 'renamed';

export interface FileStorageOptions {
  /**
   * fsync each file (and its folder) before a write resolves, so state survives a power cut, not
   * only a killed process. Default true; tests and bulk seeding may turn it off for speed.
   * A function decides per key: data the next turn rebuilds anyway (a conversation reference) need
   * not cost two fsyncs; a killed process still leaves the old or the new file, never a torn one.
   */
  durable?: boolean | ((key: string) => boolean);
  /**
   * How many keys' file text is kept in memory (least recently used out; 0: none), so a turn
   * reads its state without a file round trip. The folder belongs to this process (see below), so
   * the copy cannot go stale. Default 10,000; files over 64 KB are not kept.
   */
  cachedKeys?: number;
  /** fsync of an open file or folder (tests count them); default `fs.fsync`. */
  fsync?: (fd: number) => Promise<void>;
  /**
   * No other process creates or removes files in this folder (the bot's own state folder, see
   * src/app.ts). Then each shard folder is listed once, the first time it is touched, and a read
   * of a key without a file answers "none" from that listing instead of a failed open. Default
   * false: every key not in memory is looked up on disk, as a second instance over the folder needs.
   */
  ownsFolder?: boolean;
  /**
   * Write-behind for non-durable writes (see `durable` and `withoutSync`): the write updates memory
   * and resolves at once; the file is written `writeBehindMs` later, off the turn's path, several
   * writes of a key meanwhile becoming one. Reads see the pending value; a durable write or a delete
   * of the key supersedes it; `flush()` writes everything pending. A killed process may lose what
   * is pending (old file or none, never a torn one). Default false.
   */
  writeBehind?: boolean;
  /** How long a non-durable write waits before its file is written (writeBehind). Default 25 ms. */
  writeBehindMs?: number;
  /**
   * A pending write failed twice (once retried); the key's value goes back to what is on disk.
   * Default: the error is dropped; the composition root passes its logger.
   */
  onWriteBehindError?: (key: string, error: unknown) => void;
  /** Called before each file-system call, and after a rename (tests and benchmarks count them). */
  observe?: (op: FileOp, path: string) => void;
}

const MAX_CACHED_CHARS = 64 * 1024;

/** What one file holds: the original key (file names are hashed) and the item with its eTag. */
interface StoredFile {
  key: string;
  item: StoreItem;
}

/**
 * botbuilder `Storage` for ConversationState/UserState backed by one JSON file per key.
 *
 * - eTags behave exactly like MemoryStorage: a write without eTag, with `*` or with the stored
 *   eTag succeeds and gets a new eTag; any other eTag is rejected with an eTag-conflict error.
 * - A turn writes only its own files, so its cost does not grow with the number of conversations.
 *   Files are spread over 256 sub-folders by hash so no folder gets huge.
 * - Writes go to a temp file in the target's folder, are fsynced and renamed over the target, so a
 *   killed process leaves either the old or the new file, never a torn one. Temp files a crash left
 *   behind are never read (they have another name) and can be removed with `removeTempFiles()`.
 * - Writes and deletes of one key are serialized inside this process, which makes the eTag
 *   check-and-write atomic. Several processes must not share one folder (use BlobsStorage there).
 * - Durable writes into one shard folder at the same time share folder fsyncs (FolderSyncs); a
 *   write resolves only after an fsync of its folder that started after its rename.
 */
export class FileStorage implements Storage {
  private readonly locks = new KeyedMutex();
  private readonly createdFolders = new Set<string>();
  private readonly durable: (key: string) => boolean;
  /** File text by key (null: no file), updated under the key's lock; see `cachedKeys`. */
  private readonly cache = new Map<string, string | null>();
  private readonly cachedKeys: number;
  private readonly fsync: (fd: number) => Promise<void>;
  /** Keys whose writes skip fsync while a `withoutSync` for them runs (how many run). */
  private readonly relaxedKeys = new RelaxedKeys();
  /** Shard folders' file names (ownsFolder), so a read of a key without a file opens nothing. */
  private readonly listings: ShardListings | undefined;
  private readonly folderSyncs: FolderSyncs;
  private readonly writeBehind: boolean;
  private readonly writeBehindMs: number;
  private readonly onWriteBehindError: ((key: string, error: unknown) => void) | undefined;
  private readonly observe: (op: FileOp, path: string) => void;
  /** File text of non-durable writes not yet on disk (writeBehind), by key; reads see it first. */
  private readonly pending = new Map<string, string>();
  /** Timers of the pending writes not yet started. */
  private readonly scheduled = new Map<string, NodeJS.Timeout>();
  /** Keys whose last pending write failed once (the next failure gives up). */
  private readonly failedOnce = new Set<string>();

  constructor(
    private readonly directory: string,
    options: FileStorageOptions = {},
  ) {
    const durable = options.durable ?? true;
    this.durable = typeof durable === 'function' ? durable : () => durable;
    this.cachedKeys = options.cachedKeys ?? 10_000;
    this.fsync = options.fsync ?? fsyncFd;
    this.observe = options.observe ?? (() => undefined);
    this.listings = options.ownsFolder ? new ShardListings((folder) => this.listFolder(folder)) : undefined;
    this.folderSyncs = new FolderSyncs((folder) => this.syncFolder(folder));
    this.writeBehind = options.writeBehind ?? false;
    this.writeBehindMs = options.writeBehindMs ?? 25;
    this.onWriteBehindError = options.onWriteBehindError;
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    const items: StoreItems = {};
    await Promise.all(
      keys.map(async (key) => {
        const stored = await this.readCached(key);
        if (stored) items[key] = stored.item;
      }),
    );
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    // Like MemoryStorage, non-conflicting keys are written even when another key conflicts.
    const results = await Promise.allSettled(
      Object.entries(changes).map(([key, item]) =>
        this.locks.runExclusive(key, () =>
          this.writeOne(key, item as StoreItem, this.durable(key) && !this.relaxedKeys.has(key)),
        ),
      ),
    );
    const failure = results.find((result) => result.status === 'rejected');
    if (failure) throw (failure as PromiseRejectedResult).reason;
  }

  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new ReferenceError('Keys are required when deleting.');
    await Promise.all(
      keys.map((key) =>
        this.locks.runExclusive(key, async () => {
          const path = this.pathOf(key);
          this.observe('unlink', path);
          await unlink(path).catch(ignoreMissing);
          this.pending.delete(key);
          this.recordFile(path, false);
          this.remember(key, null);
        }),
      ),
    );
  }

  /**
   * Runs `run`; writes of these keys started meanwhile are not fsynced (still atomic: a killed
   * process leaves the old or the new file). For a turn's last save after its state was already
   * saved durably before a card went out (saveStateBeforeCards.ts): what it adds, e.g. the ids of
   * the cards just sent, is bookkeeping a power cut may lose, and one fsync'd write per turn is
   * enough. (Keys, not an AsyncLocalStorage scope: that would put promise hooks on every turn.)
   */
  withoutSync<T>(keys: readonly string[], run: () => Promise<T>): Promise<T> {
    return this.relaxedKeys.during(keys, run);
  }

  /**
   * Resolves once every write and delete started so far is on disk, pending non-durable writes
   * included (for graceful shutdown). A pending write that fails twice is reported to
   * `onWriteBehindError`, not thrown here.
   */
  async flush(): Promise<void> {
    for (;;) {
      for (const [key, timer] of this.scheduled) {
        clearTimeout(timer);
        void this.writePending(key);
      }
      await this.locks.idle();
      if (this.scheduled.size === 0 && this.pending.size === 0) return;
      if (this.scheduled.size === 0) {
        // Pending without a timer cannot happen; never spin if it did.
        for (const key of this.pending.keys()) this.schedule(key);
      }
    }
  }

  /** Deletes temp files that a killed process left behind. Safe only while no write is running. */
  async removeTempFiles(): Promise<number> {
    let removed = 0;
    const shards = await readdir(this.directory).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [] as string[];
      throw error;
    });
    for (const shard of shards) {
      const folder = join(this.directory, shard);
      const files = await readdir(folder).catch(() => [] as string[]);
      for (const file of files.filter(isTempFile)) {
        await unlink(join(folder, file)).catch(ignoreMissing);
        removed++;
      }
    }
    return removed;
  }

  /**
   * Deletes the files last written before `before` whose key `expires` accepts, at most `limit`
   * of them (the sweep of idle conversation state, stateRetention.ts). Only files that look old are
   * read; each delete re-checks the age under the key's lock, so a turn writing the key keeps it.
   */
  async expireIdle(before: Date, expires: (key: string) => boolean, limit: number): Promise<number> {
    let removed = 0;
    const shards = await readdir(this.directory).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [] as string[];
      throw error;
    });
    for (const shard of shards) {
      const folder = join(this.directory, shard);
      const files = await readdir(folder).catch(() => [] as string[]);
      for (const file of files) {
        if (removed >= limit) return removed;
        if (isTempFile(file) || !file.endsWith('.json')) continue;
        const path = join(folder, file);
        if (!(await lastWrittenBefore(path, before))) continue;
        this.observe('readFile', path);
        const key = await readFile(path, 'utf8')
          .then((text) => (JSON.parse(text) as StoredFile).key)
          .catch(() => undefined);
        if (typeof key !== 'string' || !expires(key) || this.pathOf(key) !== path) continue;
        const deleted = await this.locks.runExclusive(key, async () => {
          // A write waiting to be written (writeBehind) is newer than the file.
          if (this.pending.has(key) || !(await lastWrittenBefore(path, before))) return false;
          this.observe('unlink', path);
          await unlink(path).catch(ignoreMissing);
          this.recordFile(path, false);
          this.cache.delete(key);
          return true;
        });
        if (deleted) removed++;
      }
    }
    return removed;
  }

  private async writeOne(key: string, item: StoreItem, durable: boolean): Promise<void> {
    if (item.eTag && item.eTag !== '*') {
      // From disk, not memory: another process sharing the folder may have written since. (A
      // pending write of this process is newer than the file; readFile answers with it.)
      this.cache.delete(key);
      // Not the shard listing either: a file another process created is not in it.
      const current = await this.readFile(key, { listing: false });
      if (current && current.item.eTag !== item.eTag) {
        throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
      }
    }
    const stored: StoredFile = { key, item: { ...item, eTag: randomUUID() } };
    const text = JSON.stringify(stored);
    if (!durable && this.writeBehind) {
      this.pending.set(key, text);
      this.remember(key, text);
      this.schedule(key);
      return;
    }
    try {
      await this.writeAtomically(this.pathOf(key), text, durable);
    } catch (error) {
      // Old or new file: read it again next time (a pending older write stays pending).
      this.cache.delete(key);
      throw error;
    }
    // Written: whatever was pending for the key is older, superseded.
    this.pending.delete(key);
    this.failedOnce.delete(key);
    this.remember(key, text);
  }

  private schedule(key: string): void {
    if (this.scheduled.has(key)) return;
    // Not unref'd: a process ending on its own still writes what is pending first.
    this.scheduled.set(
      key,
      setTimeout(() => void this.writePending(key), this.writeBehindMs),
    );
  }

  /** Writes the key's pending text (under the key's lock: after any write queued before it). */
  private writePending(key: string): Promise<void> {
    this.scheduled.delete(key);
    return this.locks.runExclusive(key, async () => {
      const text = this.pending.get(key);
      if (text === undefined) return; // superseded by a durable write or a delete
      try {
        await this.writeAtomically(this.pathOf(key), text, false);
        this.pending.delete(key);
        this.failedOnce.delete(key);
      } catch (error) {
        if (!this.failedOnce.has(key)) {
          this.failedOnce.add(key);
          this.schedule(key);
          return;
        }
        // Given up: the key reads what is on disk again.
        this.failedOnce.delete(key);
        this.pending.delete(key);
        this.cache.delete(key);
        try {
          this.onWriteBehindError?.(key, error);
        } catch {
          // A failing logger must not turn into an unhandled rejection.
        }
      }
    });
  }

  /**
   * The stored file of a key: from memory when known, else read from disk under the key's lock (so
   * a write finishing meanwhile cannot be overwritten in memory by the older text).
   */
  private async readCached(key: string): Promise<StoredFile | undefined> {
    const pending = this.pending.get(key);
    if (pending !== undefined) return this.parse(key, pending);
    const known = this.cache.get(key);
    if (known !== undefined) {
      this.remember(key, known);
      return known === null ? undefined : this.parse(key, known);
    }
    if (this.cachedKeys === 0) return this.readFile(key);
    return this.locks.runExclusive(key, () => this.readFile(key));
  }

  private remember(key: string, text: string | null): void {
    this.cache.delete(key);
    if (this.cachedKeys === 0 || (text !== null && text.length > MAX_CACHED_CHARS)) return;
    this.cache.set(key, text);
    // Map keeps insertion order: the first entry is the least recently used.
    dropOldest(this.cache, this.cachedKeys);
  }

  /** Reads the key's file from disk (callers hold the key's lock when they cache what they read). */
  private async readFile(key: string, { listing = true } = {}): Promise<StoredFile | undefined> {
    const pending = this.pending.get(key);
    if (pending !== undefined) return this.parse(key, pending);
    const known = this.cache.get(key);
    if (known !== undefined) return known === null ? undefined : this.parse(key, known);
    const path = this.pathOf(key);
    // The folder's listing knows a key without a file: no open that fails.
    if (listing && this.listings && !(await this.listings.has(join(path, '..'), basename(path)))) {
      return undefined;
    }
    let text: string;
    try {
      this.observe('readFile', path);
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        this.recordFile(path, false);
        this.remember(key, null);
        return undefined;
      }
      throw error;
    }
    const stored = this.parse(key, text);
    this.recordFile(path, true);
    this.remember(key, text);
    return stored;
  }

  private parse(key: string, text: string): StoredFile {
    const stored = JSON.parse(text) as StoredFile;
    // A SHA-256 collision is not a practical concern, but a file copied by hand could be wrong.
    if (stored.key !== key) {
      throw new Error(`Storage: file ${this.pathOf(key)} holds key "${stored.key}", not "${key}"`);
    }
    return stored;
  }

  private async writeAtomically(path: string, content: string, durable: boolean): Promise<void> {
    const folder = join(path, '..');
    await this.ensureFolder(folder);
    const temp = `${path}.${process.pid}.${randomUUID()}${TEMP_SUFFIX}`;
    this.observe('open', temp);
    const fd = await openFd(temp, 'w');
    try {
      this.observe('write', temp);
      await writeFd(fd, content, 'utf8');
      if (durable) {
        this.observe('fsync', temp);
        await this.fsync(fd);
      }
    } catch (error) {
      this.observe('close', temp);
      await closeFd(fd);
      this.observe('unlink', temp);
      await unlink(temp).catch(ignoreMissing);
      throw error;
    }
    this.observe('close', temp);
    await closeFd(fd);
    this.observe('rename', path);
    await rename(temp, path);
    this.observe('renamed', path);
    this.recordFile(path, true);
    if (durable) await this.folderSyncs.sync(folder);
  }

  /** Keeps the shard listing (ownsFolder) in step with a file this process created or removed. */
  private recordFile(path: string, present: boolean): void {
    this.listings?.record(join(path, '..'), basename(path), present);
  }

  private async listFolder(folder: string): Promise<string[]> {
    this.observe('readdir', folder);
    const files = await readdir(folder).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [] as string[];
      throw error;
    });
    return files.filter((file) => file.endsWith('.json'));
  }

  /** Makes renames into the folder durable. Not possible on every platform (Windows): best effort. */
  private async syncFolder(folder: string): Promise<void> {
    try {
      this.observe('open', folder);
      const fd = await openFd(folder, 'r');
      try {
        this.observe('fsync', folder);
        await this.fsync(fd);
      } finally {
        this.observe('close', folder);
        await closeFd(fd);
      }
    } catch {
      // Opening a directory for fsync is not supported everywhere; the rename is still atomic.
    }
  }

  private async ensureFolder(folder: string): Promise<void> {
    if (this.createdFolders.has(folder)) return;
    this.observe('mkdir', folder);
    await mkdir(folder, { recursive: true });
    this.createdFolders.add(folder);
  }

  /** `<dir>/<2 hex>/<readable prefix>-<sha256>.json`: safe on every file system, any key length. */
  private pathOf(key: string): string {
    const hash = createHash('sha256').update(key, 'utf8').digest('hex');
    const readable = key.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 40);
    return join(this.directory, hash.slice(0, 2), `${readable}-${hash}.json`);
  }
}

const TEMP_SUFFIX = '.tmp';

/**
 * The callback `fs.readFile`, promisified: one open/fstat/read/close round in the thread pool, where
 * `fs/promises` readFile takes several (a turn reads its state files on every message).
 */
const readFile = promisify(readFileCallback);
// The same for the write path: plain descriptors, no FileHandle objects to create and collect.
const openFd = promisify(open);
const writeFd = promisify(writeFile);
const fsyncFd = promisify(fsync);
const closeFd = promisify(close);

function isTempFile(name: string): boolean {
  return name.endsWith(TEMP_SUFFIX);
}

async function lastWrittenBefore(path: string, before: Date): Promise<boolean> {
  const info = await stat(path).catch(() => undefined);
  return info !== undefined && info.mtimeMs < before.getTime();
}

function ignoreMissing(error: NodeJS.ErrnoException): void {
  if (error.code !== 'ENOENT') throw error;
}
