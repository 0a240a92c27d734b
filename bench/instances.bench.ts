/**
 * One vs two bot instances on Azure Blob (Azurite), through a round-robin proxy on loopback:
 * turns/s, p50/p99 (POST → first message reply at the fake connector) and Blob round trips per
 * turn (a counting HTTP proxy sits in front of Azurite).
 *
 * Run: npm run bench:instances
 * Env: BENCH_TURNS (200 per setup), BENCH_CONCURRENCY (10), BENCH_TEXT ("customers").
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startAzurite } from '../test/support/azurite.js';
import { E2E_NOW } from '../test/e2e/support/appUnderTest.js';
import { FakeConnector } from '../test/e2e/support/fakeConnector.js';
import {
  startBotProcess,
  startEmulatorProcess,
  type BotProcess,
} from '../test/e2e/support/separateProcesses.js';
import { startRoundRobinProxy } from '../test/e2e/support/roundRobinProxy.js';
import { MEGAN, TeamsClient } from '../test/e2e/support/teamsClient.js';

const TURNS = Number(process.env.BENCH_TURNS ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 10);
const TEXT = process.env.BENCH_TEXT ?? 'customers';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-instances-'));
  const connector = new FakeConnector();
  const serviceUrl = await connector.start();
  const azurite = await startAzurite();
  const blobProxy = await startRoundRobinProxy(() => [`http://127.0.0.1:${azurite.port}`]);
  const connection = azurite.connectionString.replace(`http://127.0.0.1:${azurite.port}`, blobProxy.url);
  const emulator = await startEmulatorProcess({ dataDir: join(dir, 'emulator'), clockStartAt: E2E_NOW });
  const bots: BotProcess[] = [];
  const env = (name: string, container: string) => ({
    DATA_DIR: join(dir, name),
    STORAGE: 'blob',
    AZURE_STORAGE_CONNECTION_STRING: connection,
    AZURE_STORAGE_CONTAINER: container,
    PARTNER_CENTER_EMULATOR_URL: emulator.emulatorUrl,
    LOCAL_ENTRA_URL: emulator.entraUrl,
    CLOCK_START_AT: E2E_NOW,
    LOG_LEVEL: 'silent',
  });
  let active: BotProcess[] = [];
  const botProxy = await startRoundRobinProxy(() => active.map((bot) => `${bot.url}`));
  try {
    for (const instances of [1, 2]) {
      const container = `bench${instances}`;
      active = await Promise.all(
        Array.from({ length: instances }, (_, i) => startBotProcess(env(`bot-${instances}-${i}`, container))),
      );
      bots.push(...active);
      const client = new TeamsClient(botProxy.url, serviceUrl);
      // Warm-up (tokens, caches) outside the figures.
      for (let i = 0; i < 4; i += 1) await turn(client, connector, `warm-${instances}-${i}`);
      const before = blobProxy.count();
      const latencies: number[] = [];
      let sent = 0;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async (_, worker) => {
          while (sent < TURNS) {
            const n = sent++;
            latencies.push(await turn(client, connector, `c-${instances}-${worker}-${n % 5}`));
          }
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      const blobRequests = blobProxy.count() - before;
      latencies.sort((x, y) => x - y);
      console.log(
        `${instances} instance(s): ${(TURNS / seconds).toFixed(1)} turns/s, p50 ${percentile(latencies, 50).toFixed(0)} ms, ` +
          `p99 ${percentile(latencies, 99).toFixed(0)} ms, ${(blobRequests / TURNS).toFixed(1)} Blob requests/turn ` +
          `(${TURNS} turns "${TEXT}", concurrency ${CONCURRENCY})`,
      );
      await Promise.all(active.map((bot) => bot.stop('SIGTERM')));
    }
  } finally {
    await Promise.all(bots.map((bot) => bot.stop('SIGKILL')));
    await botProxy.close();
    await emulator.stop();
    await blobProxy.close();
    await azurite.stop();
    await connector.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One turn: POST, then wait for its first message reply. Returns milliseconds. */
async function turn(client: TeamsClient, connector: FakeConnector, conversationId: string): Promise<number> {
  const activity = client.activity(TEXT, { user: MEGAN, conversationId });
  const started = performance.now();
  await client.post(activity);
  await connector.waitFor(
    () =>
      connector.calls.find(
        (call) => call.activity.replyToId === activity.id && call.activity.type === 'message',
      ),
    30_000,
  );
  return performance.now() - started;
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
