import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { actionData, cardsIn, FakeConnector, type SentCard } from './support/fakeConnector.js';
import { freePort } from '../../scripts/lib/childProcesses.js';
import { MEGAN, TeamsClient } from './support/teamsClient.js';
import { openSandbox } from '../../src/partnerCenter/sandbox/openSandbox.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FABRIKAM = '4a9d2601-413f-4fde-8fee-3c7987ff6ce9';

function startBot(port: number, dataDir: string): ChildProcess {
  return spawn(process.execPath, ['--no-deprecation', '--import', 'tsx', 'src/index.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function waitForHealth(port: number, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('bot did not start');
}

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
  let bot: ChildProcess | undefined;

  after(async () => {
    bot?.kill('SIGKILL');
    await connector.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('kill -9 after the link went out; the signatory accepts meanwhile; the restarted bot asks once and creates one agreement', async () => {
    const serviceUrl = await connector.start();
    const port = await freePort();
    bot = startBot(port, dataDir);
    await waitForHealth(port);
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

    bot.kill('SIGKILL');
    await new Promise((resolve) => bot!.once('exit', resolve));

    // While the bot is down, the signatory accepts in the acceptance component.
    const sandbox = await openSandbox({ dataFile: join(dataDir, 'partner-center', 'partner-center.json') });
    const [attestation] = await sandbox.attestations.listEnhancedAttestations(FABRIKAM);
    await sandbox.attestations.accept(attestation.attestationId);
    await sandbox.close();

    bot = startBot(port, dataDir);
    await waitForHealth(port);
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
