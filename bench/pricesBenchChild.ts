/**
 * One measurement of the price benchmark, in its own process so one load's heap does not pollute
 * the next (started by bench/prices.bench.ts; not meant to be run by hand):
 *   node --expose-gc --import tsx bench/pricesBenchChild.ts <snapshotDir> <cacheDir> <questions.json|-> [finopsDir]
 * Loads the folder through the real path (loadSnapshotFolder: CSV import or compact cache),
 * builds the PriceService, and prints one JSON line with ready time, peak and settled RSS and,
 * when questions are given, structured lookup vs a fair linear scan and free-text timings.
 */
import { readFileSync } from 'node:fs';
import { priceRowKey } from '../src/domain/prices/priceRow.js';
import { F, type PriceTable } from '../src/domain/prices/priceTable.js';
import { PriceService } from '../src/priceData/priceService.js';
import { loadSnapshotFolder } from '../src/priceData/snapshotLoader.js';
import { seededRandom, type BenchQuestion } from './priceQuestions.js';

const [snapshotDir, cacheDir, questionsFile, finopsDir] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc;
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 20);
const rssBefore = process.memoryUsage().rss;
const started = performance.now();
const { catalog, report } = loadSnapshotFolder(snapshotDir, cacheDir);
if (!catalog) throw new Error(report.fatal ?? 'snapshot did not load');
const service = new PriceService({
  paths: { snapshotDir: null, finopsDir: finopsDir || null, fxFile: null },
});
service.load();
service.useCatalog(catalog);
const readyMs = performance.now() - started;
clearInterval(sampler);
// maxRSS is the kernel's high-water mark (KB): it sees the peak inside the synchronous load,
// which the interval sampler cannot.
const maxRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);
gc?.();
const readyRss = process.memoryUsage().rss;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
function timeEach(count: number, run: (i: number) => void) {
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

/**
 * The fair baseline: the same columnar rows, compared field by field (meterId first, the most
 * selective), no key string built per row; returns the first match as the index would.
 */
function linearScan(table: PriceTable, key: string): number {
  const [skuId, meterId, type, tier, term] = key.split('|');
  const rows = table.rowCount;
  for (let r = 0; r < rows; r++) {
    if (
      table.text(r, F.meterId) === meterId &&
      table.text(r, F.skuId) === skuId &&
      table.text(r, F.type) === type &&
      table.text(r, F.reservationTerm) === term &&
      table.text(r, F.tierMinimumUnits) === tier
    )
      return r;
  }
  return -1;
}

let result: Record<string, unknown> = {
  rows: catalog.rowCount,
  regions: catalog.regions().length,
  fromCache: report.fromCache,
  readyMs,
  loadMs: report.millis,
  peakRssMb: mb(maxRss),
  loadRssDeltaMb: mb(maxRss - rssBefore),
  readyRssMb: mb(readyRss),
};

if (questionsFile && questionsFile !== '-') {
  const questions = JSON.parse(readFileSync(questionsFile, 'utf8')) as BenchQuestion[];
  const random = seededRandom(7);
  const keys = Array.from({ length: 5000 }, () =>
    priceRowKey(catalog.row(Math.floor(random() * catalog.rowCount))),
  );
  for (const key of keys) catalog.get(key); // warm-up (JIT), as the free-text questions get below
  const batch = 100; // 100 lookups per timing, so the clock's own cost does not swamp a Map hit
  const indexedBatches = timeEach(keys.length / batch, (b) => {
    for (let i = b * batch; i < (b + 1) * batch; i++)
      if (catalog.get(keys[i]) === null) throw new Error('lookup missed');
  });
  const indexed = {
    p50: indexedBatches.p50 / batch,
    p99: indexedBatches.p99 / batch,
    mean: indexedBatches.mean / batch,
  };
  const scanCount = catalog.rowCount > 100_000 ? 60 : 400;
  const scanned = timeEach(scanCount, (i) => {
    if (linearScan(catalog.table, keys[i]) < 0) throw new Error('scan missed');
  });
  // Warm-up (JIT, caches) on other questions, so both sizes are measured in the same steady state.
  const warmup = Math.min(500, Math.floor(questions.length / 4));
  for (let i = 0; i < warmup; i++) service.ask(questions[i].text, questions[i].locale);
  const measured = questions.slice(warmup);
  // Each question is asked ROUNDS times and its median time kept, so a GC pause or a neighbour
  // process does not pass for a slow question; the percentiles are over the questions.
  const ROUNDS = 3;
  let answered = 0;
  const perQuestion: number[][] = measured.map(() => []);
  for (let round = 0; round < ROUNDS; round++)
    measured.forEach((question, i) => {
      const start = process.hrtime.bigint();
      const answer = service.ask(question.text, question.locale);
      perQuestion[i].push(Number(process.hrtime.bigint() - start) / 1e3);
      if (round === 0 && answer.kind === 'answer') answered++;
    });
  const medians = perQuestion.map((times) => times.sort((a, b) => a - b)[Math.floor(times.length / 2)]);
  medians.sort((a, b) => a - b);
  const freeText = {
    p50: percentile(medians, 50),
    p99: percentile(medians, 99),
    mean: medians.reduce((a, b) => a + b, 0) / medians.length,
  };
  gc?.();
  result = {
    ...result,
    indexed,
    scanned,
    freeText,
    questions: measured.length,
    answered,
    settledRssMb: mb(process.memoryUsage().rss),
  };
}
process.stdout.write(`${JSON.stringify(result)}\n`);
