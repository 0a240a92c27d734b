import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { FIELD_COUNT, PriceTable } from '../domain/prices/priceTable.js';
import type { ImportIssue } from './importReport.js';

/**
 * A compact copy of an imported snapshot, so a process that starts often (the CLI, a restarted bot)
 * skips CSV parsing and row validation. The file is the catalog's own columnar form: a JSON header
 * (string table, counts, issues) and the PriceTable's Int32Array cells as raw bytes, so reading it
 * is one JSON.parse of the distinct strings plus a copy of the cells — no per-row work. Keyed by the
 * snapshot files' names, sizes and modification times, so every change to the files misses the cache.
 *
 * Layout: "PRC2" · u32 header byte length · header JSON (UTF-8) · zero padding to 4 · cells (int32 LE).
 */
const CACHE_VERSION = 2;
const MAGIC = 'PRC2';

export interface CachedSnapshot {
  readonly table: PriceTable;
  readonly snapshotAt: string | null;
  readonly skipped: number;
  readonly issues: readonly ImportIssue[];
}

interface CacheHeader {
  version: number;
  snapshotAt: string | null;
  skipped: number;
  issues: ImportIssue[];
  fields: number;
  cellCount: number;
  strings: string[];
}

export function snapshotCacheFile(cacheDir: string, snapshotDir: string, files: readonly string[]): string {
  const hash = createHash('sha256').update(`${CACHE_VERSION}\n${snapshotDir}\n`);
  for (const name of files) {
    const stat = statSync(join(snapshotDir, name));
    hash.update(`${name}\t${stat.size}\t${stat.mtimeMs}\n`);
  }
  return join(cacheDir, `snapshot-${hash.digest('hex').slice(0, 24)}.bin`);
}

export function readSnapshotCache(file: string): CachedSnapshot | null {
  try {
    const buffer = readFileSync(file);
    if (buffer.length < 8 || buffer.toString('latin1', 0, 4) !== MAGIC) return null;
    const headerLength = buffer.readUInt32LE(4);
    const header = JSON.parse(buffer.toString('utf8', 8, 8 + headerLength)) as CacheHeader;
    if (header.version !== CACHE_VERSION || header.fields !== FIELD_COUNT) return null;
    const cellsAt = align4(8 + headerLength);
    if (buffer.length !== cellsAt + header.cellCount * 4) return null;
    const cells = new Int32Array(header.cellCount);
    new Uint8Array(cells.buffer).set(buffer.subarray(cellsAt));
    const limit = header.strings.length;
    for (let i = 0; i < cells.length; i++) if (cells[i] >= limit || cells[i] < -1) return null;
    return {
      table: new PriceTable(header.strings, cells),
      snapshotAt: header.snapshotAt,
      skipped: header.skipped,
      issues: header.issues,
    };
  } catch {
    return null;
  }
}

/** Best effort: a cache that cannot be written is simply not used. */
export function writeSnapshotCache(file: string, cacheDir: string, snapshot: CachedSnapshot): void {
  const { table } = snapshot;
  const header: CacheHeader = {
    version: CACHE_VERSION,
    snapshotAt: snapshot.snapshotAt,
    skipped: snapshot.skipped,
    issues: [...snapshot.issues],
    fields: FIELD_COUNT,
    cellCount: table.cells.length,
    strings: table.strings as string[],
  };
  try {
    const json = Buffer.from(JSON.stringify(header), 'utf8');
    const cellsAt = align4(8 + json.length);
    const prefix = Buffer.alloc(cellsAt);
    prefix.write(MAGIC, 0, 'latin1');
    prefix.writeUInt32LE(json.length, 4);
    json.copy(prefix, 8);
    // The cells are written from the table's own memory (no copy of 76 MB at 1M rows).
    const cells = new Uint8Array(table.cells.buffer, table.cells.byteOffset, table.cells.byteLength);
    mkdirSync(cacheDir, { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    const fd = openSync(temporary, 'w');
    try {
      writeSync(fd, prefix);
      for (let at = 0; at < cells.length; at += 1 << 24) writeSync(fd, cells.subarray(at, at + (1 << 24)));
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, file);
  } catch {
    // Read-only disk or similar: the next start imports the CSV again.
  }
}

function align4(length: number): number {
  return (length + 3) & ~3;
}
