/**
 * Writes a SYNTHETIC new-commerce daily rated usage file (55 columns) from the real retail price
 * snapshot, plus the partner's access records with seeded access gaps and a manifest of the seeds.
 * No real recon file is public; every row is marked synthetic (PartnerName, CustomerName, AdditionalInfo).
 *
 *   npm run recon:generate -- --rows 100000 --customers 20 --out data/recon --month 2026-07 --seed 7 \
 *     [--prices reference/retail-prices-eu-2026-08-22/vm_consumption_eu5_usd.csv.gz]
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { repositoryRoot } from '../src/priceData/referenceData.js';
import { DEFAULT_SYNTHETIC_OPTIONS } from '../src/features/recon/syntheticRecon.js';
import { generateSyntheticReconFiles } from '../src/features/recon/syntheticReconFiles.js';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '10000' },
    customers: { type: 'string', default: '8' },
    month: { type: 'string', default: DEFAULT_SYNTHETIC_OPTIONS.month },
    seed: { type: 'string', default: String(DEFAULT_SYNTHETIC_OPTIONS.seed) },
    out: { type: 'string', default: 'data/recon-synthetic' },
    prices: {
      type: 'string',
      default: join(
        repositoryRoot(),
        'test/fixtures/azure-price-data/retail-prices-fixture-westeurope/fixture_westeurope_small_usd.csv.gz',
      ),
    },
  },
});

const started = Date.now();
const files = await generateSyntheticReconFiles(values.prices, values.out, {
  ...DEFAULT_SYNTHETIC_OPTIONS,
  targetRows: Number(values.rows),
  customers: Number(values.customers),
  month: values.month,
  seed: Number(values.seed),
  badRows: Math.max(3, Math.round(Number(values.rows) / 100_000)),
  mismatchRows: Math.max(4, Math.round(Number(values.rows) / 50_000)),
});
console.log(`SYNTHETIC data (not real customers or usage), prices from ${values.prices}`);
console.log(
  `usage:    ${files.usageFile} (${files.manifest.dataRows} rows + ${files.manifest.badLines.length} corrupt lines)`,
);
console.log(`access:   ${files.accessFile} (${files.manifest.gaps.length} seeded access gaps)`);
console.log(`manifest: ${files.manifestFile}`);
console.log(`took ${((Date.now() - started) / 1000).toFixed(1)} s`);
