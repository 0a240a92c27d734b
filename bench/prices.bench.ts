/**
 * Price engine benchmark (a script, not a test): npm run bench:prices
 *
 * 1. Writes a 1M-row snapshot folder to a temp dir by REPLICATING the real EU slice (~40k rows)
 *    over SYNTHETIC regions ("westeurope-syn1", …: same products and prices, new region and meter
 *    ids). Copy 0 is the real slice itself.
 * 2. Loads the real slice and the 1M folder through the real path (loadSnapshotFolder), each in
 *    its own child process: first from CSV (the streaming import, which also writes the compact
 *    cache), then from the compact cache, and reports ready time and peak RSS of each.
 * 3. In the compact-cache child it times structured lookups against a fair linear scan (field
 *    comparisons over the same rows, no key strings built per row) on 5,000 random rows, and
 *    thousands of varied free-text questions (random size × region × phrasing, en and ko).
 */
import { execFileSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  openSync,
  writeSync,
  closeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { resolvePricePaths } from '../src/priceData/pricePaths.js';
import { benchQuestions } from './priceQuestions.js';

const TARGET_ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const QUESTIONS = Number(process.env.BENCH_QUESTIONS ?? 3000);

const paths = resolvePricePaths({ ...process.env, PRICE_DATA_DIR: process.env.PRICE_DATA_DIR ?? '' });
const snapshotDir = paths.snapshotDir;
if (!snapshotDir) {
  console.error('no snapshot folder found (set PRICE_DATA_DIR)');
  process.exit(1);
}
console.log(`Price engine benchmark — real slice ${snapshotDir}`);
console.log(`Node ${process.version}; every load below runs in its own child process\n`);

function readSliceFile(name: string): string {
  const bytes = readFileSync(join(snapshotDir!, name));
  return name.endsWith('.gz') ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8');
}

function csvCell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Writes the real slice's CSV files replicated over synthetic regions; returns what it wrote. */
function writeReplicated(dir: string) {
  const files = readdirSync(snapshotDir!).filter((name) => /\.csv(\.gz)?$/.test(name));
  const slices = files.map((name) => {
    const [header, ...rows] = parse(readSliceFile(name), { bom: true, skip_empty_lines: true }) as string[][];
    return { name: name.replace(/\.gz$/, ''), header, rows };
  });
  const sliceRows = slices.reduce((sum, slice) => sum + slice.rows.length, 0);
  const copies = Math.ceil(TARGET_ROWS / sliceRows);
  let written = 0;
  const handles = slices.map((slice) => {
    const fd = openSync(join(dir, slice.name), 'w');
    writeSync(fd, `${slice.header.join(',')}\n`);
    return fd;
  });
  for (let copy = 0; copy < copies && written < TARGET_ROWS; copy++) {
    slices.forEach((slice, s) => {
      const region = slice.header.indexOf('armRegionName');
      const meter = slice.header.indexOf('meterId');
      const lines: string[] = [];
      for (const row of slice.rows) {
        if (written >= TARGET_ROWS) break;
        const cells =
          copy === 0
            ? row
            : row.map((cell, c) =>
                c === region ? `${cell}-syn${copy}` : c === meter ? `${cell}-s${copy}` : cell,
              );
        lines.push(cells.map(csvCell).join(','));
        written++;
      }
      if (lines.length > 0) writeSync(handles[s], `${lines.join('\n')}\n`);
    });
  }
  handles.forEach((fd) => closeSync(fd));
  return { slices, sliceRows, copies, written };
}

interface Timing {
  p50: number;
  p99: number;
  mean: number;
}
interface ChildResult {
  rows: number;
  regions: number;
  fromCache: boolean;
  readyMs: number;
  peakRssMb: number;
  readyRssMb: number;
  settledRssMb?: number;
  indexed?: Timing;
  scanned?: Timing;
  freeText?: Timing;
  questions?: number;
  answered?: number;
}

function child(dir: string, cacheDir: string, questionsFile: string | null): ChildResult {
  const out = execFileSync(
    process.execPath,
    [
      '--expose-gc',
      '--import',
      'tsx',
      join(import.meta.dirname, 'pricesBenchChild.ts'),
      dir,
      cacheDir,
      questionsFile ?? '-',
      paths.finopsDir ?? '',
    ],
    { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return JSON.parse(out.trim().split('\n').pop()!) as ChildResult;
}

function time(us: number): string {
  return us < 1
    ? `${(us * 1000).toFixed(0)} ns`
    : us < 1000
      ? `${us.toFixed(1)} µs`
      : `${(us / 1000).toFixed(1)} ms`;
}
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function printLoad(label: string, r: ChildResult) {
  console.log(
    `  ${label.padEnd(22)} ready ${secs(r.readyMs).padStart(8)} · peak RSS ${String(r.peakRssMb).padStart(5)} MB · RSS when ready ${r.readyRssMb} MB`,
  );
}

function printQueries(r: ChildResult) {
  const { indexed, scanned, freeText } = r as Required<ChildResult>;
  console.log(
    `  structured lookup (index)     p50 ${time(indexed.p50)}  p99 ${time(indexed.p99)}  mean ${time(indexed.mean)}\n` +
      `  fair linear scan (same rows)  p50 ${time(scanned.p50)}  p99 ${time(scanned.p99)}  mean ${time(scanned.mean)}\n` +
      `  → index is ${Math.round(scanned.mean / indexed.mean).toLocaleString('en-US')}× faster than the scan (mean)\n` +
      `  free-text, ${r.questions} varied questions (en+ko; ${r.answered} priced; median of 3 asks each)  p50 ${time(freeText.p50)}  p99 ${time(freeText.p99)}  mean ${time(freeText.mean)}\n` +
      `  RSS after the questions ${r.settledRssMb} MB`,
  );
}

function run() {
  const bigDir = join(work, 'retail-prices-synthetic-1m');
  const started = performance.now();
  mkdirSync(bigDir);
  const { slices, sliceRows, copies, written } = writeReplicated(bigDir);
  console.log(
    `${written.toLocaleString('en-US')}-row folder: the real slice (${sliceRows.toLocaleString('en-US')} rows) replicated ${copies}× over SYNTHETIC regions ` +
      `(e.g. westeurope-syn1) → ${written.toLocaleString('en-US')} rows on disk in ${secs(performance.now() - started)}\n`,
  );

  const vm = slices.find(
    (s) =>
      s.header.includes('skuName') &&
      s.rows.some((row) => /Standard_/.test(row[s.header.indexOf('skuName')])),
  );
  const sizes = vm
    ? [...new Set(vm.rows.map((row) => row[vm.header.indexOf('skuName')]))].filter(
        (name) => /^Standard_/.test(name) && !/(spot|low priority)$/i.test(name),
      )
    : ['Standard_D2s_v3'];
  const regionIds = [
    ...new Set(slices.flatMap((s) => s.rows.map((row) => row[s.header.indexOf('armRegionName')]))),
  ];
  const questionsFile = join(work, 'questions.json');
  writeFileSync(questionsFile, JSON.stringify(benchQuestions(QUESTIONS, sizes, regionIds)));
  console.log(
    `${QUESTIONS} questions: random ${sizes.length} sizes × ${regionIds.length} regions × en/ko phrasings (seeded)\n`,
  );

  const smallCache = join(work, 'cache-40k');
  const bigCache = join(work, 'cache-1m');
  console.log(`40k (real slice, ${sliceRows.toLocaleString('en-US')} rows):`);
  const smallCsv = child(snapshotDir!, smallCache, null);
  const compressed = readdirSync(snapshotDir!).some((name) => name.endsWith('.gz'));
  // With no PRICE_DATA_DIR / DATA_DIR/prices this is what a fresh clone does on its first start:
  // gunzip + import of the shipped reference snapshot, no compact cache yet.
  printLoad(compressed ? 'cold start (.csv.gz)' : 'from CSV', smallCsv);
  const small = child(snapshotDir!, smallCache, questionsFile);
  printLoad('from compact cache', small);
  printQueries(small);

  console.log(
    `\n${TARGET_ROWS >= 1e6 ? '1M' : 'big'} (SYNTHETIC replicas, ${written.toLocaleString('en-US')} rows):`,
  );
  const bigCsv = child(bigDir, bigCache, null);
  printLoad('from CSV (streaming)', bigCsv);
  const big = child(bigDir, bigCache, questionsFile);
  printLoad('from compact cache', big);
  printQueries(big);
  if (!big.fromCache || bigCsv.fromCache) console.log('  (warning: the cache was not used as expected)');

  // Judged on medians: on a shared machine a neighbour's burst or one GC pause moves a mean or a
  // p99 of microsecond lookups by 10×; the means are printed above as well.
  const speedup = big.scanned!.p50 / big.indexed!.p50;
  const ratio = big.freeText!.p99 / small.freeText!.p99;
  const ok = (pass: boolean) => (pass ? 'OK' : 'MISSED');
  console.log(
    `\nCold start of the ${compressed ? 'shipped compressed (.csv.gz)' : 'plain CSV'} snapshot, no cache: ${secs(smallCsv.readyMs)}, peak RSS ${smallCsv.peakRssMb} MB; then from its cache: ${secs(small.readyMs)}`,
  );
  console.log('\nTargets at 1M rows:');
  console.log(`  ready ≤ 5 s from the compact cache: ${secs(big.readyMs)} ${ok(big.readyMs <= 5000)}`);
  console.log(
    `  RSS ≤ 600 MB (when ready, compact cache): ${big.readyRssMb} MB ${ok(big.readyRssMb <= 600)}`,
  );
  console.log(`  peak RSS of the cache load: ${big.peakRssMb} MB`);
  console.log(
    `  from CSV ≤ 60 s with ≤ 1 GB peak: ${secs(bigCsv.readyMs)}, peak ${bigCsv.peakRssMb} MB ${ok(bigCsv.readyMs <= 60_000 && bigCsv.peakRssMb <= 1024)}`,
  );
  console.log(
    `  structured lookup ≥ 1000× the fair scan (p50 vs p50): ${Math.round(speedup).toLocaleString('en-US')}× ${ok(speedup >= 1000)}`,
  );
  console.log(`  free-text p99 at 1M ≤ 2× p99 at 40k: ${ratio.toFixed(2)}× ${ok(ratio <= 2)}`);
}

const work = mkdtempSync(join(tmpdir(), 'price-bench-'));
try {
  run();
} finally {
  if (process.env.BENCH_KEEP) console.log(`\n(kept ${work})`);
  else rmSync(work, { recursive: true, force: true });
}
