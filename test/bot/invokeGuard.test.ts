import { expect } from 'chai';
import type { InvokeResponse } from 'botbuilder';
import { checkInboundActivity } from '../../src/bot/activityShape.js';
import { guardInvoke, type InvokeGuardOptions } from '../../src/bot/invokeGuard.js';
import { silentLogger } from '../support/botHarness.js';

function options(name: unknown, value: unknown, dispatch: () => Promise<InvokeResponse>): InvokeGuardOptions {
  return {
    name,
    value,
    logger: silentLogger,
    dispatch,
    staleCardText: async () => 'stale',
    failureText: async (id) => `failed ${id}`,
  };
}
const never = async (): Promise<InvokeResponse> => {
  throw new Error('must not be dispatched');
};

describe('invokeGuard: every invoke gets a well-formed answer', () => {
  it('answers names the app does not handle with 400 NotSupported, without dispatching', async () => {
    for (const name of ['task/fetch', 'foo', '', 42, undefined, 'constructor', '__proto__']) {
      const response = await guardInvoke(options(name, {}, never));
      expect(response.status).to.equal(400);
      expect(response.body).to.deep.include({ type: 'application/vnd.microsoft.error' });
    }
  });

  it('passes a well-formed Action.Execute to the bot and returns its answer', async () => {
    const card = { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: {} };
    const response = await guardInvoke(
      options('adaptiveCard/action', { action: { type: 'Action.Execute', verb: 'x' } }, async () => ({
        status: 200,
        body: card,
      })),
    );
    expect(response).to.deep.equal({ status: 200, body: card });
  });

  it('answers an Action.Execute no handler takes with the documented message response', async () => {
    const response = await guardInvoke(
      options('adaptiveCard/action', { action: { type: 'Action.Execute', verb: 'x' } }, async () => ({
        status: 501,
      })),
    );
    expect(response).to.deep.equal({
      status: 200,
      body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'stale' },
    });
  });

  it('maps a handler answering 501 to 400 NotSupported', async () => {
    const response = await guardInvoke(options('signin/verifyState', {}, async () => ({ status: 501 })));
    expect(response.status).to.equal(400);
  });

  it('a failing message-extension query answers in the compose box; other failures with an error body', async () => {
    const boom = async (): Promise<InvokeResponse> => {
      throw new TypeError('x is undefined');
    };
    const query = await guardInvoke(options('composeExtension/query', { parameters: [] }, boom));
    expect(query.status).to.equal(200);
    expect(JSON.stringify(query.body)).to.match(/"type":"message","text":"failed [0-9a-f]{8}"/);
    const signin = await guardInvoke(options('signin/tokenExchange', {}, boom));
    expect(signin.status).to.equal(500);
    expect(JSON.stringify(signin.body)).to.not.contain('TypeError');
  });
});

describe('checkInboundActivity: the shape of an inbound activity', () => {
  const serviceUrl = 'http://127.0.0.1:1234';
  it('refuses an activity without an http(s) serviceUrl or without a type', () => {
    for (const bad of [undefined, 5, {}, '', 'not a url', 'ftp://127.0.0.1/', 'x'.repeat(3000)]) {
      expect(checkInboundActivity({ type: 'message', serviceUrl: bad, conversation: { id: 'c' } })).to.be.a(
        'string',
      );
    }
    expect(checkInboundActivity({ type: ' ', serviceUrl, conversation: { id: 'c' } })).to.be.a('string');
  });

  it('refuses an activity without a conversation id, or whose tenant id is not text (never drops the tenant)', () => {
    for (const conversation of [
      undefined,
      null,
      'c',
      { id: '' },
      { id: {} },
      { id: 'c', tenantId: 5 },
      { id: 'c', tenantId: {} },
    ]) {
      expect(
        checkInboundActivity({ type: 'message', serviceUrl, conversation }),
        JSON.stringify(conversation),
      ).to.be.a('string');
    }
    expect(
      checkInboundActivity({ type: 'message', serviceUrl, conversation: { id: 'c', tenantId: 't' } }),
    ).to.equal(undefined);
  });

  it('drops fields of the wrong type and turns numbers into text', () => {
    const activity: Record<string, unknown> = {
      type: 'message',
      serviceUrl,
      text: 42,
      locale: 5,
      id: {},
      from: { id: 7, aadObjectId: null, name: 'A' },
      recipient: 'bot',
      conversation: { id: 'c', tenantId: null, isGroup: 'yes' },
      entities: [5, { type: 'mention' }, { type: 'mention', text: '<at>b</at>', mentioned: { id: 'b' } }],
      attachments: [null, { contentType: 'x' }],
      channelData: 'x',
    };
    expect(checkInboundActivity(activity)).to.equal(undefined);
    expect(activity).to.deep.equal({
      type: 'message',
      serviceUrl,
      text: '42',
      locale: '5',
      from: { id: '7', name: 'A' },
      conversation: { id: 'c' },
      entities: [{ type: 'mention', text: '<at>b</at>', mentioned: { id: 'b' } }],
      attachments: [{ contentType: 'x' }],
    });
  });
});
