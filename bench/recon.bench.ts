/**
 * Recon import benchmark: generates a SYNTHETIC 1M-row daily rated usage file in a temp folder (never
 * the repo), imports it streaming against the access records, and prints rows/s and RSS at 100k,
 * 500k and 1M rows to show memory stays flat. `npm run bench:recon [-- --rows 1000000 --keep]`.
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { shippedSnapshotDir } from '../src/priceData/referenceData.js';
import { parseAccessRecordsCsv } from '../src/features/recon/accessRecords.js';
import { reconcileDailyRatedUsage } from '../src/features/recon/reconcile.js';
import { DEFAULT_SYNTHETIC_OPTIONS } from '../src/features/recon/syntheticRecon.js';
import { generateSyntheticReconFiles } from '../src/features/recon/syntheticReconFiles.js';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    customers: { type: 'string', default: '40' },
    keep: { type: 'boolean', default: false },
    prices: {
      type: 'string',
      default: join(shippedSnapshotDir(), 'vm_consumption_eu5_usd.csv.gz'),
    },
  },
});

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const dir = await mkdtemp(join(tmpdir(), 'recon-bench-'));
try {
  let started = Date.now();
  const files = await generateSyntheticReconFiles(values.prices, dir, {
    ...DEFAULT_SYNTHETIC_OPTIONS,
    targetRows: Number(values.rows),
    customers: Number(values.customers),
    badRows: 10,
    mismatchRows: 20,
  });
  const size = (await stat(files.usageFile)).size;
  console.log(
    `SYNTHETIC file: ${files.manifest.dataRows} rows, ${mb(size)}, generated in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  console.log(`  (${files.usageFile})`);

  const access = parseAccessRecordsCsv(await readFile(files.accessFile, 'utf8'));
  global.gc?.();
  console.log(`RSS before import: ${mb(process.memoryUsage().rss)}`);
  const checkpoints = new Set([100_000, 250_000, 500_000, 750_000, 1_000_000]);
  started = Date.now();
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const report = await reconcileDailyRatedUsage(createReadStream(files.usageFile), access, {
    progressEvery: 50_000,
    onProgress: (rows) => {
      const rss = process.memoryUsage().rss;
      peak = Math.max(peak, rss);
      if (checkpoints.has(rows)) {
        const seconds = (Date.now() - started) / 1000;
        console.log(
          `  ${String(rows).padStart(9)} rows  RSS ${mb(rss).padStart(7)}  heap ${mb(process.memoryUsage().heapUsed).padStart(7)}  ${Math.round(rows / seconds)} rows/s`,
        );
      }
    },
  });
  clearInterval(sampler);
  const seconds = (Date.now() - started) / 1000;
  const imported = report.import!;
  console.log(
    `import: ${imported.rowsRead} rows read, ${imported.rowsAccepted} accepted, ${imported.badRows} bad, in ${seconds.toFixed(1)} s = ${Math.round(imported.rowsRead / seconds)} rows/s`,
  );
  console.log(
    `peak RSS during import (50 ms samples): ${mb(peak)}; process max RSS: ${mb(process.resourceUsage().maxRSS * 1024)}`,
  );
  const lost = report.customers.reduce((n, c) => n + c.lostByResource.length, 0);
  console.log(
    `report: ${report.customers.length} customers, ${lost} resources with lost PEC, ${files.manifest.gaps.length} seeded gaps`,
  );
} finally {
  if (values.keep) console.log(`kept ${dir}`);
  else await rm(dir, { recursive: true, force: true });
}
