import { randomUUID } from 'node:crypto';
import { close, fdatasync, ftruncate, open, read, write } from 'node:fs';
import { mkdir, readdir, readFile, rmdir, stat, truncate, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import { dropOldest } from '../domain/boundedMap.js';
import { KeyedMutex } from '../domain/services/keyedMutex.js';
import { RelaxedKeys } from './relaxedKeys.js';
import { encodeRecord, LogCorruptError, scanRecords, type LogRecord } from './logRecords.js';

export interface LogStorageOptions {
  /**
   * A durable write resolves only once its record is on disk (fdatasync), so it survives a power
   * cut; a non-durable one once it is in the file (it survives a killed process). Default true; a
   * function decides per key (a conversation reference need not wait for the disk).
   */
  durable?: boolean | ((key: string) => boolean);
  /** How many keys' text is kept in memory (least recently used out). Default 10,000. */
  cachedKeys?: number;
  /** A segment is closed and a new one started past this size. Default 64 MB. */
  segmentBytes?: number;
  /**
   * Compaction copies the live records of the oldest closed segment forward and deletes it, once
   * closed segments hold at least `compactMinBytes` and less than `compactLiveRatio` of what they
   * hold is still live. Defaults 32 MB and 0.5.
   */
  compactMinBytes?: number;
  compactLiveRatio?: number;
  /** fdatasync of the active segment (tests count them); default `fs.fdatasync`. */
  fdatasync?: (fd: number) => Promise<void>;
  /** Wall-clock time of a write (idle expiry compares it with a wall-clock cut-off). */
  now?: () => number;
  /** A background compaction failed (it is tried again after the next write); default: dropped. */
  onBackgroundError?: (error: unknown) => void;
}

/** Where a key's current value lies. */
interface Located {
  segment: number;
  offset: number;
  length: number;
  /** The whole record's size (counted as live in its segment). */
  size: number;
  writtenAt: number;
}

interface Segment {
  fd: number;
  /** Bytes written (the next record's offset). */
  size: number;
  /** Bytes of records that are still the current value of their key. */
  live: number;
}

/** One record waiting for the next append, and who waits for it. */
interface Queued {
  bytes: Buffer;
  durable: boolean;
  /** Where the record landed, set when its batch is cut. */
  at?: { segment: number; offset: number };
  done: (error?: unknown) => void;
}

const SEGMENT_SUFFIX = '.log';
const MAX_CACHED_CHARS = 64 * 1024;
const EXPIRY_BATCH = 50;

/**
 * botbuilder `Storage` as an append-only log (the Bitcask design): every write and delete is one
 * record appended to the active segment file of `<directory>/log/`, and memory keeps where each
 * key's current value lies. Why not a file per key: on this kind of VM creating, renaming and
 * syncing a file costs 0.2–0.5 ms of kernel time, and a dialog turn wrote three; here the records
 * of all turns running at once go out in one write, and one fdatasync serves every durable write
 * among them (group commit).
 *
 * - eTags behave like MemoryStorage: no eTag, `*` or the stored eTag succeed; any other eTag is
 *   rejected with an eTag-conflict error. Writes and deletes of one key are serialized.
 * - A killed process leaves complete records and at most a torn last one, which the next start
 *   cuts off (its writer had not been answered). Damage before the last record is a start-up
 *   error naming the segment: the data is not guessed at.
 * - Closed segments are compacted in the background (oldest first, so a delete record can be
 *   dropped once no older segment can hold the value it deleted).
 * - One process per folder (the bot's own state folder; several instances use BlobsStorage).
 * - State a FileStorage left in the folder (one JSON file per key) is taken over at `open()`.
 */
export class LogStorage implements Storage {
  private readonly locks = new KeyedMutex();
  private readonly located = new Map<string, Located>();
  /** Text by key, least recently used out; written values only (see `cachedKeys`). */
  private readonly cache = new Map<string, string>();
  private readonly segments = new Map<number, Segment>();
  private readonly durable: (key: string) => boolean;
  private readonly cachedKeys: number;
  private readonly segmentBytes: number;
  private readonly compactMinBytes: number;
  private readonly compactLiveRatio: number;
  private readonly sync: (fd: number) => Promise<void>;
  private readonly now: () => number;
  private readonly onBackgroundError: (error: unknown) => void;
  /** Keys whose writes do not wait for the disk while a `withoutSync` for them runs (how many run). */
  private readonly relaxedKeys = new RelaxedKeys();
  private queue: Queued[] = [];
  /** Appends run one after another: each batch's offsets follow the previous batch's bytes. */
  private appends: Promise<void> = Promise.resolve();
  private appendScheduled = false;
  private active = 0;
  private compacting: Promise<void> | undefined;
  private opened = false;
  /** Set when a failed append could not be undone: later writes are refused, not risked. */
  private broken: Error | undefined;
  /** Records were appended since the last disk sync (non-durable ones). */
  private unsynced = false;

  constructor(
    private readonly directory: string,
    options: LogStorageOptions = {},
  ) {
    const durable = options.durable ?? true;
    this.durable = typeof durable === 'function' ? durable : () => durable;
    this.cachedKeys = options.cachedKeys ?? 10_000;
    this.segmentBytes = options.segmentBytes ?? 64 * 1024 * 1024;
    this.compactMinBytes = options.compactMinBytes ?? 32 * 1024 * 1024;
    this.compactLiveRatio = options.compactLiveRatio ?? 0.5;
    this.sync = options.fdatasync ?? fdatasyncFd;
    this.now = options.now ?? Date.now;
    this.onBackgroundError = options.onBackgroundError ?? (() => undefined);
  }

  private get logDirectory(): string {
    return join(this.directory, 'log');
  }

  /**
   * Reads the segments (cutting off a torn last record), takes over a FileStorage's files, and
   * opens the segment new records go to. Must run before the first read or write.
   */
  async open(): Promise<void> {
    if (this.opened) return;
    await mkdir(this.logDirectory, { recursive: true });
    await this.claimFolder();
    const numbers = (await readdir(this.logDirectory))
      .filter((name) => /^\d+\.log$/.test(name))
      .map((name) => Number(name.slice(0, -SEGMENT_SUFFIX.length)))
      .sort((a, b) => a - b);
    for (const [index, number] of numbers.entries()) {
      await this.load(number, index === numbers.length - 1);
    }
    this.active = numbers.at(-1) ?? 0;
    if (!this.segments.has(this.active)) await this.startSegment(this.active);
    this.opened = true;
    await this.takeOverFiles();
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    this.assertOpen();
    const items: StoreItems = {};
    await Promise.all(
      keys.map(async (key) => {
        const text = await this.textOf(key);
        if (text !== undefined) items[key] = JSON.parse(text) as StoreItem;
      }),
    );
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    this.assertOpen();
    // Like MemoryStorage, non-conflicting keys are written even when another key conflicts.
    const results = await Promise.allSettled(
      Object.entries(changes).map(([key, item]) =>
        this.locks.runExclusive(key, () => this.writeOne(key, item as StoreItem)),
      ),
    );
    const failure = results.find((result) => result.status === 'rejected');
    if (failure) throw (failure as PromiseRejectedResult).reason;
  }

  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new ReferenceError('Keys are required when deleting.');
    this.assertOpen();
    await Promise.all(keys.map((key) => this.locks.runExclusive(key, () => this.deleteOne(key))));
  }

  /**
   * Runs `run`; writes of these keys started meanwhile do not wait for the disk (they still survive
   * a killed process). For a turn's last save after its state was saved durably before a card.
   */
  withoutSync<T>(keys: readonly string[], run: () => Promise<T>): Promise<T> {
    return this.relaxedKeys.during(keys, run);
  }

  /** Resolves once everything written so far is on disk (graceful shutdown). */
  async flush(): Promise<void> {
    if (!this.opened) return;
    await this.locks.idle();
    await this.compacting?.catch(() => undefined);
    await this.append({ durable: true });
  }

  /** Flushes and closes the segment files; the storage cannot be used afterwards. */
  async close(): Promise<void> {
    if (!this.opened) return;
    await this.flush();
    this.opened = false;
    for (const segment of this.segments.values()) await closeFd(segment.fd);
    this.segments.clear();
    await unlink(this.lockPath).catch(() => undefined);
  }

  private get lockPath(): string {
    return join(this.logDirectory, 'LOCK');
  }

  /**
   * Two processes appending to one log would interleave their offsets: the folder's LOCK file names
   * the process using it. A LOCK left by a process that is gone is taken over.
   */
  private async claimFolder(): Promise<void> {
    for (;;) {
      try {
        await writeFile(this.lockPath, String(process.pid), { flag: 'wx' });
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = Number((await readFile(this.lockPath, 'utf8').catch(() => '')).trim());
      if (holder === process.pid) return; // this process, opened again (a restart inside one process)
      if (Number.isInteger(holder) && holder > 0 && isRunning(holder)) {
        throw new Error(
          `Storage: ${this.directory} is in use by process ${holder}. Run one bot process per DATA_DIR ` +
            '(several instances: STORAGE=blob).',
        );
      }
      await unlink(this.lockPath).catch(() => undefined);
    }
  }

  /** Nothing to clean: a torn record is cut off at `open()` (kept for FileStorage's callers). */
  async removeTempFiles(): Promise<number> {
    return 0;
  }

  /**
   * Deletes the keys last written before `before` that `expires` accepts, at most `limit` of them
   * (the sweep of idle conversation state, stateRetention.ts). Each delete re-checks the time
   * under the key's lock, so a turn writing the key keeps it.
   */
  async expireIdle(before: Date, expires: (key: string) => boolean, limit: number): Promise<number> {
    this.assertOpen();
    const cutOff = before.getTime();
    const candidates = [...this.located]
      .filter(([key, where]) => where.writtenAt < cutOff && expires(key))
      .slice(0, limit)
      .map(([key]) => key);
    let removed = 0;
    // A few dozen at a time: their delete records share appends and disk syncs.
    for (let start = 0; start < candidates.length; start += EXPIRY_BATCH) {
      const deleted = await Promise.all(
        candidates.slice(start, start + EXPIRY_BATCH).map((key) =>
          this.locks.runExclusive(key, async () => {
            const where = this.located.get(key);
            if (!where || where.writtenAt >= cutOff) return false;
            await this.deleteOne(key);
            return true;
          }),
        ),
      );
      removed += deleted.filter(Boolean).length;
    }
    // The expired values' space comes back when their segments are compacted.
    if (removed > 0) this.maybeCompact();
    return removed;
  }

  private async writeOne(key: string, item: StoreItem): Promise<void> {
    if (item.eTag && item.eTag !== '*') {
      const current = await this.heldText(key);
      if (current !== undefined && (JSON.parse(current) as StoreItem).eTag !== item.eTag) {
        throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
      }
    }
    const text = JSON.stringify({ ...item, eTag: randomUUID() });
    const durable = this.durable(key) && !this.relaxedKeys.has(key);
    await this.appendRecord({ kind: 'put', key, value: text, writtenAt: this.now() }, durable);
    this.remember(key, text);
  }

  private async deleteOne(key: string): Promise<void> {
    if (!this.located.has(key)) return;
    await this.appendRecord({ kind: 'delete', key, value: '', writtenAt: this.now() }, this.durable(key));
    this.cache.delete(key);
  }

  /** Appends one record and points the key at it (or forgets the key, for a delete). */
  private async appendRecord(record: LogRecord, durable: boolean): Promise<void> {
    const { bytes, valueStart, valueLength } = encodeRecord(record);
    const at = await this.enqueue(bytes, durable);
    const previous = this.located.get(record.key);
    if (previous) this.segments.get(previous.segment)!.live -= previous.size;
    if (record.kind === 'delete') {
      this.located.delete(record.key);
      return;
    }
    this.segments.get(at.segment)!.live += bytes.length;
    this.located.set(record.key, {
      segment: at.segment,
      offset: at.offset + valueStart,
      length: valueLength,
      size: bytes.length,
      writtenAt: record.writtenAt,
    });
  }

  /** Resolves with where the record landed, once it is written (and synced, when durable). */
  private enqueue(bytes: Buffer, durable: boolean): Promise<{ segment: number; offset: number }> {
    return new Promise((resolve, reject) => {
      const entry: Queued = { bytes, durable, done: (error) => (error ? reject(error) : resolve(entry.at!)) };
      this.queue.push(entry);
      this.scheduleAppend();
    });
  }

  private scheduleAppend(): void {
    if (this.appendScheduled) return;
    this.appendScheduled = true;
    // Writers of the same moment (other turns' saves) join the batch: it is cut a tick later, or
    // when the append running now is done.
    setImmediate(() => {
      this.appendScheduled = false;
      this.append({ durable: false }).catch(() => undefined); // each writer got the error
    });
  }

  /**
   * Writes every queued record in one `write`, then one fdatasync when any of them (or `durable`)
   * asks for it; after the appends before it. A full segment is then closed and compaction may start.
   */
  private append({ durable }: { durable: boolean }): Promise<void> {
    const run = this.appends.then(() => this.appendNow(durable));
    this.appends = run.catch(() => undefined);
    return run;
  }

  private async appendNow(durable: boolean): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    const number = this.active;
    const segment = this.segments.get(number)!;
    const sizeBefore = segment.size;
    try {
      if (this.broken) throw this.broken;
      if (batch.length > 0) {
        let offset = segment.size;
        for (const entry of batch) {
          entry.at = { segment: number, offset };
          offset += entry.bytes.length;
        }
        const bytes = batch.length === 1 ? batch[0]!.bytes : Buffer.concat(batch.map((entry) => entry.bytes));
        await writeAll(segment.fd, bytes);
        segment.size += bytes.length;
      }
      // `durable` (flush, compaction) syncs only what an earlier batch left unsynced.
      if (batch.some((entry) => entry.durable) || (durable && (this.unsynced || batch.length > 0))) {
        await this.sync(segment.fd);
        this.unsynced = false;
      } else if (batch.length > 0) this.unsynced = true;
    } catch (error) {
      // Nobody was told these records were written: they must not appear after a restart either,
      // nor sit half-written before the next batch. Cut the segment back to where the batch began.
      if (!this.broken && batch.length > 0) await this.cutBack(segment, sizeBefore, error);
      for (const entry of batch) entry.done(error);
      throw error;
    }
    for (const entry of batch) entry.done();
    if (segment.size >= this.segmentBytes) await this.rotate();
  }

  /** Truncates the active segment after a failed append; if even that fails, no write is taken any more. */
  private async cutBack(segment: Segment, size: number, cause: unknown): Promise<void> {
    try {
      await ftruncateFd(segment.fd, size);
      segment.size = size;
    } catch {
      this.broken = new Error(
        `Storage: the state log could not be repaired after a failed write (${String(cause)}); restart the bot`,
      );
    }
  }

  /** Starts a new active segment; the full one is synced (its non-durable records too) and closed for writing. */
  private async rotate(): Promise<void> {
    const full = this.segments.get(this.active)!;
    await this.sync(full.fd);
    this.unsynced = false;
    this.active += 1;
    await this.startSegment(this.active);
    this.maybeCompact();
  }

  private async startSegment(number: number): Promise<void> {
    const fd = await openFd(this.segmentPath(number), 'a+');
    const size = (await stat(this.segmentPath(number))).size;
    this.segments.set(number, { fd, size, live: this.segments.get(number)?.live ?? 0 });
    // The new file's name must survive a power cut too (once per segment, not per write).
    await syncDirectory(this.logDirectory, this.sync);
  }

  private maybeCompact(): void {
    if (this.compacting) return;
    const closed = [...this.segments].filter(([number]) => number !== this.active);
    const total = closed.reduce((sum, [, segment]) => sum + segment.size, 0);
    const live = closed.reduce((sum, [, segment]) => sum + segment.live, 0);
    if (closed.length === 0 || total < this.compactMinBytes || live >= total * this.compactLiveRatio) return;
    const oldest = Math.min(...closed.map(([number]) => number));
    this.compacting = this.compact(oldest).then(
      () => {
        this.compacting = undefined;
        // More than one closed segment may be mostly dead (e.g. after an expiry sweep).
        if (this.opened) this.maybeCompact();
      },
      (error: unknown) => {
        // Tried again at the next segment change or expiry sweep.
        this.compacting = undefined;
        try {
          this.onBackgroundError(error);
        } catch {
          // A failing logger must not turn into an unhandled rejection.
        }
      },
    );
  }

  /**
   * Copies the live values of the oldest closed segment to the active one (each under its key's
   * lock, as a write that keeps the key's time), syncs, and deletes the segment file.
   */
  private async compact(number: number): Promise<void> {
    const keys = [...this.located].filter(([, where]) => where.segment === number).map(([key]) => key);
    for (const key of keys) {
      await this.locks.runExclusive(key, async () => {
        const where = this.located.get(key);
        if (!where || where.segment !== number) return;
        const text = await this.readAt(where);
        await this.appendRecord({ kind: 'put', key, value: text, writtenAt: where.writtenAt }, false);
      });
    }
    await this.append({ durable: true });
    const segment = this.segments.get(number)!;
    this.segments.delete(number);
    await closeFd(segment.fd);
    await unlink(this.segmentPath(number));
  }

  /** The key's current text: from memory, else read from its segment (under the key's lock). */
  private async textOf(key: string): Promise<string | undefined> {
    const cached = this.cache.get(key);
    if (cached !== undefined) {
      this.remember(key, cached);
      return cached;
    }
    if (!this.located.has(key)) return undefined;
    return this.locks.runExclusive(key, () => this.heldText(key));
  }

  /** The key's current text, for a caller holding the key's lock. */
  private async heldText(key: string): Promise<string | undefined> {
    const where = this.located.get(key);
    if (!where) return undefined;
    const text = this.cache.get(key) ?? (await this.readAt(where));
    this.remember(key, text);
    return text;
  }

  private async readAt(where: Located): Promise<string> {
    const buffer = Buffer.allocUnsafe(where.length);
    const fd = this.segments.get(where.segment)!.fd;
    let done = 0;
    while (done < where.length) {
      const { bytesRead } = await readFd(fd, buffer, done, where.length - done, where.offset + done);
      if (bytesRead === 0)
        throw new LogCorruptError(`Storage: ${this.segmentPath(where.segment)} ends early`);
      done += bytesRead;
    }
    return buffer.toString('utf8');
  }

  private remember(key: string, text: string): void {
    this.cache.delete(key);
    if (this.cachedKeys === 0 || text.length > MAX_CACHED_CHARS) return;
    this.cache.set(key, text);
    // Map keeps insertion order: the first entry is the least recently used.
    dropOldest(this.cache, this.cachedKeys);
  }

  /** Reads one segment at start-up into `located`; a torn tail of the last one is cut off. */
  private async load(number: number, last: boolean): Promise<void> {
    const path = this.segmentPath(number);
    const bytes = await readFile(path);
    const { records, end } = scanRecords(bytes);
    if (end < bytes.length) {
      if (!last) {
        throw new LogCorruptError(
          `Storage: ${path} is damaged at byte ${end} of ${bytes.length}; restore it from a backup or remove it`,
        );
      }
      // The append a killed process did not finish: nobody was told it was written.
      await truncate(path, end);
    }
    const fd = await openFd(path, 'a+');
    this.segments.set(number, { fd, size: end, live: 0 });
    for (const record of records) {
      const previous = this.located.get(record.key);
      if (previous) this.segments.get(previous.segment)!.live -= previous.size;
      if (record.kind === 'delete') {
        this.located.delete(record.key);
        continue;
      }
      this.segments.get(number)!.live += record.size;
      this.located.set(record.key, {
        segment: number,
        offset: record.valueOffset,
        length: record.valueLength,
        size: record.size,
        writtenAt: record.writtenAt,
      });
    }
  }

  /**
   * A FileStorage's files in the folder (`<2 hex>/<name>.json`, each `{ key, item }`) become
   * records, synced, and the files are removed: the bot keeps its state across the switch.
   */
  private async takeOverFiles(): Promise<void> {
    const shards = (await readdir(this.directory)).filter((name) => /^[0-9a-f]{2}$/.test(name));
    if (shards.length === 0) return;
    const taken: string[] = [];
    for (const shard of shards) {
      const folder = join(this.directory, shard);
      for (const file of await readdir(folder)) {
        const path = join(folder, file);
        taken.push(path);
        if (!file.endsWith('.json')) continue;
        let stored: { key?: unknown; item?: StoreItem };
        try {
          stored = JSON.parse(await readFile(path, 'utf8')) as typeof stored;
        } catch {
          continue; // not a state file this storage wrote
        }
        if (typeof stored.key !== 'string' || typeof stored.item !== 'object' || this.located.has(stored.key))
          continue;
        const writtenAt = (await stat(path)).mtimeMs;
        const text = JSON.stringify(stored.item);
        await this.appendRecord({ kind: 'put', key: stored.key, value: text, writtenAt }, false);
      }
    }
    await this.append({ durable: true });
    for (const path of taken) await unlink(path).catch(() => undefined);
    for (const shard of shards) await rmdir(join(this.directory, shard)).catch(() => undefined);
  }

  private segmentPath(number: number): string {
    return join(this.logDirectory, `${String(number).padStart(8, '0')}${SEGMENT_SUFFIX}`);
  }

  private assertOpen(): void {
    if (!this.opened) throw new Error('LogStorage: call open() first');
  }
}

/** Makes a new file's directory entry durable. Not possible on every platform (Windows): best effort. */
async function syncDirectory(path: string, sync: (fd: number) => Promise<void>): Promise<void> {
  try {
    const fd = await openFd(path, 'r');
    try {
      await sync(fd);
    } finally {
      await closeFd(fd);
    }
  } catch {
    // Opening a directory for fsync is not supported everywhere.
  }
}

/** True when a process with this id exists (signal 0 only checks). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const openFd = promisify(open);
const closeFd = promisify(close);
const fdatasyncFd = promisify(fdatasync);
const readFd = promisify(read);
const ftruncateFd = promisify(ftruncate);
const writeFd = promisify(write);

/** Appends all of `bytes` (the segment is opened for appending: every write lands at its end). */
async function writeAll(fd: number, bytes: Buffer): Promise<void> {
  let done = 0;
  while (done < bytes.length) {
    done += (await writeFd(fd, bytes, done, bytes.length - done, null)).bytesWritten;
  }
}
