import { readFileSync } from 'node:fs';
import dotenv from 'dotenv';
import { startApp, type RunningApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logging.js';
import { startingClock, systemClock } from './domain/clock.js';
import { installProcessGuards } from './processGuards.js';

/**
 * Entry point: `npm start`. Reads `.env` (optional) and the environment, validates the settings,
 * starts the bot and stops it gracefully on SIGTERM/SIGINT (no new requests, in-flight turns
 * finish, stores flushed).
 */
async function main(): Promise<void> {
  dotenv.config({ quiet: true });
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  let config;
  try {
    config = loadConfig(process.env, version);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL);
  // Filled once started: a fatal error during start-up has nothing to close yet.
  const running: { app?: RunningApp } = {};
  let stopping = false;
  const stop = async (signal: string, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    // A fatal error may leave a turn hanging: never wait longer than this for a clean stop.
    setTimeout(() => process.exit(exitCode), 10_000).unref();
    await running.app?.close().catch(() => undefined);
    process.exit(exitCode);
  };
  // One user's failed download or turn must not end the bot for everyone (README: "Production").
  installProcessGuards(process, logger, () => void stop('fatal error', 1));
  // CLOCK_START_AT puts the whole bot on another date (e2e tests across month lengths, demos).
  const clock = config.CLOCK_START_AT ? startingClock(config.CLOCK_START_AT) : systemClock;
  const app = await startApp(config, logger, clock);
  running.app = app;
  console.log(
    `Azure plan assistant ${version} is listening on ${app.url}/api/messages (Partner Center: ${config.PARTNER_CENTER_URL ?? config.PARTNER_CENTER_EMULATOR_URL ?? 'embedded emulator'})`,
  );

  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error('The bot could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
