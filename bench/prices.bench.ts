/**
 * Price engine benchmark (a script, not a test): npm run bench:prices
 *
 * Loads the real EU slice (~40k rows), then builds a 1M-row catalog by REPLICATING that slice over
 * SYNTHETIC regions ("westeurope-syn1", …: same products and prices, new region and meter ids).
 * Measures load/ready time, RSS, structured lookup and free-text question p50/p99 against a plain
 * linear scan of the same rows, at 40k and at 1M rows.
 */
import { PriceCatalog } from '../src/domain/prices/catalog.js';
import { priceRowKey, type PriceRow } from '../src/domain/prices/priceRow.js';
import { resolvePricePaths } from '../src/priceData/pricePaths.js';
import { PriceService } from '../src/priceData/priceService.js';
import { loadSnapshotFolder } from '../src/priceData/snapshotLoader.js';

const TARGET_ROWS = 1_000_000;
const gc = (globalThis as { gc?: () => void }).gc;

function rssMb(): number {
  gc?.();
  return Math.round(process.memoryUsage().rss / 1024 / 1024);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function timeEach(count: number, run: (i: number) => void): { p50: number; p99: number; mean: number } {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = process.hrtime.bigint();
    run(i);
    times.push(Number(process.hrtime.bigint() - start) / 1e3); // µs
  }
  times.sort((a, b) => a - b);
  return {
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    mean: times.reduce((a, b) => a + b, 0) / times.length,
  };
}

/** The baseline: what a lookup costs without an index. */
function linearScan(rows: readonly PriceRow[], key: string): PriceRow | undefined {
  for (const row of rows) if (priceRowKey(row) === key) return row;
  return undefined;
}

function replicate(rows: readonly PriceRow[], copies: number): PriceRow[] {
  const all: PriceRow[] = [...rows];
  for (let copy = 1; copy < copies && all.length < TARGET_ROWS; copy++) {
    const regionNames = new Map<string, string>(); // one string per synthetic region, shared by its rows
    for (const row of rows) {
      if (all.length >= TARGET_ROWS) break;
      let region = regionNames.get(row.armRegionName);
      if (!region) regionNames.set(row.armRegionName, (region = `${row.armRegionName}-syn${copy}`));
      all.push({
        ...row,
        armRegionName: region,
        meterId: `${row.meterId}-s${copy}`,
      });
    }
  }
  return all;
}

const QUESTIONS = [
  'how much is a D2s v3 in West Europe?',
  'Standard_D4s_v5 price in North Europe',
  'D8s v5 windows hourly rate francecentral',
  'E8s v5 in weu, 730 hours',
  '3 VMs D4ds v5 for 100 hours in France Central',
  'we need 2x D8ds v5 running 24/7 for a month in North Europe, total?',
  'D4as v4 price in West Erope',
  'Standard_E8as_c5 in westeurope, per hour',
  '4 x P20 disks for 3 months in Belgium Central',
  'Premium SSD v2 capacity price per GiB-hour in westeurope',
  '서유럽 D4s v5 윈도우 가격 알려줘',
  '벨기에 중부에서 E4s v5 3대 100시간 돌리면 얼마?',
  '북유렵 D2ds v4 가격',
  'D2s v3 price',
];

function measure(
  label: string,
  rows: readonly PriceRow[],
  catalog: PriceCatalog,
  service: PriceService,
  readyMs: number,
) {
  const sample = Array.from({ length: 2000 }, (_, i) => rows[(i * 7919) % rows.length]);
  const keys = sample.map(priceRowKey);
  // Batches of 100 lookups per timing, so the clock's own cost does not swamp a ~100 ns Map hit.
  const batch = 100;
  const indexedBatches = timeEach(keys.length / batch, (b) => {
    for (let i = b * batch; i < (b + 1) * batch; i++)
      if (catalog.get(keys[i]) === null) throw new Error('lookup missed');
  });
  const indexed = {
    p50: indexedBatches.p50 / batch,
    p99: indexedBatches.p99 / batch,
    mean: indexedBatches.mean / batch,
  };
  const scanCount = rows.length > 100_000 ? 40 : 200;
  const scanned = timeEach(scanCount, (i) => {
    if (!linearScan(rows, keys[i])) throw new Error('scan missed');
  });
  // Warm-up (JIT, caches) so both sizes are measured in the same steady state.
  for (let round = 0; round < 20; round++) for (const question of QUESTIONS) service.ask(question, 'en-US');
  const rounds = 30;
  const freeText = timeEach(QUESTIONS.length * rounds, (i) =>
    service.ask(QUESTIONS[i % QUESTIONS.length], 'en-US'),
  );
  const rss = rssMb();
  console.log(
    `${label}: ${rows.length.toLocaleString('en-US')} rows · ready ${readyMs.toFixed(0)} ms · RSS ${rss} MB\n` +
      `  structured lookup (Map)  p50 ${freeNs(indexed.p50)}  p99 ${freeNs(indexed.p99)}  mean ${freeNs(indexed.mean)}\n` +
      `  linear scan (same rows)  p50 ${freeNs(scanned.p50)}  p99 ${freeNs(scanned.p99)}  mean ${freeNs(scanned.mean)}\n` +
      `  → index is ${Math.round(scanned.mean / indexed.mean).toLocaleString('en-US')}× faster (mean)\n` +
      `  free-text question       p50 ${freeNs(freeText.p50)}  p99 ${freeNs(freeText.p99)}  mean ${freeNs(freeText.mean)}`,
  );
  return { indexed, scanned, freeText, rss };
}

function freeNs(us: number): string {
  return us < 1
    ? `${(us * 1000).toFixed(0)} ns`
    : us < 1000
      ? `${us.toFixed(1)} µs`
      : `${(us / 1000).toFixed(1)} ms`;
}

const paths = resolvePricePaths({ ...process.env, PRICE_DATA_DIR: process.env.PRICE_DATA_DIR ?? '' });
const snapshotDir = paths.snapshotDir;
if (!snapshotDir) {
  console.error('no snapshot folder found (set PRICE_DATA_DIR)');
  process.exit(1);
}
console.log(`Price engine benchmark — real slice ${snapshotDir}`);
console.log(`Node ${process.version}, ${gc ? 'gc exposed' : 'run with --expose-gc for steadier RSS'}\n`);

const serviceFor = (catalog: PriceCatalog) => {
  const service = new PriceService({
    paths: { snapshotDir: null, finopsDir: paths.finopsDir, fxFile: null },
  });
  service.load();
  service.useCatalog(catalog);
  return service;
};

const cacheDir = paths.cacheDir ?? null;
// Warm the snapshot cache once, as a previous start of the bot would have; the timings below are of a start.
loadSnapshotFolder(snapshotDir, cacheDir);

function measureSmall() {
  const started = performance.now();
  const { catalog: real, report } = loadSnapshotFolder(snapshotDir!, cacheDir);
  if (!real) throw new Error(report.fatal ?? 'snapshot did not load');
  const small = serviceFor(real);
  const ready = performance.now() - started;
  console.log(`snapshot loaded ${report.fromCache ? 'from the compact cache' : 'from CSV'}`);
  return measure('40k (real slice)', real.rows, real, small, ready);
}
const small40k = measureSmall();

const started = performance.now();
const { catalog: reloaded } = loadSnapshotFolder(snapshotDir, cacheDir);
const copies = Math.ceil(TARGET_ROWS / reloaded!.rowCount);
const loadedAt = performance.now();
const bigRows = replicate(reloaded!.rows, copies);
const replicatedAt = performance.now();
const bigMeta = reloaded!.meta;
const big = new PriceCatalog(bigRows, {
  ...bigMeta,
  source: `${bigMeta.source} — REPLICATED over ${copies - 1} synthetic region sets`,
});
const indexedAt = performance.now();
const bigService = serviceFor(big);
const bigReady = performance.now() - started;
const phase = (ms: number) => `${Math.round(ms)} ms`;
console.log(
  `\n1M ready: load real slice ${phase(loadedAt - started)}, replicate ${phase(replicatedAt - loadedAt)}, ` +
    `index ${phase(indexedAt - replicatedAt)}, service (FinOps lookups, regions) ${phase(performance.now() - indexedAt)}`,
);
console.log(
  `\n1M catalog: the real slice replicated ${copies}× over SYNTHETIC regions (e.g. westeurope-syn1), ${big.regions().length} regions`,
);
const big1m = measure('1M (synthetic)', bigRows, big, bigService, bigReady);

const speedup = big1m.scanned.mean / big1m.indexed.mean;
const freeTextRatio = big1m.freeText.p99 / small40k.freeText.p99;
console.log('\nTargets at 1M rows:');
console.log(
  `  structured lookup ≥ 1000× faster than scan: ${Math.round(speedup).toLocaleString('en-US')}× ${speedup >= 1000 ? 'OK' : 'MISSED'}`,
);
console.log(
  `  free-text p99 at 1M ≤ 2× p99 at 40k: ${freeTextRatio.toFixed(2)}× ${freeTextRatio <= 2 ? 'OK' : 'MISSED'}`,
);
console.log(`  ready ≤ 5 s: ${(bigReady / 1000).toFixed(2)} s ${bigReady <= 5000 ? 'OK' : 'MISSED'}`);
console.log(`  RSS ≤ 600 MB: ${big1m.rss} MB ${big1m.rss <= 600 ? 'OK' : 'MISSED'}`);
