import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository root (two folders above this file, in src/ and in dist/src/ alike). */
export function repositoryRoot(): string {
  const here = new URL('.', import.meta.url).pathname;
  const root = resolve(here, '..', '..');
  return existsSync(join(root, 'package.json')) ? root : resolve(root, '..');
}

/**
 * The reference files the product ships (reference/ at the repository root, gzip-compressed, with
 * their licences and reference/SOURCES.md beside them), so a fresh clone answers without ../shared.
 */
export function referenceDataDir(root = repositoryRoot()): string {
  return join(root, 'reference');
}

/** The shipped Retail Prices snapshot (azure-pricing-radar, MIT), used when DATA_DIR/prices has none. */
export function shippedSnapshotDir(root = repositoryRoot()): string {
  return join(referenceDataDir(root), 'retail-prices-eu-2026-08-22');
}

/** The shipped FinOps toolkit open data (PricingUnits, Regions, Services; MIT). */
export function shippedFinopsDir(root = repositoryRoot()): string {
  return join(referenceDataDir(root), 'finops-toolkit-open-data');
}

/** The shipped CSP market → currency table (Microsoft Docs, CC BY 4.0). */
export function shippedMarketTableFile(root = repositoryRoot()): string {
  return join(referenceDataDir(root), 'partner-center', 'csp_market_currencies_2021-05.csv.gz');
}
