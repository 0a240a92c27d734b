/**
 * `npm run test:e2e`: the real-client end-to-end test. Starts the bot and Microsoft 365 Agents
 * Playground, drives the Playground in headless Chromium (Debian `chromium`), types `help` and checks
 * that the help card is rendered. Screenshots: test-output/playground/ (git-ignored). Exits non-zero
 * on failure and always stops everything it started. More flows: see test/e2e-playground/driver.ts.
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { PlaygroundDriver } from '../test/e2e-playground/driver.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const OVERALL_TIMEOUT_MS = 180_000;

interface Flow {
  name: string;
  user: string;
  run(driver: PlaygroundDriver): Promise<void>;
}

const FLOWS: Flow[] = [
  {
    name: 'help card for the Global admin (Playground default user Alex Wilber)',
    user: 'alex',
    async run(driver) {
      await driver.say('help');
      const card = await driver.waitForCardText('What you can do');
      expectIncludes(card, ['Alex Wilber', 'Global admin', 'customers']);
      await driver.screenshot('help-alex');
    },
  },
  {
    name: 'help card after switching the Playground to a Sales agent (Megan Bowen)',
    user: 'megan',
    async run(driver) {
      await driver.say('help');
      const card = await driver.waitForCardText('What you can do');
      expectIncludes(card, ['Megan Bowen', 'Sales agent']);
      await driver.screenshot('help-megan');
    },
  },
  {
    name: 'help card in Korean for a ko-KR message (도움말)',
    user: 'alex',
    async run(driver) {
      await driver.sayInLocale('도움말', 'ko-KR');
      const card = await driver.waitForCardText('할 수 있는 일');
      expectIncludes(card, ['Alex Wilber', '고객 목록']);
      await driver.screenshot('help-ko');
    },
  },
];

function expectIncludes(text: string, expected: string[]): void {
  const missing = expected.filter((part) => !text.includes(part));
  if (missing.length > 0) throw new Error(`Card lacks ${missing.map((m) => `"${m}"`).join(', ')}:\n${text}`);
}

async function runFlow(flow: Flow): Promise<boolean> {
  const started = Date.now();
  let driver: PlaygroundDriver | undefined;
  try {
    driver = await PlaygroundDriver.start({ user: flow.user, chromiumPath: CHROMIUM });
    await flow.run(driver);
    console.log(`  ✔ ${flow.name} (${Date.now() - started} ms)`);
    return true;
  } catch (error) {
    console.error(
      `  ✘ ${flow.name} (${Date.now() - started} ms)\n${error instanceof Error ? error.message : error}`,
    );
    return false;
  } finally {
    await driver?.stop();
  }
}

async function main(): Promise<number> {
  if (!existsSync(CHROMIUM)) {
    console.error(
      `Chromium not found at ${CHROMIUM}. Install it: apt-get install -y chromium (or set CHROMIUM_PATH).`,
    );
    return 1;
  }
  let failures = 0;
  for (const flow of FLOWS) {
    if (!(await runFlow(flow))) failures++;
  }
  console.log(
    `${FLOWS.length - failures} passing, ${failures} failing; screenshots in test-output/playground/`,
  );
  return failures === 0 ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // Children are killed by the exit hook in scripts/lib/childProcesses.ts whichever way we leave.
  const abort = (reason: string, code: number) => {
    console.error(reason);
    process.exit(code);
  };
  setTimeout(
    () => abort(`e2e did not finish within ${OVERALL_TIMEOUT_MS} ms`, 1),
    OVERALL_TIMEOUT_MS,
  ).unref();
  process.once('SIGINT', () => abort('interrupted', 130));
  process.once('SIGTERM', () => abort('terminated', 143));
  process.exitCode = await main();
}
