import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { startAzurite, type RunningAzurite } from '../support/azurite.js';
import { E2E_NOW } from './support/appUnderTest.js';
import { actionData, cardsIn, FakeConnector, visibleText } from './support/fakeConnector.js';
import {
  startBotProcess,
  startEmulatorProcess,
  type BotProcess,
  type EmulatorData,
  type EmulatorProcess,
} from './support/separateProcesses.js';
import { startRoundRobinProxy, type RoundRobinProxy } from './support/roundRobinProxy.js';
import { ADELE, MEGAN, TeamsClient } from './support/teamsClient.js';

const WOODGROVE = 'dea9b094-88ce-404f-8425-db5733c8bb8d';
const PLAN_OFFER = 'DZH318Z0BPS6';

/**
 * Issue 16: two bot instances on the same Azure Blob container (Azurite) and one Partner Center
 * emulator process; Teams may deliver any activity to either instance.
 */
describe('HTTP end to end: two bot instances on shared Blob storage', function () {
  this.timeout(180_000);
  const dir = mkdtempSync(join(tmpdir(), 'multi-'));
  const connector = new FakeConnector();
  let azurite: RunningAzurite;
  let emulator: EmulatorProcess;
  let a: BotProcess;
  let b: BotProcess;
  let toA: TeamsClient;
  let toB: TeamsClient;
  let proxy: RoundRobinProxy;
  /** Through the round-robin proxy: consecutive requests alternate between A and B. */
  let balanced: TeamsClient;
  const data = () =>
    JSON.parse(readFileSync(join(dir, 'emulator', 'partner-center.json'), 'utf8')) as EmulatorData;

  before(async () => {
    const serviceUrl = await connector.start();
    [azurite, emulator] = await Promise.all([
      startAzurite(),
      startEmulatorProcess({ dataDir: join(dir, 'emulator'), upgradeStepMs: 400, clockStartAt: E2E_NOW }),
    ]);
    const env = (name: string) => ({
      DATA_DIR: join(dir, name),
      STORAGE: 'blob',
      AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
      AZURE_STORAGE_CONTAINER: 'multi',
      PARTNER_CENTER_EMULATOR_URL: emulator.emulatorUrl,
      LOCAL_ENTRA_URL: emulator.entraUrl,
      TRANSITION_STEP_MS: '400',
      LEADER_LEASE_SECONDS: '15',
      ...(process.env.BOT_LOG_LEVEL ? { LOG_LEVEL: process.env.BOT_LOG_LEVEL } : {}),
      CLOCK_START_AT: E2E_NOW,
    });
    [a, b] = await Promise.all([startBotProcess(env('a')), startBotProcess(env('b'))]);
    toA = new TeamsClient(a.url, serviceUrl);
    toB = new TeamsClient(b.url, serviceUrl);
    proxy = await startRoundRobinProxy(() => [a.url, b.url]);
    balanced = new TeamsClient(proxy.url, serviceUrl);
  });

  after(async () => {
    await proxy?.close();
    await Promise.all([a?.stop('SIGKILL'), b?.stop('SIGKILL')]);
    await emulator?.stop();
    await azurite?.stop();
    await connector.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const texts = (conversationId: string) =>
    connector.messages(conversationId).map((call) => visibleText(call.activity));

  it('50 concurrent duplicate confirms split across A and B by the proxy: one plan, and nobody is told "nothing was changed"', async () => {
    const conversationId = 'mi-buy';
    await toA.say('buy azure plan wide world', { user: MEGAN, conversationId });
    const confirm = await connector.waitFor(() =>
      cardsIn(connector, conversationId).find((card) =>
        JSON.stringify(card.content).includes('Buy the Azure plan for'),
      ),
    );
    const submit = toA.activity('', {
      user: MEGAN,
      conversationId,
      value: { ...actionData(confirm.content, 'Buy Azure plan'), resellerMpnId: '5120934' },
      extra: { replyToId: confirm.id },
    });
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) => balanced.post({ ...submit, id: `${String(submit.id)}-${i}` })),
    );
    expect(responses.every((r) => r.status === 200)).to.equal(true);
    await connector.waitFor(() =>
      texts(conversationId).some((t) => t.includes('Azure plan bought')) ? true : undefined,
    );
    const plans = data().subscriptions.filter((s) => s.offerId.startsWith(PLAN_OFFER));
    // Every answer a user got says the plan exists (bought, or already there), none "nothing was changed".
    await new Promise((resolve) => setTimeout(resolve, 500));
    const answers = connector.calls
      .filter(
        (call) => call.path.includes(`/conversations/${conversationId}/`) && call.activity.type === 'message',
      )
      .map((call) => JSON.stringify(call.activity))
      .filter((json) => !json.includes('Buy the Azure plan for'));
    expect(answers.some((answer) => visibleTextOf(answer).includes('Azure plan bought'))).to.equal(true);
    for (const answer of answers) {
      expect(answer).to.not.contain('nothing was changed');
      // Bought (also a duplicate that came after the other instance had closed the dialog: it is told
      // the order its request id placed), already there, or "still being processed" (a duplicate that
      // waited longer than the request lease on a loaded machine) — never "nothing was changed".
      expect(visibleTextOf(answer), 'each answer is true').to.match(
        /Azure plan bought|already has an Azure plan|still being processed/,
      );
    }
    expect(plans.filter((p) => p.customerId === wideWorldId(data()))).to.have.length(
      1,
      'one plan at the emulator',
    );
  });

  it('the same activity delivered to A, again to A, then to B gets exactly one reply', async () => {
    const conversationId = 'mi-dedupe';
    const activity = toA.activity('help', { user: MEGAN, conversationId });
    await toA.post(activity);
    await toA.post(activity);
    await toB.post(activity);
    await connector.waitFor(() => (texts(conversationId).length > 0 ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(connector.messages(conversationId)).to.have.length(1);
  });

  it('a dialog that starts on A continues on B (the confirm goes to B)', async () => {
    const conversationId = 'mi-dialog';
    await toA.say('buy azure plan northwind', { user: MEGAN, conversationId });
    const confirm = await connector.waitFor(() =>
      cardsIn(connector, conversationId).find((card) =>
        JSON.stringify(card.content).includes('Buy the Azure plan for'),
      ),
    );
    await toB.post(
      toB.activity('', {
        user: MEGAN,
        conversationId,
        value: { ...actionData(confirm.content, 'Buy Azure plan'), resellerMpnId: '5120934' },
        extra: { replyToId: confirm.id },
      }),
    );
    await connector.waitFor(() =>
      texts(conversationId).some((t) => t.includes('Azure plan bought for Northwind')) ? true : undefined,
    );
  });

  it('A killed with SIGKILL during a transition: B finishes it and the completion is announced once', async () => {
    const conversationId = 'mi-transition';
    await toA.say('transition woodgrove', { user: ADELE, conversationId });
    const confirm = await connector.waitFor(() =>
      cardsIn(connector, conversationId).find((card) =>
        JSON.stringify(card.content).includes('Start transition'),
      ),
    );
    // Ten concurrent duplicate starts, split across A and B: one upgrade at the emulator.
    const start = toA.activity('', {
      user: ADELE,
      conversationId,
      value: actionData(confirm.content, 'Start transition'),
      extra: { replyToId: confirm.id },
    });
    const started = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 === 0 ? toA : toB).post({ ...start, id: `${String(start.id)}-${i}` }),
      ),
    );
    expect(started.every((r) => r.status === 200)).to.equal(true);
    await connector.waitFor(() =>
      data().upgrades.some((u) => u.customerId === WOODGROVE) ? true : undefined,
    );
    await a.stop('SIGKILL');
    const completion = await connector.waitFor(
      () =>
        connector
          .messages(conversationId)
          .find((call) => visibleText(call.activity).includes('transition of **Woodgrove Bank**')),
      60_000,
    );
    expect(visibleText(completion.activity)).to.contain('is complete');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const announcements = texts(conversationId).filter((t) => t.includes('transition of **Woodgrove Bank**'));
    expect(announcements).to.have.length(1);
    expect(
      data()
        .upgrades.filter((u) => u.customerId === WOODGROVE)
        .map((u) => u.status),
    ).to.deep.equal(['completed']);
    const said = connector.calls
      .filter((call) => call.path.includes(`/conversations/${conversationId}/`))
      .map((call) => JSON.stringify(call.activity));
    expect(said.join('\n')).to.not.contain('nothing was changed');
  });

  it('nothing acknowledged to a user is missing at the emulator', () => {
    const acknowledged = connector.calls
      .map((call) => /Azure plan bought for ([^"\\*]+)/.exec(JSON.stringify(call.activity))?.[1]?.trim())
      .filter((name): name is string => Boolean(name));
    expect(acknowledged.length).to.be.greaterThan(0);
    const current = data();
    for (const name of new Set(acknowledged)) {
      const customer = current.customers?.find((c) => c.companyName === name);
      expect(customer, name).to.not.equal(undefined);
      expect(
        current.subscriptions.filter(
          (s) => s.customerId === customer!.id && s.offerId.startsWith(PLAN_OFFER),
        ),
        name,
      ).to.have.length.greaterThan(0);
    }
  });
});

function wideWorldId(
  data: EmulatorData & { customers?: Array<{ id: string; companyName?: string }> },
): string {
  return data.customers?.find((c) => (c.companyName ?? '').startsWith('Wide World'))?.id ?? '';
}

function visibleTextOf(json: string): string {
  return visibleText(JSON.parse(json) as Parameters<typeof visibleText>[0]);
}
