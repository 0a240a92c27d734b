import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { repositoryRoot, shippedFinopsDir, shippedSnapshotDir } from './referenceData.js';

export { repositoryRoot } from './referenceData.js';

/** Where the price engine reads its files from. */
export interface PricePaths {
  /** Snapshot folder, or null when there is none (the bot then says how to get one). */
  readonly snapshotDir: string | null;
  /** FinOps open data folder (PricingUnits.csv, Regions.csv), or null. */
  readonly finopsDir: string | null;
  /** Monthly FX rates CSV, or null. */
  readonly fxFile: string | null;
  /** Where compact copies of imported snapshots are kept (PRICE_CACHE_DIR, default DATA_DIR/cache/prices); null = no cache. */
  readonly cacheDir?: string | null;
}

export type PriceEnvironment = Readonly<Record<string, string | undefined>>;

/**
 * Snapshot: `PRICE_DATA_DIR`; else `DATA_DIR/prices` (written by `npm run prices:fetch`) when present;
 * else the snapshot the repository ships (`reference/retail-prices-eu-2026-08-22`, gzip CSV).
 * FinOps lookups: `FINOPS_DATA_DIR`, else the shipped `reference/finops-toolkit-open-data`.
 * Cache of imported snapshots: `PRICE_CACHE_DIR` (or "off"), default `cache/prices` under `DATA_DIR`
 * (`data/` of this checkout), so two checkouts or bots never share one cache.
 */
export function resolvePricePaths(env: PriceEnvironment, root = repositoryRoot()): PricePaths {
  const abs = (path: string) => (isAbsolute(path) ? path : resolve(root, path));
  const dataDir = env.DATA_DIR?.trim() ? abs(env.DATA_DIR.trim()) : join(root, 'data');
  const fetched = join(dataDir, 'prices');
  const snapshotDir = env.PRICE_DATA_DIR
    ? abs(env.PRICE_DATA_DIR)
    : existsSync(fetched)
      ? fetched
      : shippedSnapshotDir(root);
  const finopsDir = env.FINOPS_DATA_DIR ? abs(env.FINOPS_DATA_DIR) : shippedFinopsDir(root);
  const fxFile = env.FX_RATES_FILE ? abs(env.FX_RATES_FILE) : null;
  const configuredCache = env.PRICE_CACHE_DIR?.trim();
  const cacheDir =
    configuredCache?.toLowerCase() === 'off'
      ? null
      : configuredCache
        ? abs(configuredCache)
        : join(dataDir, 'cache', 'prices');
  return { snapshotDir, finopsDir, fxFile, cacheDir };
}
