/**
 * Scale benchmark: turn latency of `customers`, `customer <name>`, `subscriptions <customer>` and a
 * typeahead query (application/search) with 10,000 customers vs the 12 of the demo seed, over the
 * real HTTP endpoint (restify + CloudAdapter, a fake connector answering replies), and the
 * Partner Center calls one `customers` page makes (counting wrapper over the sandbox).
 *
 * The Partner Center emulator runs in its own process, as Partner Center is another service in
 * production: at 10,000 customers its own store rewrites an 11.6 MB file on every change (its
 * upgrade worker every few seconds), which says nothing about the bot's turns. The turns are
 * timed once the MCA state index is built (a running bot's steady state; its build time and calls
 * are printed). BENCH_EMULATOR=embedded runs the emulator inside the bot as `npm start` does.
 *
 * Run: npm run bench:scale   Env: BENCH_TURNS (40 per command and size), BENCH_EMULATOR
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { readSeedFile } from '../src/partnerCenter/sandbox/seedLoader.js';
import { generateSeed } from '../src/partnerCenter/sandbox/seedGenerator.js';
import { openSandbox } from '../src/partnerCenter/sandbox/openSandbox.js';
import { systemClock } from '../src/domain/clock.js';
import type { EnhancedAttestationPort, PartnerCenter } from '../src/domain/partnerCenter/port.js';
import { CustomerDirectory } from '../src/domain/services/customerDirectory.js';
import { McaStateIndex } from '../src/domain/services/mcaStateIndex.js';
import { CUSTOMER_PAGE_SIZE } from '../src/features/shared/pageSizes.js';
import { startAppUnderTest } from '../test/e2e/support/appUnderTest.js';
import { startEmulatorProcess } from '../test/e2e/support/separateProcesses.js';
import { mcaIndexBuilt } from './mcaIndexProgress.js';
import { countingPartnerCenter, total } from '../test/support/countingPartnerCenter.js';

const TURNS = Number(process.env.BENCH_TURNS ?? 40);
const SIZES = [12, 10_000];
const COMMANDS = ['customers', 'customer Northwind Traders Ltd', 'subscriptions Contoso Pharmaceuticals'];

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

const EMBEDDED = process.env.BENCH_EMULATOR === 'embedded';

async function run(size: number, seedFile: string) {
  // The production step of the upgrade worker (the e2e default of 200 ms rewrites the store often).
  const stepMs = process.env.TRANSITION_STEP_MS ?? '3000';
  const emulatorDir = mkdtempSync(join(tmpdir(), 'bench-scale-emulator-'));
  const emulator = EMBEDDED
    ? undefined
    : await startEmulatorProcess({ dataDir: emulatorDir, seedFile, upgradeStepMs: Number(stepMs) });
  const app = await startAppUnderTest({
    SANDBOX_SEED_FILE: seedFile,
    TRANSITION_STEP_MS: stepMs,
    ...(emulator
      ? { PARTNER_CENTER_EMULATOR_URL: emulator.emulatorUrl, LOCAL_ENTRA_URL: emulator.entraUrl }
      : {}),
  });
  const results: Record<string, { p50: number; p99: number }> = {};
  try {
    // The first `customers` starts the MCA state index; a running bot has it built.
    await app.client.say('customers', { conversationId: `bench-${size}-warm` });
    const started = performance.now();
    const built = await mcaIndexBuilt(app.app.url);
    console.log(
      `${size} customers: MCA state index built in ${((performance.now() - started) / 1000).toFixed(1)} s (${built.buildCalls} Partner Center calls)`,
    );
    let n = 0;
    for (const text of COMMANDS) {
      const times: number[] = [];
      for (let i = 0; i < TURNS + 3; i += 1) {
        const conversationId = `bench-${size}-${(n += 1)}`;
        const started = performance.now();
        await app.client.say(text, { conversationId });
        await app.connector.waitFor(
          (calls) => app.connector.messages(conversationId).length > 0 && calls,
          30_000,
        );
        if (i >= 3) times.push(performance.now() - started); // the first turns warm the caches
      }
      results[text.split(' ')[0]!] = { p50: percentile(times, 50), p99: percentile(times, 99) };
    }
    const times: number[] = [];
    for (let i = 0; i < TURNS + 3; i += 1) {
      const activity = {
        ...app.client.activity('', { conversationId: `bench-search-${size}` }),
        type: 'invoke',
        name: 'application/search',
        value: {
          kind: 'typeahead',
          dataset: 'customers',
          queryText: `north${i % 10}`,
          queryOptions: { top: 15 },
        },
      };
      const started = performance.now();
      const response = await app.client.post(activity);
      await response.text();
      if (i >= 3) times.push(performance.now() - started);
    }
    results.typeahead = { p50: percentile(times, 50), p99: percentile(times, 99) };
  } finally {
    await app.stop();
    await emulator?.stop();
    rmSync(emulatorDir, { recursive: true, force: true });
  }
  return results;
}

async function callsPerPage(seedFile: string) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-scale-pc-'));
  const sandbox = await openSandbox({ seedFile, dataFile: join(dir, 'sandbox.json') });
  try {
    const actor = {
      partner: await sandbox.partnerCenter.getPartner(),
      user: { aadObjectId: 'x', tenantId: 'x', displayName: 'x', roles: ['AdminAgent' as const] },
    };
    const first = { page: 1, token: '', trail: [] };
    // Without the MCA state index (every row reads its own state).
    const plain = countingPartnerCenter(sandbox.partnerCenter);
    await new CustomerDirectory(plain.partnerCenter).listPage(actor, CUSTOMER_PAGE_SIZE, first);
    // With the index: cold (nothing known: rows read on demand and put in; the build starts after
    // the page, its calls are not the page's), then warm (index built; a page not shown before).
    const counted = countingPartnerCenter(sandbox.partnerCenter);
    const attestations = countingPartnerCenter(
      sandbox.attestations as unknown as PartnerCenter,
      counted.calls,
    );
    const index = new McaStateIndex({
      partnerCenter: counted.partnerCenter,
      attestations: attestations.partnerCenter as unknown as EnhancedAttestationPort,
      clock: systemClock,
      ttlMs: 15 * 60_000,
      concurrency: 4,
    });
    const directory = new CustomerDirectory(counted.partnerCenter, { mcaIndex: index });
    const mark = () => ({ calls: total(counted.calls), build: index.progress().buildCalls });
    const pageCalls = (from: { calls: number; build: number }) =>
      total(counted.calls) - from.calls - (index.progress().buildCalls - from.build);
    const coldFrom = mark();
    const cold = await directory.listPage(actor, CUSTOMER_PAGE_SIZE, first);
    const coldCalls = pageCalls(coldFrom);
    const built = performance.now();
    await index.refresh();
    const buildSeconds = (performance.now() - built) / 1000;
    const warmFrom = mark();
    const before = { ...counted.calls };
    const warm = await directory.listPage(actor, CUSTOMER_PAGE_SIZE, {
      page: 2,
      token: cold.nextToken ?? '',
      trail: [''],
    });
    const byMethod = Object.fromEntries(
      Object.entries(counted.calls)
        .map(([name, n]) => [name, n - (before[name] ?? 0)] as const)
        .filter(([, n]) => n > 0),
    );
    return {
      withoutIndex: { total: total(plain.calls), byMethod: plain.calls },
      cold: { shown: cold.summaries.length, calls: coldCalls },
      warm: { shown: warm.summaries.length, calls: pageCalls(warmFrom), byMethod },
      index: { ...index.progress(), buildSeconds: Number(buildSeconds.toFixed(1)) },
    };
  } finally {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const dir = mkdtempSync(join(tmpdir(), 'bench-scale-'));
const base = await readSeedFile('seed/sandbox-seed.json');
const figures: Record<number, Record<string, { p50: number; p99: number }>> = {};
for (const size of SIZES) {
  const file = join(dir, `seed-${size}.json`);
  writeFileSync(file, JSON.stringify(generateSeed(base, size, 1)));
  figures[size] = await run(size, file);
  if (size === 10_000) {
    const calls = await callsPerPage(file);
    console.log('Partner Center calls for one customers page (10,000):', JSON.stringify(calls, null, 1));
    console.log(
      `calls per customers page of ${CUSTOMER_PAGE_SIZE}: warm index ${calls.warm.calls} (target 1 + ≤${calls.warm.shown}), ` +
        `cold ${calls.cold.calls}, without the index ${calls.withoutIndex.total}`,
    );
  }
}
console.log(`\nturn latency, ms (${TURNS} turns each)`);
console.log('command        12: p50 / p99     10,000: p50 / p99    ratio p50 / p99');
for (const name of Object.keys(figures[12]!)) {
  const small = figures[12]![name]!;
  const big = figures[10_000]![name]!;
  console.log(
    `${name.padEnd(14)} ${small.p50.toFixed(1).padStart(7)} / ${small.p99.toFixed(1).padStart(7)}   ${big.p50.toFixed(1).padStart(7)} / ${big.p99.toFixed(1).padStart(7)}   ${(big.p50 / small.p50).toFixed(2)} / ${(big.p99 / small.p99).toFixed(2)}`,
  );
}
rmSync(dir, { recursive: true, force: true });
