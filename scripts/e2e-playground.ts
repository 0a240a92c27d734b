/**
 * `npm run test:e2e`: the real-client end-to-end test. Starts the bot and Microsoft 365 Agents
 * Playground, drives the Playground in headless Chromium (Debian `chromium`) and checks that `help`
 * renders the help card: as the Global admin, in Korean, as an @mention in a channel, and as a Sales
 * agent. Screenshots: test-output/playground/ (git-ignored). Exits non-zero on failure and always
 * stops everything it started. To script more flows, use test/e2e-playground/driver.ts.
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { PlaygroundDriver } from '../test/e2e-playground/driver.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const OVERALL_TIMEOUT_MS = 360_000;
/**
 * Every bot here runs on a clock that starts at a fixed instant (CLOCK_START_AT), so no check
 * depends on today's date, the month's length or the time zone. `E2E_CLOCK_AT=… npm run test:e2e`
 * runs the whole suite on another date; one session always runs in a February.
 */
const CLOCK_AT = process.env.E2E_CLOCK_AT ?? '2026-12-15T10:00:00Z';
const FEBRUARY_CLOCK_AT = '2027-02-10T10:00:00Z';

/** Days in the UTC month of an instant: what the PEC card must say ("20 of N days"). */
function daysInUtcMonth(iso: string): number {
  const at = new Date(iso);
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 0)).getUTCDate();
}

function pecCheck(clockAt: string): Session['checks'][number] {
  const days = daysInUtcMonth(clockAt);
  return {
    name: `PEC for 20 days of access in a ${days}-day month (${clockAt.slice(0, 7)})`,
    async run(driver) {
      await driver.say('pec 730 h of D4s v5 in West Europe, Owner access for 20 days');
      expectIncludes(await driver.waitForCardText('Partner Earned Credit'), ['Owner', `20 of ${days} days`]);
      await driver.screenshot(`flow-pec-${clockAt.slice(0, 7)}`);
    },
  };
}

/** One bot + Playground + browser session signed in as `user`, running several checks in order. */
interface Session {
  user: string;
  /** Extra environment for this session's bot (e.g. a faster transition pace). */
  botEnv?: NodeJS.ProcessEnv;
  /** Where the bot's clock starts; default CLOCK_AT. */
  clockAt?: string;
  checks: { name: string; run(driver: PlaygroundDriver): Promise<void> }[];
}

const SESSIONS: Session[] = [
  {
    user: 'alex',
    checks: [
      {
        name: 'welcome card on install; its help button answers with the help card',
        async run(driver) {
          await driver.waitForCardText('Welcome');
          await driver.clickCardButton('help');
          await driver.waitForCardText('What you can do');
        },
      },
      {
        name: 'help card for the Global admin (Playground default user Alex Wilber)',
        async run(driver) {
          await driver.say('help');
          const card = await driver.waitForCardText('What you can do');
          expectIncludes(card, ['Alex Wilber', 'Global admin', 'customers']);
          await driver.screenshot('help-alex');
        },
      },
      {
        name: 'help card in Korean for a ko-KR message (도움말)',
        async run(driver) {
          await driver.sayInLocale('도움말', 'ko-KR');
          const card = await driver.waitForCardText('할 수 있는 일');
          expectIncludes(card, ['Alex Wilber', '고객 목록']);
          await driver.screenshot('help-ko');
        },
      },
      {
        name: 'help card for an @mention in a team channel',
        async run(driver) {
          await driver.openConversation('General');
          await driver.sayWithMention('help');
          await driver.waitForCardText('What you can do');
          await driver.screenshot('help-channel');
        },
      },
    ],
  },
  {
    user: 'megan',
    checks: [
      {
        name: 'help card after switching the Playground to a Sales agent (Megan Bowen)',
        async run(driver) {
          await driver.say('help');
          const card = await driver.waitForCardText('What you can do');
          expectIncludes(card, ['Megan Bowen', 'Sales agent']);
          await driver.screenshot('help-megan');
        },
      },
    ],
  },
  {
    user: 'megan',
    checks: [
      {
        name: 'attest MCA for Fabrikam (typo in the name, a bad email first): link, the signatory accepts, proactive "create the agreement?", then buy',
        async run(driver) {
          const page = driver.page;
          await driver.say('attest fabrikm');
          await driver.waitForCardText('Attest MCA acceptance: Fabrikam');
          const form = page.locator('.ac-adaptiveCard').last();
          await form.locator('input').nth(0).fill('Ana');
          await form.locator('input').nth(1).fill('Lopez');
          await form.locator('input').nth(2).fill('ana@fabrikam');
          await form.getByRole('button', { name: 'Review' }).click();
          await page.getByText('Enter a valid email address').first().waitFor();
          await driver.screenshot('flow-attest-error');
          await page
            .locator('.ac-adaptiveCard')
            .last()
            .locator('input')
            .nth(2)
            .fill('ana.lopez@fabrikam.com');
          await page.locator('.ac-adaptiveCard').last().getByRole('button', { name: 'Review' }).click();
          await page.getByText('Confirm the attestation').first().waitFor();
          await driver.clickCardButton('Confirm');
          await page.getByText('Send this link to Ana').first().waitFor();
          await driver.screenshot('flow-attest-link');
          // The signatory opens the link (the bot's local acceptance page) and accepts.
          const link = await page
            .locator('.ac-adaptiveCard input[value*="/emulator/mca-acceptance"]')
            .last()
            .inputValue();
          const attestationId = new URL(link).searchParams.get('attestationId') ?? '';
          const shown = await fetch(link);
          if (shown.status !== 200) throw new Error(`acceptance page answered ${shown.status}`);
          const accepted = await fetch(new URL('/emulator/mca-acceptance/accept', link), {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({ attestationId }).toString(),
          });
          if (accepted.status !== 200) throw new Error(`accepting answered ${accepted.status}`);
          await driver.waitForCardText('Fabrikam, Inc. accepted — create the agreement?');
          await driver.clickCardButton('Create agreement');
          await page.getByText('Agreement created for Fabrikam').first().waitFor();
          await driver.screenshot('flow-attest-done');
          await driver.clickCardButton('Buy Azure plan');
          await driver.waitForCardText('Buy the Azure plan for Fabrikam');
          await driver.clickCardButton('Buy Azure plan');
          await page.getByText('Azure plan bought for Fabrikam').first().waitFor();
          await driver.screenshot('flow-buy-done');
          // The Playground supports Universal Actions: every press above was an Action.Execute invoke.
          expectIncludes(driver.executedVerbs.join(' '), [
            'attest.review',
            'attest.confirm',
            'mca.createAgreement',
            'command.run',
            'buy.confirm',
          ]);
          await driver.say('subscriptions fabrikam');
          await driver.waitForCardText('Azure subscriptions of Fabrikam');
        },
      },
      {
        name: 'attest in Korean: 증명 lamna (an expired link: the form again, signatory kept)',
        async run(driver) {
          await driver.say('증명 lamna');
          const card = await driver.waitForCardText('MCA 동의 증명: Lamna Healthcare');
          expectIncludes(card, ['서명자 이메일', '계약 언어', '영국', '링크가 만료']);
          await driver.screenshot('flow-attest-ko');
        },
      },
      {
        name: 'help in the middle of the attest form (a renewal), then the MCA board',
        async run(driver) {
          const page = driver.page;
          // The Korean check above left its form waiting: another flow would first ask to drop it.
          await driver.say('attest alpine');
          await driver.waitForCardText('You are in the middle of the MCA attestation');
          await driver.clickCardButton('Yes, drop it');
          await driver.waitForCardText('Attest MCA acceptance: Alpine Ski House');
          await page.getByText('must be renewed').first().waitFor();
          await driver.say('help');
          await driver.waitForCardText('What you can do');
          await driver.waitForCardText('Attest MCA acceptance: Alpine Ski House');
          await page.getByText('Shown again below: continue the MCA attestation there.').first().waitFor();
          const form = page.locator('.ac-adaptiveCard').last();
          await form.locator('input').nth(0).fill('Priya');
          await form.locator('input').nth(1).fill('Shah');
          await form.locator('input').nth(2).fill('priya.shah@alpineskihouse.com');
          await form.getByRole('button', { name: 'Review' }).click();
          await page.getByText('Confirm the attestation').first().waitFor();
          await driver.say('cancel');
          await driver.waitForReplyText('Cancelled the MCA attestation');
          await driver.say('mca status');
          await driver.waitForCardText('MCA status of your customers');
          await driver.screenshot('mca-board');
        },
      },
      {
        name: 'group chat: the attest form is posted read-only ("Started by Megan Bowen"); her Refresh brings its buttons',
        async run(driver) {
          // Playground 0.2.28 does not run `refresh` on its own ("User specific view is not supported
          // yet"), so the initiator presses the view's Refresh (an Action.Execute, card.refresh).
          await driver.openConversation('CSP team chat');
          await driver.sayWithMention('attest alpine');
          expectIncludes(await driver.waitForCardText('Attest MCA acceptance: Alpine Ski House'), [
            'Started by Megan Bowen',
          ]);
          await driver.clickCardButton('Refresh');
          await driver.page.locator('.ac-adaptiveCard button', { hasText: 'Review' }).last().waitFor();
          expectIncludes(driver.executedVerbs.join(' '), ['card.refresh']);
          await driver.screenshot('group-attest-refreshed');
        },
      },
    ],
  },
  {
    user: 'adele',
    botEnv: { TRANSITION_STEP_MS: '400' },
    checks: [
      {
        name: 'transition Woodgrove Bank: what moves, start, progress in place, completion message',
        async run(driver) {
          await driver.say('transition woodgrove');
          const card = await driver.waitForCardText('Transition Woodgrove Bank to the Azure plan');
          expectIncludes(card, ['Only billing moves', 'It cannot be undone']);
          await driver.clickCardButton('Start transition');
          expectIncludes(driver.executedVerbs.join(' '), ['transition.start']);
          await driver.page
            .getByText('is complete: 2 of 2 subscriptions moved')
            .first()
            .waitFor({ timeout: 30_000 });
          await driver.page.getByText('Completed: 2 of 2 subscriptions moved').first().waitFor();
          await driver.screenshot('flow-transition-done');
        },
      },
    ],
  },
  {
    user: 'alex',
    checks: [
      {
        name: 'three price questions (one in Korean), a PEC and a billing question',
        async run(driver) {
          await driver.say('D4s v5 windows west europe 730h');
          expectIncludes(await driver.waitForCardText('D4s v5 in West Europe'), ['$302.22']);
          await driver.say('서유럽 D2s v3 가격');
          expectIncludes(await driver.waitForCardText('D2s v3'), ['0.12']);
          await driver.say('P30 disk north europe');
          await driver.waitForCardText('P30');
          await driver.screenshot('flow-prices');
          await pecCheck(CLOCK_AT).run(driver);
          await driver.say('which invoice will usage on 15 October be on?');
          await driver.waitForCardText('October');
          await driver.screenshot('flow-billing');
        },
      },
    ],
  },
  { user: 'alex', clockAt: FEBRUARY_CLOCK_AT, checks: [pecCheck(FEBRUARY_CLOCK_AT)] },
];

function expectIncludes(text: string, expected: string[]): void {
  const missing = expected.filter((part) => !text.includes(part));
  if (missing.length > 0) throw new Error(`Card lacks ${missing.map((m) => `"${m}"`).join(', ')}:\n${text}`);
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

interface SessionResult {
  failures: number;
  /** The bot or the Playground died under the checks: the environment failed, not the bot's answers. */
  processDied: boolean;
}

/** Runs a session's checks, going on after a failed one. */
async function runSession(session: Session): Promise<SessionResult> {
  const started = Date.now();
  let driver: PlaygroundDriver | undefined;
  try {
    driver = await PlaygroundDriver.start({
      user: session.user,
      chromiumPath: CHROMIUM,
      botEnv: { CLOCK_START_AT: session.clockAt ?? CLOCK_AT, ...session.botEnv },
    });
    console.log(
      `${session.user} (clock ${session.clockAt ?? CLOCK_AT}): bot, Playground and Chromium ready in ${Date.now() - started} ms`,
    );
    let failures = 0;
    for (const check of session.checks) {
      const checkStarted = Date.now();
      try {
        await check.run(driver);
        console.log(`  ✔ ${check.name} (${Date.now() - checkStarted} ms)`);
      } catch (error) {
        failures++;
        console.error(`  ✘ ${check.name} (${Date.now() - checkStarted} ms)\n${message(error)}`);
      }
    }
    return { failures, processDied: failures > 0 && driver.deadProcesses().length > 0 };
  } catch (error) {
    console.error(`  ✘ ${session.user}: could not start (${Date.now() - started} ms)\n${message(error)}`);
    return { failures: session.checks.length, processDied: false };
  } finally {
    await driver?.stop();
  }
}

/**
 * A session whose bot or Playground was killed from outside (on a shared CI machine a stale
 * `kill` can hit a reused pid) runs once more; a wrong answer never gets a second chance.
 */
async function runSessionWithOneRetry(session: Session): Promise<number> {
  const first = await runSession(session);
  if (!first.processDied) return first.failures;
  console.error(`${session.user}: a helper process died during the checks; running this session once more`);
  return (await runSession(session)).failures;
}

async function main(): Promise<number> {
  if (!existsSync(CHROMIUM)) {
    console.error(
      `Chromium not found at ${CHROMIUM}. Install it: apt-get install -y chromium (or set CHROMIUM_PATH).`,
    );
    return 1;
  }
  let failures = 0;
  for (const session of SESSIONS) failures += await runSessionWithOneRetry(session);
  const total = SESSIONS.reduce((count, session) => count + session.checks.length, 0);
  console.log(`${total - failures} passing, ${failures} failing; screenshots in test-output/playground/`);
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
