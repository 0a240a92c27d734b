import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { E2E_NOW } from './support/appUnderTest.js';
import { actionData, cardsIn, FakeConnector, visibleText } from './support/fakeConnector.js';
import {
  dataWithVerb,
  startBotProcess,
  startEmulatorProcess,
  type BotProcess,
  type EmulatorData,
  type EmulatorProcess,
} from './support/separateProcesses.js';
import { ADELE, ALEX, MEGAN, TeamsClient } from './support/teamsClient.js';

const NORTHWIND = 'Northwind Traders Ltd';
const WOODGROVE = 'dea9b094-88ce-404f-8425-db5733c8bb8d';

describe('HTTP end to end: the bot and the Partner Center emulator as separate processes', function () {
  this.timeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), 'separate-'));
  const connector = new FakeConnector();
  let emulator: EmulatorProcess;
  let bot: BotProcess;
  let client: TeamsClient;
  const data = () =>
    JSON.parse(readFileSync(join(dir, 'emulator', 'partner-center.json'), 'utf8')) as EmulatorData;

  before(async () => {
    const serviceUrl = await connector.start();
    emulator = await startEmulatorProcess({
      dataDir: join(dir, 'emulator'),
      upgradeStepMs: 150,
      clockStartAt: E2E_NOW,
    });
    bot = await startBotProcess({
      DATA_DIR: join(dir, 'bot'),
      PARTNER_CENTER_EMULATOR_URL: emulator.emulatorUrl,
      LOCAL_ENTRA_URL: emulator.entraUrl,
      TRANSITION_STEP_MS: '150',
      CLOCK_START_AT: E2E_NOW,
      ATTESTATION_CHECK_SECONDS: '1',
    });
    client = new TeamsClient(bot.url, serviceUrl);
  });

  after(async () => {
    await bot?.stop('SIGKILL');
    await emulator?.stop();
    await connector.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the bot reports the separately started emulator in its health', async () => {
    const health = (await (await fetch(`${bot.url}/healthz`)).json()) as Record<string, unknown>;
    expect(JSON.stringify(health)).to.contain('emulator');
    expect(JSON.stringify(health)).to.not.contain('embedded-emulator');
  });

  it('buys an Azure plan; the plan exists at the emulator', async () => {
    await client.say('buy azure plan northwind', { user: MEGAN, conversationId: 'sp-buy' });
    const confirm = await connector.waitFor(() =>
      cardsIn(connector, 'sp-buy').find((card) =>
        JSON.stringify(card.content).includes('Buy the Azure plan for'),
      ),
    );
    await client.post(
      client.activity('', {
        user: MEGAN,
        conversationId: 'sp-buy',
        value: { ...actionData(confirm.content, 'Buy Azure plan'), resellerMpnId: '5120934' },
        extra: { replyToId: confirm.id },
      }),
    );
    await connector.waitFor(() =>
      cardsIn(connector, 'sp-buy').find((card) =>
        JSON.stringify(card.content).includes(`Azure plan bought for ${NORTHWIND}`),
      ),
    );
    const northwind = data().subscriptions.filter(
      (s) => s.offerId.startsWith('DZH318Z0BPS6') && JSON.stringify(s).includes(s.customerId),
    );
    expect(northwind.length).to.be.greaterThan(0);
  });

  it('creates an Azure subscription under the plan and renames it; the emulator holds the names', async () => {
    const subsCard = async (conversationId: string, verb: string) => {
      await client.say('subscriptions northwind', { user: ALEX, conversationId });
      const card = await connector.waitFor(() =>
        cardsIn(connector, conversationId).find((c) => dataWithVerb(c.content, verb)),
      );
      return { card, data: dataWithVerb(card.content, verb)! };
    };
    const create = await subsCard('sp-subs-1', 'subs.create');
    await client.post(
      client.activity('', {
        user: ALEX,
        conversationId: 'sp-subs-1',
        value: { ...create.data, [String(create.data.inputId)]: 'Team Dev' },
        extra: { replyToId: create.card.id },
      }),
    );
    await connector.waitFor(() => (JSON.stringify(data()).includes('Team Dev') ? true : undefined), 20_000);
    const rename = await subsCard('sp-subs-2', 'subs.rename');
    await client.post(
      client.activity('', {
        user: ALEX,
        conversationId: 'sp-subs-2',
        value: { ...rename.data, [String(rename.data.inputId)]: 'Team Prod' },
        extra: { replyToId: rename.card.id },
      }),
    );
    await connector.waitFor(() => (JSON.stringify(data()).includes('Team Prod') ? true : undefined), 20_000);
  });

  it('attests MCA acceptance (enhanced attestation): the link opens the page of the emulator process, which takes the acceptance', async () => {
    const conversationId = 'sp-attest';
    const as = { user: MEGAN, conversationId };
    await client.say('attest fabrikam', as);
    const form = await connector.waitFor(() =>
      cardsIn(connector, conversationId).find((card) =>
        JSON.stringify(card.content).includes('Attest MCA acceptance'),
      ),
    );
    await client.post(
      client.activity('', {
        ...as,
        value: {
          ...actionData(form.content, 'Review'),
          firstName: 'Ana',
          lastName: 'Lopez',
          email: 'ana.lopez@fabrikam.com',
          phoneNumber: '+1 206 555 0100',
          country: 'US',
          language: 'en-US',
        },
        extra: { replyToId: form.id },
      }),
    );
    const confirm = await connector.waitFor(() =>
      cardsIn(connector, conversationId).find((card) =>
        JSON.stringify(card.content).includes('Confirm the attestation'),
      ),
    );
    await client.post(
      client.activity('', {
        ...as,
        value: actionData(confirm.content, 'Confirm'),
        extra: { replyToId: confirm.id },
      }),
    );
    const linkCard = await connector.waitFor(() =>
      cardsIn(connector, conversationId).find((card) =>
        JSON.stringify(card.content).includes('acceptanceLink'),
      ),
    );
    const body = linkCard.content.body as Array<{ id?: string; value?: string }>;
    const link = body.find((element) => element.id === 'acceptanceLink')?.value ?? '';
    expect(link.startsWith(emulator.emulatorUrl), link).to.equal(true);
    const attestationId = new URL(link).searchParams.get('attestationId') ?? '';
    expect((await fetch(link)).status).to.equal(200);
    const accepted = await fetch(new URL('/emulator/mca-acceptance/accept', link), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ attestationId }).toString(),
    });
    expect(accepted.status).to.equal(200);
    const stored = JSON.stringify(
      (data() as EmulatorData & { enhancedAttestations?: unknown[] }).enhancedAttestations ?? [],
    );
    expect(stored).to.contain(attestationId);
    // The bot learns of the acceptance by asking the emulator process, tells the user once, and the
    // agreement is created from the attestation there.
    const question = await connector.waitFor(
      () =>
        cardsIn(connector, conversationId).find((card) =>
          JSON.stringify(card.content).includes('accepted — create the agreement?'),
        ),
      20_000,
    );
    await client.post(
      client.activity('', {
        ...as,
        value: actionData(question.content, 'Create agreement'),
        extra: { replyToId: question.id },
      }),
    );
    await connector.waitFor(
      () =>
        cardsIn(connector, conversationId).find((card) =>
          JSON.stringify(card.content).includes('Agreement created for Fabrikam'),
        ),
      20_000,
    );
    const agreements = JSON.stringify((data() as EmulatorData & { agreements?: unknown[] }).agreements ?? []);
    expect(agreements).to.contain('4a9d2601-413f-4fde-8fee-3c7987ff6ce9');
  });

  it('runs a transition to completion; the completion message arrives once', async () => {
    const conversationId = 'sp-transition';
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
    const completion = await connector.waitFor(
      () =>
        connector
          .messages(conversationId)
          .find((call) => visibleText(call.activity).includes('transition of **Woodgrove Bank**')),
      60_000,
    );
    expect(visibleText(completion.activity)).to.contain('is complete');
    const upgrades = data().upgrades.filter((u) => u.customerId === WOODGROVE);
    expect(upgrades.map((u) => u.status)).to.deep.equal(['completed']);
    // Nothing more comes: a few more poll rounds pass without a second announcement.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const announcements = connector
      .messages(conversationId)
      .filter((call) => visibleText(call.activity).includes('transition of **Woodgrove Bank**'));
    expect(announcements).to.have.length(1);
  });
});
