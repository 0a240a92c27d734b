import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { PriceCatalog } from '../domain/prices/catalog.js';
import type { PriceRow } from '../domain/prices/priceRow.js';
import { readTextFileSync, uncompressedName } from './compressedFiles.js';
import { PriceTableBuilder } from '../domain/prices/priceTable.js';
import type { ImportIssue } from './importReport.js';
import { Interner } from './interner.js';
import { importPriceSheetCsv } from './priceSheetImport.js';
import { importRetailCsvInto, importRetailJson } from './retailPricesImport.js';
import { readSnapshotCache, snapshotCacheFile, writeSnapshotCache } from './snapshotCache.js';

/** What loading a snapshot folder did. */
export interface SnapshotLoadReport {
  readonly ok: boolean;
  readonly location: string;
  readonly files: readonly string[];
  readonly accepted: number;
  readonly skipped: number;
  readonly issues: readonly ImportIssue[];
  readonly fatal: string | null;
  readonly millis: number;
  /** True when the rows came from the compact cache of an earlier import of the same files. */
  readonly fromCache: boolean;
}

/** Written by the fetcher next to the data: where and when the snapshot was taken. */
export const MANIFEST_FILE = 'manifest.json';
const SKIPPED_JSON = new Set([MANIFEST_FILE, 'checkpoint.json']);

/**
 * Loads every Retail Prices CSV and JSON page file (plain, or gzip-compressed as `.csv.gz` /
 * `.json.gz`) of a snapshot folder into one catalog. Returns
 * no catalog when the folder is missing or yields no valid row (the caller keeps its old one).
 */
export function loadSnapshotFolder(
  dir: string,
  cacheDir: string | null = null,
): { catalog: PriceCatalog | null; report: SnapshotLoadReport } {
  const started = performance.now();
  const fail = (fatal: string, files: string[] = [], issues: readonly ImportIssue[] = [], skipped = 0) => ({
    catalog: null,
    report: {
      ok: false,
      location: dir,
      files,
      accepted: 0,
      skipped,
      issues,
      fatal,
      millis: performance.now() - started,
      fromCache: false,
    },
  });
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return fail(`${dir}: no such folder`);
  const files = readdirSync(dir)
    .filter((name) => isPriceFile(uncompressedName(name)))
    .sort();
  if (files.length === 0) return fail(`${dir}: no .csv or .json price files (plain or .gz)`);
  const cacheFile = cacheDir ? snapshotCacheFile(cacheDir, dir, files) : null;
  const cached = cacheFile ? readSnapshotCache(cacheFile) : null;
  const interner = new Interner();
  const table = new PriceTableBuilder();
  const issues: ImportIssue[] = cached ? [...cached.issues] : [];
  const fatals: string[] = [];
  let skipped = cached ? cached.skipped : 0;
  let snapshotAt: string | null = cached ? cached.snapshotAt : null;
  for (const name of cached ? [] : files) {
    let text: string;
    try {
      text = readTextFileSync(join(dir, name));
    } catch (error) {
      fatals.push(`${name}: ${(error as Error).message}`);
      continue;
    }
    const rowsOf = <R extends { rows: readonly PriceRow[] }>(report: R): R => {
      for (const row of report.rows) table.addRow(row);
      return report;
    };
    const result = !uncompressedName(name).endsWith('.csv')
      ? rowsOf(importRetailJson(name, text, interner))
      : isPriceSheet(text)
        ? { ...rowsOf(importPriceSheetCsv(name, text, undefined, interner)), snapshotAt: null }
        : importRetailCsvInto(name, text, table);
    skipped += result.skipped;
    issues.push(...result.issues.slice(0, 200 - issues.length));
    if (result.fatal) fatals.push(result.fatal);
    if (result.snapshotAt && (!snapshotAt || result.snapshotAt > snapshotAt)) snapshotAt = result.snapshotAt;
  }
  const rows = cached ? cached.table : table.build();
  if (rows.rowCount === 0) return fail(fatals.join('; ') || `${dir}: no valid rows`, files, issues, skipped);
  if (cacheFile && cacheDir && !cached)
    writeSnapshotCache(cacheFile, cacheDir, { table: rows, snapshotAt, skipped, issues });
  const manifest = readManifest(dir);
  const catalog = new PriceCatalog(rows, {
    takenAt: manifest?.takenAt ?? snapshotAt ?? dateFromName(dir) ?? statSync(dir).mtime.toISOString(),
    source: manifest?.source ?? sourceOf(dir),
    location: dir,
  });
  return {
    catalog,
    report: {
      ok: true,
      location: dir,
      files,
      accepted: rows.rowCount,
      skipped,
      issues,
      fatal: fatals.length > 0 ? fatals.join('; ') : null,
      millis: performance.now() - started,
      fromCache: cached !== null,
    },
  };
}

/** A Retail Prices CSV or JSON page file (after dropping a `.gz`); the fetcher's own files are not. */
function isPriceFile(name: string): boolean {
  return name.endsWith('.csv') || (name.endsWith('.json') && !SKIPPED_JSON.has(name));
}

/** A Partner Center price sheet is recognised by its header (ProductTitle … MeterIds … Tags). */
function isPriceSheet(text: string): boolean {
  const header = text.slice(0, text.indexOf('\n') >>> 0);
  return header.includes('ProductTitle') && header.includes('MeterIds');
}

function readManifest(dir: string): { takenAt?: string; source?: string } | null {
  try {
    const parsed: unknown = JSON.parse(readFileSync(join(dir, MANIFEST_FILE), 'utf8'));
    return parsed && typeof parsed === 'object' ? (parsed as { takenAt?: string; source?: string }) : null;
  } catch {
    return null;
  }
}

function sourceOf(dir: string): string {
  const radar = readdirSync(dir).some((name) => /azure-pricing-radar/i.test(name));
  return radar
    ? // A citation, not a sentence: it reads the same inside an English or a Korean answer.
      'Azure Retail Prices API · github.com/andy-diericks/azure-pricing-radar (MIT)'
    : 'Azure Retail Prices API';
}

function dateFromName(dir: string): string | null {
  const match = /(\d{4}-\d{2}-\d{2})/.exec(basename(dir));
  return match ? `${match[1]}T00:00:00Z` : null;
}
