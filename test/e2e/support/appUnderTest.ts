import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, type AppOverrides, type RunningApp } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { fixedClock, type Clock } from '../../../src/domain/clock.js';
import { createLogger, type Logger } from '../../../src/logging.js';
import { FakeConnector } from './fakeConnector.js';
import { TeamsClient } from './teamsClient.js';

/** The instant every HTTP e2e bot lives at unless a test pins its own: never today's date. */
export const E2E_NOW = '2026-12-15T10:00:00Z';

export interface AppUnderTest {
  app: RunningApp;
  connector: FakeConnector;
  client: TeamsClient;
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * Starts the real server (restify + CloudAdapter + bot + sandbox) on a free port with a fresh data
 * folder, and a fake connector that receives the bot's replies.
 */
export async function startAppUnderTest(
  env: Record<string, string> = {},
  clock?: Clock,
  logger: Logger = createLogger('silent'),
  overrides: AppOverrides = {},
): Promise<AppUnderTest> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bot-e2e-'));
  const connector = new FakeConnector();
  const serviceUrl = await connector.start();
  const config = loadConfig(
    { PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent', TRANSITION_STEP_MS: '200', ...env },
    'test',
  );
  const app = await startApp(config, logger, clock ?? fixedClock(E2E_NOW), overrides);
  return {
    app,
    connector,
    client: new TeamsClient(app.url, serviceUrl),
    dataDir,
    async stop() {
      await app.close();
      await connector.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
