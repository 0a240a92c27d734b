/**
 * The real bot of `npm run bench:turns`: startApp exactly as src/index.ts runs it (sandbox backend,
 * durable FileStorage in a fresh data folder, no app credentials), logging silenced. Started as a
 * child process; prints its port on stdout as `PORT <n>`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { fixedClock } from '../../src/domain/clock.js';
import { createLogger } from '../../src/logging.js';

const ownDataDir = !process.env.BENCH_DATA_DIR;
const dataDir = process.env.BENCH_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'bench-turns-'));
// PARTNER_CENTER_READ_TTL_MS=0 measures every turn asking Partner Center (no reads kept).
const readTtl = process.env.PARTNER_CENTER_READ_TTL_MS;
const config = loadConfig(
  {
    PORT: '0',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    ...(readTtl ? { PARTNER_CENTER_READ_TTL_MS: readTtl } : {}),
  },
  'test',
);
// The e2e instant: the sandbox seed and price snapshot answer as in the HTTP tests.
const app = await startApp(config, createLogger('silent'), fixedClock('2026-12-15T10:00:00Z'));
process.stdout.write(`PORT ${app.port}\n`);
process.on('SIGTERM', () => {
  void app.close().finally(() => {
    // A folder of our own (thousands of conversations' state) goes with the run.
    if (ownDataDir) rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  });
});
