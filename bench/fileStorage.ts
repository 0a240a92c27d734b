/**
 * Bot-state storage benchmarks. Run: npx tsx bench/fileStorage.ts [latency|turns] [--config before|after|log]
 *   latency (default): write latency with 1 and 5,000 stored conversations, durable (fsync) and not.
 *   turns: file-system calls and CPU per simulated turn of a NEW conversation, 20 turns at a time:
 *     read 3 keys that have no file (conversation state, user state, conversation reference), a
 *     durable write of the conversation state (before the card), the turn's last save of the same
 *     key without fsync (withoutSync) and a non-durable write of the conversation reference.
 *     "before": FileStorage as src/app.ts composed it until issue 18 (only `durable`); "after": as
 *     after LogStorage's arrival (ownsFolder, writeBehind); "log": LogStorage, as src/app.ts now. `--strace` prints the pid and waits 3 s before the measured
 *     turns, and 3 s after them, for `strace -f -c -p <pid>` (per turn: divide by 2,000).
 *     BENCH_DIR=/dev/shm puts the folder on tmpfs (no fsync cost); BENCH_CONCURRENT changes the 20.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fdatasync } from 'node:fs';
import { promisify } from 'node:util';
import { FileStorage, type FileOp, type FileStorageOptions } from '../src/storage/fileStorage.js';
import { LogStorage } from '../src/storage/logStorage.js';
import type { LocalStateStorage } from '../src/storage/stateStorage.js';

const fdatasyncFd = promisify(fdatasync);

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

async function latency(): Promise<void> {
  for (const stored of [1, 5_000]) {
    const folder = await mkdtemp(join(tmpdir(), 'bench-file-storage-'));
    await seed(folder, stored, (i) => `conv-${i}`);
    for (const durable of [true, false]) {
      const line = await percentiles(new FileStorage(folder, { durable }));
      console.log(`${String(stored).padStart(5)} stored, durable=${String(durable).padEnd(5)}: ${line}`);
    }
    await rm(folder, { recursive: true, force: true });
  }
}

async function seed(folder: string, count: number, keyOf: (i: number) => string): Promise<void> {
  const seeder = new FileStorage(folder, { durable: false });
  for (let start = 0; start < count; start += 500) {
    const size = Math.min(500, count - start);
    await seeder.write(Object.fromEntries(Array.from({ length: size }, (_, i) => [keyOf(start + i), { i }])));
  }
}

const isReference = (key: string) => key.startsWith('conversation-reference/');
const CONFIGS: Record<string, FileStorageOptions> = {
  before: { durable: (key) => !isReference(key) },
  after: { durable: (key) => !isReference(key), ownsFolder: true, writeBehind: true },
};

const TURNS = 2_000;
const CONCURRENT = Number(process.env.BENCH_CONCURRENT ?? 20);
const STORED_CONVERSATIONS = 1_000;
const STATE = {
  dialogState: { dialogStack: [{ id: 'pecEstimate', state: { step: 1 } }] },
  padding: 'x'.repeat(1_500),
};

async function turns(configName: string, strace: boolean): Promise<void> {
  const folder = await mkdtemp(join(process.env.BENCH_DIR ?? tmpdir(), 'bench-file-storage-turns-'));
  // Conversations of before: the shard folders exist and hold files, as on a running bot.
  await seed(folder, STORED_CONVERSATIONS * 3, (i) => `msteams/old-${i}`);
  const counts = new Map<string, number>();
  let folderFsyncs = 0;
  const storage: LocalStateStorage =
    configName === 'log'
      ? new LogStorage(folder, {
          durable: (key) => !isReference(key),
          fdatasync: async (fd) => {
            counts.set('fdatasync', (counts.get('fdatasync') ?? 0) + 1);
            await fdatasyncFd(fd);
          },
        })
      : new FileStorage(folder, {
          ...CONFIGS[configName],
          observe: (op: FileOp, path: string) => {
            if (op === 'renamed') return;
            counts.set(op, (counts.get(op) ?? 0) + 1);
            if (op === 'fsync' && !path.endsWith('.tmp')) folderFsyncs += 1;
          },
        });
  // LogStorage takes over the seeded files as records (as after an upgrade).
  if (storage instanceof LogStorage) await storage.open();

  async function turn(n: number): Promise<number> {
    const started = performance.now();
    const conversation = `msteams/conversations/new-${n}/users/29:u-${n}/`;
    const user = `msteams/users/29:u-${n}/`;
    const reference = `conversation-reference/new-${n}`;
    const items = await storage.read([conversation, user, reference]);
    if (Object.keys(items).length !== 0) throw new Error('a new conversation has no state');
    await storage.write({ [conversation]: { ...STATE } });
    await storage.withoutSync([conversation], () =>
      storage.write({ [conversation]: { ...STATE, prompts: [[{ id: `card-${n}` }]], eTag: '*' } }),
    );
    await storage.write({ [reference]: { reference: { conversation: { id: `new-${n}` } }, eTag: '*' } });
    return performance.now() - started;
  }

  async function run(first: number, count: number): Promise<number[]> {
    const latencies: number[] = [];
    let next = first;
    await Promise.all(
      Array.from({ length: CONCURRENT }, async () => {
        while (next < first + count) latencies.push(await turn(next++));
      }),
    );
    return latencies;
  }

  await run(0, 200); // warm-up (JIT, the shard folders' listings)
  await storage.flush();
  counts.clear();
  folderFsyncs = 0;
  if (strace) {
    console.log(`pid ${process.pid}: measured turns start in 3 s`);
    await sleep(3_000);
  }
  const cpu = process.cpuUsage();
  const started = performance.now();
  const latencies = await run(1_000_000, TURNS);
  await storage.flush(); // what is written behind counts too
  const elapsed = performance.now() - started;
  const used = process.cpuUsage(cpu);
  if (strace) {
    console.log('measured turns done: detach strace within 3 s');
    await sleep(3_000);
  }

  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.floor(q * (latencies.length - 1))].toFixed(2);
  const total = [...counts.values()].reduce((sum, count) => sum + count, 0);
  const perTurn = (count: number) => (count / TURNS).toFixed(2);
  const breakdown = [...counts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([op, count]) => `${op} ${perTurn(count)}`)
    .join(', ');
  console.log(
    `${configName.padEnd(6)} ${TURNS} turns, ${CONCURRENT} at a time: ` +
      (configName === 'log'
        ? `disk syncs/turn ${perTurn(counts.get('fdatasync') ?? 0)} (records appended, one write per batch); `
        : `${perTurn(total)} fs calls/turn (${breakdown}); `) +
      `folder fsyncs per durable write ${(folderFsyncs / TURNS).toFixed(3)}; ` +
      `CPU ${((used.user + used.system) / TURNS) | 0} µs/turn (user ${(used.user / TURNS) | 0}, system ${(used.system / TURNS) | 0}); ` +
      `turn p50 ${at(0.5)} ms, p95 ${at(0.95)} ms; ${(elapsed / TURNS).toFixed(3)} ms wall/turn`,
  );
  if (storage instanceof LogStorage) await storage.close();
  await rm(folder, { recursive: true, force: true });
}

/** Durable writes at the same time into ONE shard folder (a burst): how many folder fsyncs they share. */
async function burst(): Promise<void> {
  const folder = await mkdtemp(join(tmpdir(), 'bench-file-storage-burst-'));
  let folderFsyncs = 0;
  const storage = new FileStorage(folder, {
    observe: (op, path) => {
      if (op === 'fsync' && !path.endsWith('.tmp')) folderFsyncs += 1;
    },
  });
  const keys: string[] = [];
  // FileStorage's shard folder: the first 2 hex of the key's SHA-256.
  const shardOf = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 2);
  for (let n = 0; keys.length < 200; n++) {
    const key = `msteams/conversations/burst-${n}/`;
    if (shardOf(key) === shardOf('msteams/conversations/burst-0/')) keys.push(key);
  }
  const started = performance.now();
  for (let i = 0; i < keys.length; i += CONCURRENT) {
    await Promise.all(keys.slice(i, i + CONCURRENT).map((key) => storage.write({ [key]: { ...STATE } })));
  }
  const elapsed = performance.now() - started;
  console.log(
    `burst  ${keys.length} durable writes into one shard folder, ${CONCURRENT} at a time: ` +
      `${(folderFsyncs / keys.length).toFixed(3)} folder fsyncs per write; ${(elapsed / keys.length).toFixed(3)} ms wall/write`,
  );
  await rm(folder, { recursive: true, force: true });
}

const args = process.argv.slice(2);
const configAt = args.indexOf('--config');
if (args[0] === 'turns') {
  const names = configAt >= 0 ? [args[configAt + 1]] : ['before', 'after', 'log', 'before', 'after', 'log'];
  for (const name of names) await turns(name, args.includes('--strace'));
  if (configAt < 0) await burst();
} else {
  await latency();
}
