import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';

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

/** The repository root (two folders above this file, in src/ and in dist/src/ alike). */
export function repositoryRoot(): string {
  const here = new URL('.', import.meta.url).pathname;
  const root = resolve(here, '..', '..');
  return existsSync(join(root, 'package.json')) ? root : resolve(root, '..');
}

/**
 * Snapshot: `PRICE_DATA_DIR`; else `data/prices` (written by `npm run prices:fetch`) when present;
 * else the development snapshot in `../shared/azure-price-data/` when present; else none.
 * FinOps lookups: `FINOPS_DATA_DIR` or `../shared/azure-price-data/finops-toolkit-open-data`.
 * Cache of imported snapshots: `PRICE_CACHE_DIR` (or "off"), default `cache/prices` under `DATA_DIR`
 * (`data/` of this checkout), so two checkouts or bots never share one cache.
 */
export function resolvePricePaths(env: PriceEnvironment, root = repositoryRoot()): PricePaths {
  const abs = (path: string) => (isAbsolute(path) ? path : resolve(root, path));
  const shared = resolve(root, '..', 'shared', 'azure-price-data');
  let snapshotDir: string | null = null;
  if (env.PRICE_DATA_DIR) snapshotDir = abs(env.PRICE_DATA_DIR);
  else if (existsSync(join(root, 'data', 'prices'))) snapshotDir = join(root, 'data', 'prices');
  else if (existsSync(join(shared, 'retail-prices-eu-2026-08-22')))
    snapshotDir = join(shared, 'retail-prices-eu-2026-08-22');
  const finopsDefault = join(shared, 'finops-toolkit-open-data');
  const finopsDir = env.FINOPS_DATA_DIR
    ? abs(env.FINOPS_DATA_DIR)
    : existsSync(finopsDefault)
      ? finopsDefault
      : null;
  const fxFile = env.FX_RATES_FILE ? abs(env.FX_RATES_FILE) : null;
  const configuredCache = env.PRICE_CACHE_DIR?.trim();
  const dataDir = env.DATA_DIR?.trim() ? abs(env.DATA_DIR.trim()) : join(root, 'data');
  const cacheDir =
    configuredCache?.toLowerCase() === 'off'
      ? null
      : configuredCache
        ? abs(configuredCache)
        : join(dataDir, 'cache', 'prices');
  return { snapshotDir, finopsDir, fxFile, cacheDir };
}
