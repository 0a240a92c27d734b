/**
 * Downloads a price snapshot from the public Azure Retail Prices API into DATA_DIR/prices/ (or PRICE_DATA_DIR):
 *   npm run prices:fetch -- --region westeurope --region northeurope --service "Virtual Machines" --service Storage
 * Options: --out <dir> (default PRICE_DATA_DIR, else DATA_DIR/prices; the cache follows PRICE_CACHE_DIR), --type <priceType> (default Consumption), --resume,
 * --base-url <url> (default the public API), --max-retries <n>.
 */
import dotenv from 'dotenv';
import { parseFetchArgs, type FetchArgs } from '../src/priceData/fetchArgs.js';
import { RetailPricesFetcher, type FetchQuery } from '../src/priceData/retailPricesFetcher.js';
import { loadSnapshotFolder } from '../src/priceData/snapshotLoader.js';

async function main(): Promise<number> {
  // The same settings as the bot (.env, DATA_DIR, PRICE_DATA_DIR, PRICE_CACHE_DIR).
  dotenv.config({ quiet: true });
  let args: FetchArgs;
  try {
    args = parseFetchArgs(process.argv.slice(2), process.env);
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  const queries: FetchQuery[] = args.services.flatMap((serviceName) =>
    args.regions.map((armRegionName) => ({ serviceName, armRegionName, priceType: args.type })),
  );
  const fetcher = new RetailPricesFetcher({
    outDir: args.out,
    baseUrl: args.baseUrl,
    maxRetries: args.maxRetries,
    onProgress: (p) => {
      const where = `[${p.query}/${p.queries}] ${p.filter}`;
      if (p.event === 'throttled' || p.event === 'retry')
        console.error(`${where}: ${p.detail}, waiting ${Math.round((p.waitMs ?? 0) / 1000)} s`);
      else
        console.error(`${where}: ${p.pages} pages, ${p.items} items${p.event === 'done' ? ' (done)' : ''}`);
    },
  });
  const result = await fetcher.run(queries, args.resume);
  if (!result.ok) {
    console.error(`fetch stopped: ${result.error}`);
    return 1;
  }
  console.error(`snapshot written to ${result.outDir}: ${result.items} items in ${result.pages} pages`);
  // Import once now: checks the new files and writes the compact cache the bot starts from.
  const { report } = loadSnapshotFolder(result.outDir, args.cacheDir);
  console.error(
    report.ok
      ? `checked: ${report.accepted} rows${args.cacheDir ? `, cache in ${args.cacheDir}` : ''}`
      : `the new snapshot does not load: ${report.fatal}`,
  );
  if (!report.ok) return 1;
  return 0;
}

process.exitCode = await main();
