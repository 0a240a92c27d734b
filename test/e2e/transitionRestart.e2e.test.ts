import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { actionData, cardsIn, FakeConnector, visibleText } from './support/fakeConnector.js';
import { freePort } from '../../scripts/lib/childProcesses.js';
import { ADELE, TeamsClient } from './support/teamsClient.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WOODGROVE = 'dea9b094-88ce-404f-8425-db5733c8bb8d';

/** The bot as `npm start` runs it, in its own process, so the test can kill it like a crash. */
function startBot(port: number, dataDir: string): ChildProcess {
  return spawn(process.execPath, ['--no-deprecation', '--import', 'tsx', 'src/index.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      TRANSITION_STEP_MS: '400',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function waitForHealth(port: number, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('bot did not start');
}

function upgradeOf(dataDir: string) {
  const data = JSON.parse(readFileSync(join(dataDir, 'partner-center', 'partner-center.json'), 'utf8')) as {
    upgrades: Array<{ customerId: string; status: string; lineItems: Array<{ status: string }> }>;
    subscriptions: Array<{ customerId: string; offerId: string }>;
  };
  return data;
}

describe('HTTP end to end: a transition survives a killed bot process', function () {
  this.timeout(120_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'bot-restart-'));
  const connector = new FakeConnector();
  let bot: ChildProcess | undefined;

  after(async () => {
    bot?.kill('SIGKILL');
    await connector.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('kills the bot during the upgrade, restarts it, and the upgrade finishes once with the completion message', async () => {
    const serviceUrl = await connector.start();
    const port = await freePort();
    bot = startBot(port, dataDir);
    await waitForHealth(port);
    const client = new TeamsClient(`http://127.0.0.1:${port}`, serviceUrl);
    const conversationId = 'conv-transition';

    await client.say('transition woodgrove', { user: ADELE, conversationId });
    const confirm = await connector.waitFor(() =>
      cardsIn(connector, conversationId).find((card) =>
        JSON.stringify(card.content).includes('Start transition'),
      ),
    );
    await client.post(
      client.activity('', {
        user: ADELE,
        conversationId,
        value: actionData(confirm.content, 'Start transition'),
        extra: { replyToId: confirm.id },
      }),
    );

    // Wait until the worker has moved at least one step, then kill the process without warning.
    await connector.waitFor(() => {
      const upgrade = upgradeOf(dataDir).upgrades.find((u) => u.customerId === WOODGROVE);
      return (
        upgrade && upgrade.status === 'inProgress' && upgrade.lineItems.some((l) => l.status === 'completed')
      );
    }, 30_000);
    bot.kill('SIGKILL');
    await new Promise((resolve) => bot!.once('exit', resolve));
    const before = upgradeOf(dataDir).upgrades.find((u) => u.customerId === WOODGROVE);
    expect(before?.status, 'killed in the middle of the upgrade').to.equal('inProgress');

    bot = startBot(port, dataDir);
    await waitForHealth(port);
    const completion = await connector.waitFor(
      () =>
        connector
          .messages(conversationId)
          .find((call) => visibleText(call.activity).includes('transition of **Woodgrove Bank**')),
      60_000,
    );
    expect(visibleText(completion.activity)).to.contain('is complete: 2 of 2 subscriptions moved');

    const after = upgradeOf(dataDir);
    const upgrades = after.upgrades.filter((u) => u.customerId === WOODGROVE);
    expect(upgrades).to.have.length(1);
    expect(upgrades[0].status).to.equal('completed');
    const plans = after.subscriptions.filter(
      (s) => s.customerId === WOODGROVE && s.offerId.startsWith('DZH318Z0BPS6'),
    );
    expect(plans).to.have.length(2, 'one plan per partner of record, none bought twice');
    // The completion was announced once, even though the first process may have been killed mid-way.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const announcements = connector
      .messages(conversationId)
      .filter((call) => visibleText(call.activity).includes('transition of **Woodgrove Bank**'));
    expect(announcements).to.have.length(1);
    // The progress card was updated in place (PUT to the card's id).
    expect(
      connector.calls.some(
        (call) => call.method === 'PUT' && call.path.endsWith(`/activities/${confirm.id}`),
      ),
    ).to.equal(true);
  });
});

describe('Graceful shutdown', function () {
  this.timeout(60_000);

  it('on SIGTERM stops taking requests, finishes the turn in flight and exits 0', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'bot-sigterm-'));
    const connector = new FakeConnector();
    const serviceUrl = await connector.start();
    const port = await freePort();
    const bot = startBot(port, dataDir);
    try {
      await waitForHealth(port);
      const client = new TeamsClient(`http://127.0.0.1:${port}`, serviceUrl);
      // Settled at once (caught) so a refused connection is not an unhandled rejection meanwhile.
      const inFlight = client.say('customers', { conversationId: 'conv-sigterm' }).catch(() => undefined);
      bot.kill('SIGTERM');
      const code = await new Promise<number | null>((resolve) =>
        bot.once('exit', (exitCode) => resolve(exitCode)),
      );
      expect(code).to.equal(0);
      const response = await inFlight;
      if (response) expect([200, 503]).to.include(response.status);
      expect(readFileSync(join(dataDir, 'partner-center', 'partner-center.json'), 'utf8')).to.contain(
        '"customers"',
      );
    } finally {
      bot.kill('SIGKILL');
      await connector.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
