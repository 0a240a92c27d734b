/**
 * The bot's own records: cost of an audited change as history grows (npm run bench:records).
 *
 * An "audited change" is what a state-changing request writes besides its effect: ExactlyOnce
 * reserves the request id, the effect appends its audit entry, ExactlyOnce stores the outcome.
 * 1. Files (production settings: every write fsynced): latency p50/p99 of MEASURED changes after
 *    100 and after BENCH_CHANGES (default 100,000) earlier changes; then the size on disk of the
 *    records and of the audit log, before and after pruning (clock moved past the retention).
 *    The history is filled without fsync (bulk seeding, same files) so the run takes minutes, not
 *    hours, and flushed to disk (`sync`) before measuring; the measured changes are fsynced.
 * 2. The same on Azure Blob (Azurite in memory, on loopback) with BENCH_BLOB_CHANGES (default
 *    5,000) earlier changes.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import type { Clock } from '../src/domain/clock.js';
import { ExactlyOnce } from '../src/domain/idempotency/exactlyOnce.js';
import type { AuditLog } from '../src/domain/services/auditLog.js';
import { BlobAuditLog } from '../src/storage/blobAuditLog.js';
import { BlobIdempotencyStore } from '../src/storage/blobIdempotencyStore.js';
import { FileAuditLog } from '../src/storage/fileAuditLog.js';
import { FileIdempotencyStore } from '../src/storage/fileIdempotencyStore.js';
import type { PrunableIdempotencyStore } from '../src/storage/records.js';
import { startAzurite } from '../test/support/azurite.js';

const FILE_CHANGES = Number(process.env.BENCH_CHANGES ?? 100_000);
const BLOB_CHANGES = Number(process.env.BENCH_BLOB_CHANGES ?? 5_000);
const MEASURED = Number(process.env.BENCH_MEASURED ?? 300);
const FILL_CONCURRENCY = 16;
const START = Date.parse('2026-12-01T09:00:00.000Z');

/** A clock the bench moves forward: one second per change. */
function steppingClock(): Clock & { advance(ms: number): void } {
  let now = START;
  return {
    now: () => new Date(now),
    advance(ms: number) {
      now += ms;
    },
  };
}

let sequence = 0;
async function auditedChange(once: ExactlyOnce, audit: AuditLog, clock: Clock): Promise<void> {
  const n = ++sequence;
  await once.run(
    {
      scope: 'purchase.order',
      tenantId: 'tenant-1',
      requestId: `req-${n}`,
      payload: { customerId: 'c-1', n },
    },
    async () => {
      await audit.record({
        at: clock.now().toISOString(),
        tenantId: 'tenant-1',
        userId: '6f1f3c1e-0000-4000-8000-000000000001',
        userDisplayName: 'Alex Wilber',
        operation: 'purchase.order',
        customerId: `c-${n % 500}`,
        requestId: `req-${n}`,
        outcome: 'succeeded',
        details: { orderId: `order-${n}` },
      });
      return { orderId: `order-${n}` };
    },
  );
}

async function fill(
  count: number,
  once: ExactlyOnce,
  audit: AuditLog,
  clock: Clock & { advance(ms: number): void },
) {
  let done = 0;
  const worker = async () => {
    while (done < count) {
      done += 1;
      clock.advance(1000);
      await auditedChange(once, audit, clock);
    }
  };
  await Promise.all(Array.from({ length: FILL_CONCURRENCY }, worker));
}

async function measure(once: ExactlyOnce, audit: AuditLog, clock: Clock & { advance(ms: number): void }) {
  const timings: number[] = [];
  for (let i = 0; i < MEASURED; i++) {
    clock.advance(1000);
    const started = performance.now();
    await auditedChange(once, audit, clock);
    timings.push(performance.now() - started);
  }
  timings.sort((a, b) => a - b);
  const at = (q: number) => timings[Math.min(timings.length - 1, Math.floor(q * timings.length))];
  return { p50: at(0.5), p99: at(0.99) };
}

function fmt(ms: number): string {
  return `${ms.toFixed(2)} ms`;
}

/** Apparent bytes, allocated bytes (blocks) and file count under a folder. */
function diskUsage(folder: string): { bytes: number; allocated: number; files: number } {
  let bytes = 0;
  let allocated = 0;
  let files = 0;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      const info = statSync(path);
      allocated += info.blocks * 512;
      if (entry.isDirectory()) walk(path);
      else {
        bytes += info.size;
        files += 1;
      }
    }
  };
  try {
    walk(folder);
  } catch {
    // Missing folder: nothing stored.
  }
  return { bytes, allocated, files };
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

async function blobUsage(container: ContainerClient, prefix: string) {
  let bytes = 0;
  let blobs = 0;
  for await (const item of container.listBlobsFlat({ prefix })) {
    bytes += item.properties.contentLength ?? 0;
    blobs += 1;
  }
  return { bytes, blobs };
}

interface Stores {
  fill: { store: PrunableIdempotencyStore; audit: AuditLog };
  measured: { store: PrunableIdempotencyStore; audit: AuditLog };
  /** The same files without fsync: the layout's own cost, without the disk's flush noise. */
  unsynced?: { store: PrunableIdempotencyStore; audit: AuditLog };
}

async function run(
  label: string,
  total: number,
  open: (clock: Clock) => Stores,
  usage: () => Promise<string>,
): Promise<void> {
  const clock = steppingClock();
  const stores = open(clock);
  const filler = new ExactlyOnce(stores.fill.store, clock);
  const measured = new ExactlyOnce(stores.measured.store, clock);
  console.log(`\n${label}`);
  const unsynced = stores.unsynced ? new ExactlyOnce(stores.unsynced.store, clock) : undefined;
  const rows: Array<{ after: number; p50: number; p99: number; raw?: { p50: number; p99: number } }> = [];
  let filled = 0;
  for (const level of [100, total]) {
    const started = performance.now();
    await fill(level - filled, filler, stores.fill.audit, clock);
    filled = level;
    const fillS = ((performance.now() - started) / 1000).toFixed(1);
    // The history was written without fsync: flush it to disk first, as it would be in a running
    // bot, so the measured fsyncs do not wait for the kernel writing back the bulk fill.
    execFileSync('sync');
    const figures = await measure(measured, stores.measured.audit, clock);
    filled += MEASURED;
    const raw = unsynced ? await measure(unsynced, stores.unsynced!.audit, clock) : undefined;
    if (raw) filled += MEASURED;
    rows.push({ after: level, ...figures, raw });
    console.log(
      `  after ${String(level).padStart(7)} changes (filled in ${fillS} s): ` +
        `p50 ${fmt(figures.p50)}, p99 ${fmt(figures.p99)} per audited change (${MEASURED} measured)` +
        (raw ? `; without fsync p50 ${fmt(raw.p50)}, p99 ${fmt(raw.p99)}` : ''),
    );
  }
  const ratio = (a: number, b: number) => `×${(a / b).toFixed(2)}`;
  console.log(
    `  ratio ${total} vs 100: p50 ${ratio(rows[1].p50, rows[0].p50)}, p99 ${ratio(rows[1].p99, rows[0].p99)}` +
      (rows[0].raw && rows[1].raw
        ? `; without fsync p50 ${ratio(rows[1].raw.p50, rows[0].raw.p50)}, p99 ${ratio(rows[1].raw.p99, rows[0].raw.p99)}`
        : ''),
  );
  console.log(`  stored after ${filled} changes: ${await usage()}`);
  // Prune as the background timer would, once the retention (168 h) has passed for all of them.
  clock.advance(169 * 60 * 60 * 1000);
  const started = performance.now();
  const removed = await stores.measured.store.prune();
  console.log(
    `  prune at +169 h removed ${removed} records in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  console.log(`  stored after pruning: ${await usage()}`);
}

console.log(
  `Records benchmark — Node ${process.version}; ${MEASURED} measured changes per level, one at a time`,
);

// 1. Files.
const root = mkdtempSync(join(tmpdir(), 'bench-records-'));
try {
  await run(
    `Files (FileIdempotencyStore + FileAuditLog, fsync on), ${FILE_CHANGES} changes`,
    FILE_CHANGES,
    (clock) => ({
      fill: {
        store: new FileIdempotencyStore(join(root, 'requests'), { clock, durable: false }),
        audit: new FileAuditLog(join(root, 'audit'), { durable: false }),
      },
      measured: {
        store: new FileIdempotencyStore(join(root, 'requests'), { clock }),
        audit: new FileAuditLog(join(root, 'audit')),
      },
      unsynced: {
        store: new FileIdempotencyStore(join(root, 'requests'), { clock, durable: false }),
        audit: new FileAuditLog(join(root, 'audit'), { durable: false }),
      },
    }),
    async () => {
      const requests = diskUsage(join(root, 'requests'));
      const audit = diskUsage(join(root, 'audit'));
      return (
        `request records ${requests.files} files, ${mb(requests.bytes)} data / ${mb(requests.allocated)} on disk; ` +
        `audit ${audit.files} files, ${mb(audit.bytes)} (kept: audit is not pruned)`
      );
    },
  );
} finally {
  rmSync(root, { recursive: true, force: true });
}

// 2. Blob on Azurite.
const azurite = await startAzurite();
try {
  const container = BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient(
    'bench',
  );
  await container.create();
  await run(
    `Azure Blob on Azurite (BlobIdempotencyStore + BlobAuditLog), ${BLOB_CHANGES} changes`,
    BLOB_CHANGES,
    (clock) => {
      const store = new BlobIdempotencyStore(container, { clock });
      const audit = new BlobAuditLog(container);
      return { fill: { store, audit }, measured: { store, audit } };
    },
    async () => {
      const requests = await blobUsage(container, 'idempotency/');
      const audit = await blobUsage(container, 'audit/');
      return `request records ${requests.blobs} blobs, ${mb(requests.bytes)}; audit ${audit.blobs} append blobs, ${mb(audit.bytes)}`;
    },
  );
} finally {
  await azurite.stop();
}
