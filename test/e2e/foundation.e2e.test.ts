import { expect } from 'chai';
import { visibleText } from './support/fakeConnector.js';
import { startAppUnderTest, type AppUnderTest } from './support/appUnderTest.js';
import { ALEX, MEGAN, PARTNER_TENANT } from './support/teamsClient.js';

describe('HTTP end to end: the real endpoint with a fake connector', function () {
  this.timeout(30_000);
  let sut: AppUnderTest;

  before(async () => {
    sut = await startAppUnderTest();
  });
  after(async () => sut.stop());

  async function replyTo(text: string, options: Parameters<typeof sut.client.say>[1] = {}): Promise<string> {
    const conversationId = options.conversationId ?? `conv-${Math.random().toString(36).slice(2)}`;
    const response = await sut.client.say(text, { ...options, conversationId });
    expect(response.status).to.equal(200);
    const [message] = await sut.connector.waitFor((calls) => {
      const messages = calls.filter(
        (call) =>
          call.activity.type === 'message' && call.path.includes(`/v3/conversations/${conversationId}/`),
      );
      return messages.length > 0 ? messages : undefined;
    });
    return visibleText(message.activity);
  }

  it('GET /healthz reports version, backend and store', async () => {
    const response = await fetch(`${sut.app.url}/healthz`);
    const body = (await response.json()) as Record<string, unknown>;
    expect(response.status).to.equal(200);
    expect(body).to.include({ status: 'ok', version: 'test', storage: 'file' });
    // The bot reaches Partner Center through its REST client, here the embedded emulator.
    expect(body.backend).to.include({ kind: 'rest', partnerCenter: 'embedded-emulator' });
  });

  it('help in English lists the commands of a Global admin', async () => {
    const text = await replyTo('help');
    expect(text).to.contain('What you can do, Alex Wilber');
    expect(text).to.contain('customers');
  });

  it('도움말 in Korean answers in Korean', async () => {
    const text = await replyTo('도움말', { locale: 'ko-KR' });
    expect(text).to.contain('할 수 있는 일');
  });

  it('whoami differs between a Global admin and a Sales agent', async () => {
    const alex = await replyTo('whoami', { user: ALEX });
    const megan = await replyTo('whoami', { user: MEGAN });
    expect(alex).to.contain('Global admin');
    expect(megan).to.contain('Sales agent');
    expect(megan).to.contain('✓ attest the Microsoft Customer Agreement');
    expect(alex).to.contain('✗ attest the Microsoft Customer Agreement');
  });

  it('unknown text gets a friendly answer with the closest commands', async () => {
    const text = await replyTo('custmers');
    expect(text).to.contain("I didn't understand");
    expect(text).to.contain('customers');
  });

  it('an @mention in a channel is removed', async () => {
    const text = await replyTo('<at>Azure plan assistant</at> help', {
      extra: {
        entities: [
          {
            type: 'mention',
            text: '<at>Azure plan assistant</at>',
            mentioned: { id: '28:bot-id', name: 'Azure plan assistant' },
          },
        ],
        conversation: {
          id: 'channel-conv-1',
          tenantId: PARTNER_TENANT,
          conversationType: 'channel',
          isGroup: true,
          name: 'General',
        },
      },
      conversationId: 'channel-conv-1',
    });
    expect(text).to.contain('What you can do');
  });

  it('a user of another tenant is refused', async () => {
    const text = await replyTo('help', { tenantId: '11111111-2222-3333-4444-555555555555' });
    expect(text).to.contain('another organization');
  });

  it('a malformed body gets 400 and the server keeps answering', async () => {
    const bad = await sut.client.post('{"type": "message", oops');
    expect(bad.status).to.equal(400);
    const noType = await sut.client.post({ hello: 'world' });
    expect(noType.status).to.equal(400);
    const text = await replyTo('help');
    expect(text).to.contain('What you can do');
  });
});

describe('HTTP end to end: authentication when app credentials are set', function () {
  this.timeout(30_000);
  let sut: AppUnderTest;

  before(async () => {
    sut = await startAppUnderTest({
      MicrosoftAppId: '2f2c2c38-6c1d-4b85-9a4e-5c7b0b1f6a10',
      MicrosoftAppPassword: 'not-a-real-secret',
      MicrosoftAppType: 'MultiTenant',
    });
  });
  after(async () => sut.stop());

  it('refuses an unsigned request with 401 and sends nothing', async () => {
    const response = await sut.client.say('help');
    expect(response.status).to.equal(401);
    expect(sut.connector.messages()).to.have.length(0);
  });

  it('refuses a forged token with 401 (checked by the Bot Framework authentication)', async () => {
    // botbuilder's CloudAdapter prints the rejected token's error with console.error: keep the output clean.
    const printed: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => printed.push(args);
    try {
      const forged = await sut.client.post(sut.client.activity('help'), { authorization: 'Bearer garbage' });
      expect(forged.status).to.equal(401);
    } finally {
      console.error = original;
    }
    expect(sut.connector.messages()).to.have.length(0);
  });
});
