import { expect } from 'chai';
import type { Activity } from 'botbuilder';
import { AuthenticationConstants, ClaimsIdentity } from 'botframework-connector';
import { ReusingBotFrameworkAuthentication } from '../../../src/bot/auth/reusedClients.js';

describe('ReusingBotFrameworkAuthentication: outbound clients built once, not per turn', () => {
  const auth = () =>
    new ReusingBotFrameworkAuthentication({
      MicrosoftAppId: '',
      MicrosoftAppPassword: '',
      MicrosoftAppType: 'MultiTenant',
      MicrosoftAppTenantId: '',
    });
  const identity = (appId: string) =>
    new ClaimsIdentity([{ type: AuthenticationConstants.AudienceClaim, value: appId }], true);

  it('two turns to one service URL share one ConnectorClient', async () => {
    const reusing = auth();
    const first = await reusing.createConnectorFactory(identity('bot')).create('https://smba.example/a/');
    const second = await reusing.createConnectorFactory(identity('bot')).create('https://smba.example/a/');
    expect(second).to.equal(first);
  });

  it('two inbound turns (the factory authenticateRequest returns) share one ConnectorClient', async () => {
    const reusing = auth();
    const activity = {
      type: 'message',
      channelId: 'msteams',
      serviceUrl: 'https://smba.example/a/',
      from: { id: '29:user' },
      conversation: { id: 'c1' },
      recipient: { id: '28:bot' },
    } as Activity;
    // No app credentials: botbuilder accepts the turn without a token (as in the local sandbox).
    const turns = [
      await reusing.authenticateRequest(activity, ''),
      await reusing.authenticateRequest(activity, ''),
    ];
    const clients = await Promise.all(
      turns.map((turn) => {
        if (!turn.connectorFactory) throw new Error('botbuilder returned no connector factory');
        return turn.connectorFactory.create(activity.serviceUrl, turn.audience);
      }),
    );
    expect(clients[1]).to.equal(clients[0]);
    // The same client the proactive path (createConnectorFactory) gets.
    expect(
      await reusing
        .createConnectorFactory(turns[0]!.claimsIdentity)
        .create(activity.serviceUrl, turns[0]!.audience),
    ).to.equal(clients[0]);
  });

  it('another service URL, audience or app id gets its own client', async () => {
    const reusing = auth();
    const base = await reusing.createConnectorFactory(identity('bot')).create('https://smba.example/a/');
    const others = [
      await reusing.createConnectorFactory(identity('bot')).create('https://smba.example/b/'),
      await reusing
        .createConnectorFactory(identity('bot'))
        .create('https://smba.example/a/', 'https://api.botframework.us'),
      await reusing.createConnectorFactory(identity('other-bot')).create('https://smba.example/a/'),
    ];
    for (const client of others) expect(client).to.not.equal(base);
    expect(new Set(others).size).to.equal(3);
  });

  it('one user token client per app id', async () => {
    const reusing = auth();
    const first = await reusing.createUserTokenClient(identity('bot'));
    expect(await reusing.createUserTokenClient(identity('bot'))).to.equal(first);
    expect(await reusing.createUserTokenClient(identity('other-bot'))).to.not.equal(first);
  });

  it('an anonymous turn (no app id) and an empty app id do not share a token client', async () => {
    const reusing = auth();
    const anonymous = await reusing.createUserTokenClient(new ClaimsIdentity([], true));
    const empty = await reusing.createUserTokenClient(identity(''));
    expect(empty).to.not.equal(anonymous);
    expect((empty as unknown as { appId: unknown }).appId).to.equal('');
  });
});
