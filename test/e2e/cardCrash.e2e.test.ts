import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { E2E_NOW } from './support/appUnderTest.js';
import {
  actionData,
  cardsIn,
  FakeConnector,
  visibleText,
  type ConnectorCall,
} from './support/fakeConnector.js';
import { freePort } from '../../scripts/lib/childProcesses.js';
import { ADELE, TeamsClient } from './support/teamsClient.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The bot as `npm start` runs it, in its own process, so the test can kill it like a crash. */
function startBot(port: number, dataDir: string): ChildProcess {
  return spawn(process.execPath, ['--no-deprecation', '--import', 'tsx', 'src/index.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      CLOCK_START_AT: E2E_NOW,
      TRANSITION_STEP_MS: '60000',
    },
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

const hasButton = (call: ConnectorCall, title: string) =>
  call.method === 'POST' && JSON.stringify(call.activity.attachments ?? []).includes(`"title":"${title}"`);

describe('HTTP end to end: a bot killed right after sending a card still answers its buttons', function () {
  this.timeout(120_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'bot-card-crash-'));
  const connector = new FakeConnector();
  let bot: ChildProcess | undefined;
  let client: TeamsClient;
  let port: number;

  before(async () => {
    const serviceUrl = await connector.start();
    port = await freePort();
    client = new TeamsClient(`http://127.0.0.1:${port}`, serviceUrl);
  });

  after(async () => {
    bot?.kill('SIGKILL');
    await connector.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Kills the bot the moment a card with `button` reaches Teams: the turn never finishes. */
  function killOnCard(button: string): Promise<void> {
    return new Promise((resolve) => {
      connector.beforeAnswer = async (call) => {
        if (!hasButton(call, button) || !bot) return;
        connector.beforeAnswer = undefined;
        const dying = bot;
        await new Promise((exited) => {
          dying.once('exit', exited);
          dying.kill('SIGKILL');
        });
        resolve();
      };
    });
  }

  it('transition: killed as the confirmation card is sent; after a restart "Start transition" starts it', async () => {
    bot = startBot(port, dataDir);
    await waitForHealth(port);
    const conversationId = 'conv-card-crash';

    const killed = killOnCard('Start transition');
    void client.say('transition woodgrove', { user: ADELE, conversationId }).catch(() => undefined);
    await killed;
    const confirm = cardsIn(connector, conversationId).find((card) =>
      JSON.stringify(card.content).includes('Start transition'),
    )!;
    expect(confirm, 'the confirmation card reached Teams before the crash').to.not.equal(undefined);

    bot = startBot(port, dataDir);
    await waitForHealth(port);
    const before = connector.calls.length;
    await client.post(
      client.activity('', {
        user: ADELE,
        conversationId,
        value: actionData(confirm.content, 'Start transition'),
        extra: { replyToId: confirm.id },
      }),
    );
    const answer = await connector.waitFor((calls) =>
      calls.slice(before).find((call) => call.activity.type === 'message'),
    );
    const shown = visibleText(answer.activity);
    expect(shown).to.not.contain('no longer active');
    expect(shown).to.not.contain('not part of');
    expect(answer.method, 'the confirmation card turns into the progress card').to.equal('PUT');
    expect(answer.path.endsWith(`/activities/${confirm.id}`)).to.equal(true);
    expect(shown).to.contain('Woodgrove Bank');
  });

  it('purchase: killed as the "no MCA" card is sent; after a restart its attest button opens the attestation form', async () => {
    // The bot restarted by the previous test is still running: kill it to free the port.
    await new Promise((exited) => {
      bot!.once('exit', exited);
      bot!.kill('SIGKILL');
    });
    bot = startBot(port, dataDir);
    await waitForHealth(port);
    const conversationId = 'conv-card-crash-buy';

    const killed = killOnCard('Attest MCA now');
    void client.say('buy azure plan fabrikam', { user: ADELE, conversationId }).catch(() => undefined);
    await killed;
    const noMca = cardsIn(connector, conversationId).find((card) =>
      JSON.stringify(card.content).includes('Attest MCA now'),
    )!;
    expect(noMca).to.not.equal(undefined);

    bot = startBot(port, dataDir);
    await waitForHealth(port);
    const before = connector.calls.length;
    await client.post(
      client.activity('', {
        user: ADELE,
        conversationId,
        value: actionData(noMca.content, 'Attest MCA now'),
        extra: { replyToId: noMca.id },
      }),
    );
    const form = await connector.waitFor((calls) =>
      calls
        .slice(before)
        .find((call) => JSON.stringify(call.activity.attachments ?? []).includes('"Input.Text"')),
    );
    expect(visibleText(form.activity)).to.contain('Fabrikam');
    const said = connector.calls.slice(before).map((call) => visibleText(call.activity));
    expect(said.join('\n')).to.not.contain('no longer active');
  });
});
