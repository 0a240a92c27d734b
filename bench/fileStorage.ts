/**
 * Write latency of FileStorage with 1 and 5,000 stored conversations, durable (fsync) and not.
 * Run: npx tsx bench/fileStorage.ts
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { FileStorage } from '../src/storage/fileStorage.js';

const ROUNDS = 200;

async function percentiles(storage: FileStorage): Promise<string> {
  const timings: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now();
    await storage.write({
      'conv-measured': { round, dialogStack: ['mainDialog'], padding: 'x'.repeat(2_000) },
    });
    timings.push(performance.now() - started);
  }
  timings.sort((a, b) => a - b);
  const at = (q: number) => timings[Math.floor(q * (timings.length - 1))].toFixed(2);
  return `p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms`;
}

for (const stored of [1, 5_000]) {
  const folder = await mkdtemp(join(tmpdir(), 'bench-file-storage-'));
  const seeder = new FileStorage(folder, { durable: false });
  for (let start = 0; start < stored; start += 500) {
    const size = Math.min(500, stored - start);
    await seeder.write(
      Object.fromEntries(Array.from({ length: size }, (_, i) => [`conv-${start + i}`, { i }])),
    );
  }
  for (const durable of [true, false]) {
    const line = await percentiles(new FileStorage(folder, { durable }));
    console.log(`${String(stored).padStart(5)} stored, durable=${String(durable).padEnd(5)}: ${line}`);
  }
  await rm(folder, { recursive: true, force: true });
}
