/**
 * MCA board benchmark (issue 14): a 10,000-customer seed, the bot over HTTP (restify +
 * CloudAdapter + the embedded Partner Center emulator over REST, a fake connector answering
 * replies). Sends `mca status` once (the state index starts building in the background), waits
 * for the index (GET /healthz `mcaIndex`: build time and Partner Center calls), then sends
 * `mca status`, `mca status expired` (a filter) and the board's page 2 BENCH_TURNS times each and
 * prints p50 / p99 answer time and the card's size (JSON of the attachment content, and of the
 * whole activity). Goal: under 2 s and under 28 KB. A benchmark, not a timed test.
 *
 * Run: npm run bench:mca   Env: BENCH_TURNS (30), BENCH_CUSTOMERS (10000)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { mcaIndexBuilt, mcaIndexProgress } from './mcaIndexProgress.js';
import { readSeedFile } from '../src/partnerCenter/sandbox/seedLoader.js';
import { generateSeed } from '../src/partnerCenter/sandbox/seedGenerator.js';
import { startAppUnderTest, type AppUnderTest } from '../test/e2e/support/appUnderTest.js';
import type { ConnectorCall } from '../test/e2e/support/fakeConnector.js';
import { MEGAN } from '../test/e2e/support/teamsClient.js';

const TURNS = Number(process.env.BENCH_TURNS ?? 30);
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 10_000);
const LIMIT = 28 * 1024;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

let conversations = 0;

/** One turn: the time until its reply arrives, and that reply. */
async function turn(app: AppUnderTest, value: { text?: string; submit?: Record<string, unknown> }) {
  const conversationId = `bench-mca-${(conversations += 1)}`;
  const activity = app.client.activity(value.text ?? '', {
    user: MEGAN,
    conversationId,
    ...(value.submit ? { value: value.submit } : {}),
  });
  const started = performance.now();
  await app.client.post(activity);
  const [reply] = await app.connector.waitFor((): ConnectorCall[] | undefined => {
    const messages = app.connector.messages(conversationId);
    return messages.length > 0 ? messages : undefined;
  }, 60_000);
  return { ms: performance.now() - started, reply: reply! };
}

function sizes(reply: ConnectorCall) {
  const content = reply.activity.attachments?.[0]?.content;
  return {
    card: Buffer.byteLength(JSON.stringify(content ?? {})),
    activity: Buffer.byteLength(JSON.stringify(reply.activity)),
  };
}

const dir = mkdtempSync(join(tmpdir(), 'bench-mca-'));
const seedFile = join(dir, `seed-${CUSTOMERS}.json`);
writeFileSync(
  seedFile,
  JSON.stringify(generateSeed(await readSeedFile('seed/sandbox-seed.json'), CUSTOMERS, 1)),
);
const app = await startAppUnderTest({
  SANDBOX_SEED_FILE: seedFile,
  TRANSITION_STEP_MS: process.env.TRANSITION_STEP_MS ?? '3000',
});
try {
  // The first ask starts the build and answers with what is known.
  const buildStarted = performance.now();
  const first = await turn(app, { text: 'mca status' });
  const firstProgress = await mcaIndexProgress(app.app.url);
  console.log(
    `first mca status (index building): ${first.ms.toFixed(0)} ms, ${sizes(first.reply).card} bytes; ` +
      `checked ${firstProgress.checked} of ${firstProgress.total}`,
  );
  const progress = await mcaIndexBuilt(app.app.url);
  const buildMs = performance.now() - buildStarted;
  console.log(
    `index built: ${progress.checked} of ${progress.total} customers in ${(buildMs / 1000).toFixed(1)} s, ` +
      `${progress.buildCalls} Partner Center calls (${(progress.buildCalls / progress.total).toFixed(2)} per customer), ` +
      `${progress.failed} failed`,
  );

  const cases: Array<{ name: string; value: { text?: string; submit?: Record<string, unknown> } }> = [
    { name: 'mca status', value: { text: 'mca status' } },
    { name: 'mca status expired', value: { text: 'mca status expired' } },
    { name: 'board page 2', value: { submit: { verb: 'mca.board', page: 1, states: '' } } },
  ];
  console.log(
    `\nanswer time, ms (${TURNS} turns each, warm index); card / whole activity bytes (limit ${LIMIT})`,
  );
  console.log('case                    p50      p99    card bytes  activity bytes');
  for (const { name, value } of cases) {
    const times: number[] = [];
    let size = { card: 0, activity: 0 };
    for (let i = 0; i < TURNS + 2; i += 1) {
      const { ms, reply } = await turn(app, value);
      if (i >= 2) times.push(ms); // the first turns warm the code paths
      size = sizes(reply);
    }
    console.log(
      `${name.padEnd(20)} ${percentile(times, 50).toFixed(1).padStart(7)}  ${percentile(times, 99).toFixed(1).padStart(7)}   ${String(size.card).padStart(9)}  ${String(size.activity).padStart(12)}` +
        `${percentile(times, 99) < 2000 && size.activity < LIMIT ? '' : '   ← over the goal'}`,
    );
  }
} finally {
  await app.stop();
  rmSync(dir, { recursive: true, force: true });
}
