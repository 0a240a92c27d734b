import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { actionData, cardsIn, FakeConnector, type SentCard } from './support/fakeConnector.js';
import { freePort } from '../../scripts/lib/childProcesses.js';
import { startBotProcess, type BotProcess } from './support/separateProcesses.js';
import { MEGAN, TeamsClient } from './support/teamsClient.js';
import { openSandbox } from '../../src/partnerCenter/sandbox/openSandbox.js';

const FABRIKAM = '4a9d2601-413f-4fde-8fee-3c7987ff6ce9';

function agreementsOf(dataDir: string, customerId: string): unknown[] {
  const data = JSON.parse(readFileSync(join(dataDir, 'partner-center', 'partner-center.json'), 'utf8')) as {
    agreements: Array<{ customerId: string }>;
  };
  return data.agreements.filter((a) => a.customerId === customerId);
}

describe('HTTP end to end: the MCA acceptance survives a killed bot process', function () {
  this.timeout(120_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'bot-attest-restart-'));
  const connector = new FakeConnector();
  let bot: BotProcess | undefined;

  after(async () => {
    await bot?.stop('SIGKILL');
    await connector.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('kill -9 after the link went out; the signatory accepts meanwhile; the restarted bot asks once and creates one agreement', async () => {
    const serviceUrl = await connector.start();
    const port = await freePort();
    bot = await startBotProcess({ DATA_DIR: dataDir }, port);
    const client = new TeamsClient(`http://127.0.0.1:${port}`, serviceUrl);
    const conversationId = 'conv-attest-restart';
    const as = { user: MEGAN, conversationId };
    const card = (text: string): Promise<SentCard> =>
      connector.waitFor(
        () => cardsIn(connector, conversationId).find((c) => JSON.stringify(c.content).includes(text)),
        30_000,
      );

    await client.say('attest fabrikam', as);
    const form = await card('Attest MCA acceptance');
    await client.post(
      client.activity('', {
        ...as,
        value: {
          ...actionData(form.content, 'Review'),
          firstName: 'Ana',
          lastName: 'Lopez',
          email: 'ana@fabrikam.com',
          phoneNumber: '',
          country: 'US',
          language: 'en-US',
        },
        extra: { replyToId: form.id },
      }),
    );
    const confirm = await card('Confirm the attestation');
    await client.post(
      client.activity('', {
        ...as,
        value: actionData(confirm.content, 'Confirm'),
        extra: { replyToId: confirm.id },
      }),
    );
    await card('acceptanceLink');

    await bot.stop('SIGKILL');

    // While the bot is down, the signatory accepts in the acceptance component.
    const sandbox = await openSandbox({ dataFile: join(dataDir, 'partner-center', 'partner-center.json') });
    const [attestation] = await sandbox.attestations.listEnhancedAttestations(FABRIKAM);
    await sandbox.attestations.accept(attestation.attestationId);
    await sandbox.close();

    bot = await startBotProcess({ DATA_DIR: dataDir }, port);
    const asked = await card('accepted — create the agreement?');
    const create = actionData(asked.content, 'Create agreement');
    const click = client.activity('', { ...as, value: create, extra: { replyToId: asked.id } });
    await Promise.all([client.post(click), client.post(click)]);
    await card('Agreement created for Fabrikam, Inc.');
    expect(agreementsOf(dataDir, FABRIKAM)).to.have.length(1);
    const questions = cardsIn(connector, conversationId).filter((c) =>
      JSON.stringify(c.content).includes('accepted — create the agreement?'),
    );
    expect(questions.length, 'asked once').to.be.at.most(1);
  });
});
