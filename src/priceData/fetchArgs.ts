import { resolve } from 'node:path';
import { resolvePricePaths, type PriceEnvironment } from './pricePaths.js';
import { repositoryRoot } from './referenceData.js';

export const DEFAULT_FETCH_REGIONS = [
  'westeurope',
  'northeurope',
  'francecentral',
  'swedencentral',
  'belgiumcentral',
];
export const DEFAULT_FETCH_SERVICES = ['Virtual Machines', 'Storage'];

/** What `npm run prices:fetch` was asked to do. */
export interface FetchArgs {
  readonly regions: readonly string[];
  readonly services: readonly string[];
  /** Where the snapshot goes: --out, else PRICE_DATA_DIR, else DATA_DIR/prices (the folder the bot reads). */
  readonly out: string;
  /** Where the compact cache of the new snapshot is written (PRICE_CACHE_DIR, default DATA_DIR/cache/prices; null = off). */
  readonly cacheDir: string | null;
  readonly type: string;
  readonly resume: boolean;
  readonly baseUrl: string | undefined;
  readonly maxRetries: number | undefined;
}

/**
 * Parses the fetch script's arguments. The output folder and the cache follow the same settings as
 * the bot (DATA_DIR, PRICE_DATA_DIR, PRICE_CACHE_DIR), so the bot picks the new snapshot up.
 */
export function parseFetchArgs(
  argv: readonly string[],
  env: PriceEnvironment,
  root = repositoryRoot(),
): FetchArgs {
  const regions: string[] = [];
  const services: string[] = [];
  const dataDir = env.DATA_DIR?.trim() ? resolve(root, env.DATA_DIR.trim()) : resolve(root, 'data');
  const paths = resolvePricePaths(env, root);
  let out = env.PRICE_DATA_DIR?.trim()
    ? resolve(root, env.PRICE_DATA_DIR.trim())
    : resolve(dataDir, 'prices');
  let type = 'Consumption';
  let resume = false;
  let baseUrl: string | undefined;
  let maxRetries: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${argv[i - 1]} needs a value`);
      return next;
    };
    switch (argv[i]) {
      case '--region':
        regions.push(value());
        break;
      case '--service':
        services.push(value());
        break;
      case '--out':
        out = resolve(value());
        break;
      case '--type':
        type = value();
        break;
      case '--resume':
        resume = true;
        break;
      case '--base-url':
        baseUrl = value();
        break;
      case '--max-retries':
        maxRetries = Number(value());
        break;
      default:
        throw new Error(`unknown argument ${argv[i]}`);
    }
  }
  return {
    regions: regions.length ? regions : DEFAULT_FETCH_REGIONS,
    services: services.length ? services : DEFAULT_FETCH_SERVICES,
    out,
    cacheDir: paths.cacheDir ?? null,
    type,
    resume,
    baseUrl,
    maxRetries,
  };
}
