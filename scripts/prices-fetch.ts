/**
 * Downloads a price snapshot from the public Azure Retail Prices API into data/prices/:
 *   npm run prices:fetch -- --region westeurope --region northeurope --service "Virtual Machines" --service Storage
 * Options: --out <dir> (default data/prices), --type <priceType> (default Consumption), --resume,
 * --base-url <url> (default the public API), --max-retries <n>.
 */
import { resolve } from 'node:path';
import { RetailPricesFetcher, type FetchQuery } from '../src/priceData/retailPricesFetcher.js';
import { repositoryRoot } from '../src/priceData/pricePaths.js';

const DEFAULT_REGIONS = ['westeurope', 'northeurope', 'francecentral', 'swedencentral', 'belgiumcentral'];
const DEFAULT_SERVICES = ['Virtual Machines', 'Storage'];

function parseArgs(argv: string[]) {
  const regions: string[] = [];
  const services: string[] = [];
  let out = resolve(repositoryRoot(), 'data', 'prices');
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
    regions: regions.length ? regions : DEFAULT_REGIONS,
    services: services.length ? services : DEFAULT_SERVICES,
    out,
    type,
    resume,
    baseUrl,
    maxRetries,
  };
}

async function main(): Promise<number> {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(process.argv.slice(2));
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
  return 0;
}

process.exitCode = await main();
