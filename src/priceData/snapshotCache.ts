import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PriceRow, PriceType } from '../domain/prices/priceRow.js';
import type { ImportIssue } from './importReport.js';
import { Interner } from './interner.js';

/**
 * A compact copy of an imported snapshot (a string table plus one integer array), so a process
 * that starts often (the CLI, a restarted bot) skips CSV parsing and row validation. Keyed by the
 * snapshot files' names, sizes and modification times, so every change to the files misses the cache.
 */
const CACHE_VERSION = 1;
const FIELDS = 19;

export interface CachedSnapshot {
  readonly rows: PriceRow[];
  readonly snapshotAt: string | null;
  readonly skipped: number;
  readonly issues: readonly ImportIssue[];
}

interface CacheFile {
  version: number;
  snapshotAt: string | null;
  skipped: number;
  issues: ImportIssue[];
  strings: string[];
  cells: number[];
}

export function snapshotCacheFile(cacheDir: string, snapshotDir: string, files: readonly string[]): string {
  const hash = createHash('sha256').update(`${CACHE_VERSION}\n${snapshotDir}\n`);
  for (const name of files) {
    const stat = statSync(join(snapshotDir, name));
    hash.update(`${name}\t${stat.size}\t${stat.mtimeMs}\n`);
  }
  return join(cacheDir, `snapshot-${hash.digest('hex').slice(0, 24)}.json`);
}

export function readSnapshotCache(file: string): CachedSnapshot | null {
  let parsed: CacheFile;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8')) as CacheFile;
  } catch {
    return null;
  }
  if (parsed.version !== CACHE_VERSION || parsed.cells.length % FIELDS !== 0) return null;
  const { strings, cells } = parsed;
  const interner = new Interner();
  const text = (i: number) => strings[cells[i]];
  const optional = (i: number) => (cells[i] < 0 ? null : strings[cells[i]]);
  const rows: PriceRow[] = [];
  for (let at = 0; at < cells.length; at += FIELDS) {
    const savings = optional(at + 15);
    rows.push({
      currencyCode: text(at),
      serviceName: text(at + 1),
      armRegionName: text(at + 2),
      productId: text(at + 3),
      skuId: text(at + 4),
      meterId: text(at + 5),
      type: text(at + 6) as PriceType,
      reservationTerm: text(at + 7),
      productName: text(at + 8),
      skuName: text(at + 9),
      meterName: text(at + 10),
      unitOfMeasure: text(at + 11),
      tierMinimumUnits: interner.decimal(text(at + 12)),
      unitPriceText: text(at + 13),
      unitPrice: interner.decimal(text(at + 13)),
      retailPrice: interner.decimal(text(at + 14)),
      savingsPlan1Year: savings === null ? null : interner.decimal(savings),
      effectiveStartDate: optional(at + 16),
      effectiveEndDate: optional(at + 17),
      tags: text(at + 18),
    });
  }
  return { rows, snapshotAt: parsed.snapshotAt, skipped: parsed.skipped, issues: parsed.issues };
}

/** Best effort: a cache that cannot be written is simply not used. */
export function writeSnapshotCache(file: string, cacheDir: string, snapshot: CachedSnapshot): void {
  const index = new Map<string, number>();
  const strings: string[] = [];
  const id = (value: string | null) => {
    if (value === null) return -1;
    let found = index.get(value);
    if (found === undefined) {
      found = strings.length;
      strings.push(value);
      index.set(value, found);
    }
    return found;
  };
  const cells: number[] = [];
  for (const row of snapshot.rows) {
    cells.push(
      id(row.currencyCode),
      id(row.serviceName),
      id(row.armRegionName),
      id(row.productId),
      id(row.skuId),
      id(row.meterId),
      id(row.type),
      id(row.reservationTerm),
      id(row.productName),
      id(row.skuName),
      id(row.meterName),
      id(row.unitOfMeasure),
      id(row.tierMinimumUnits.toFixed()),
      id(row.unitPriceText),
      id(row.retailPrice.toFixed()),
      id(row.savingsPlan1Year ? row.savingsPlan1Year.toFixed() : null),
      id(row.effectiveStartDate),
      id(row.effectiveEndDate),
      id(row.tags),
    );
  }
  const content: CacheFile = {
    version: CACHE_VERSION,
    snapshotAt: snapshot.snapshotAt,
    skipped: snapshot.skipped,
    issues: [...snapshot.issues],
    strings,
    cells,
  };
  try {
    mkdirSync(cacheDir, { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(content));
    renameSync(temporary, file);
  } catch {
    // Read-only disk or similar: the next start imports the CSV again.
  }
}
