import { expect } from 'chai';
import { Writable } from 'node:stream';
import type { Activity } from 'botbuilder';
import { decodeJwt } from 'jose';
import { createBotAuthentication } from '../../src/bot/auth/botAuthentication.js';
import { BotTokenServiceAssertions } from '../../src/partnerCenter/auth/botTokenService.js';
import type { PartnerCenterSignIn } from '../../src/partnerCenter/auth/createPartnerCenterTokens.js';
import { LoopbackNetworkClient } from '../../src/partnerCenter/auth/loopbackNetworkClient.js';
import { MsalPartnerCenterTokens } from '../../src/partnerCenter/auth/msalTokens.js';
import { startFakeEntra, type FakeEntra } from '../../src/partnerCenter/emulator/entra/fakeEntra.js';
import { createLogger } from '../../src/logging.js';
import { Translator } from '../../src/i18n/translator.js';
import { startAppUnderTest, type AppUnderTest } from './support/appUnderTest.js';
import { visibleText } from './support/fakeConnector.js';
import { FakeTokenService } from './support/fakeTokenService.js';
import { ALEX, MEGAN, PARTNER_TENANT } from './support/teamsClient.js';

/**
 * Sign-in over HTTP: the real server with the signin feature, MSAL against a fake Entra and a fake
 * Bot Framework token service. Teams SSO (signin/tokenExchange) puts the user's SSO token in the
 * token service; the next Partner Center token for that user is an App+User token of theirs.
 */

const CLIENT_ID = '2f2c2c38-6c1d-4b85-9a4e-5c7b0b1f6a10';
const SECRET = 'e2e-secret-9f8e7d6c';
const SSO = `api://bot.example.test/botid-${CLIENT_ID}`;
const CONNECTION = 'partner-center';
const en = new Translator('en-US');
const ko = new Translator('ko-KR');

interface Harness {
  sut: AppUnderTest;
  entra: FakeEntra;
  tokenService: FakeTokenService;
  signIn: PartnerCenterSignIn;
  logs: string[];
}

async function start(): Promise<Harness> {
  const entra = await startFakeEntra({
    tenantId: PARTNER_TENANT,
    clients: [{ clientId: CLIENT_ID, secret: SECRET, ssoAudiences: [SSO] }],
    users: [
      { oid: ALEX, upn: 'alexw@contoso.test', name: 'Alex Wilber', mfa: true },
      { oid: MEGAN, upn: 'meganb@contoso.test', name: 'Megan Bowen', mfa: false },
    ],
  });
  const tokenService = new FakeTokenService(SSO);
  const tokenServiceUrl = await tokenService.start();
  const logs: string[] = [];
  const logger = createLogger(
    'debug',
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        logs.push(chunk.toString('utf8'));
        done();
      },
    }),
  );
  const { auth } = createBotAuthentication({ BOT_TOKEN_SERVICE_URL: tokenServiceUrl, authEnabled: false });
  const msal = new MsalPartnerCenterTokens({
    tenantId: entra.tenantId,
    clientId: CLIENT_ID,
    authorityHost: entra.authorityHost,
    credential: { kind: 'secret', secret: SECRET },
    networkClient: new LoopbackNetworkClient({ [entra.authorityHost]: entra.baseUrl }),
    userAssertions: new BotTokenServiceAssertions({ auth, appId: '', connectionName: CONNECTION }),
    logger,
  });
  const signIn: PartnerCenterSignIn = {
    mode: 'entra',
    tokens: msal,
    // The embedded emulator trusts the fake Entra these tokens come from.
    issuer: { issuer: entra.issuer, jwksUrl: entra.jwksUrl },
    forgetUser: (user) => msal.forgetUser(user),
    close: async () => undefined,
  };
  const sut = await startAppUnderTest(
    { OAUTH_CONNECTION_NAME: CONNECTION, BOT_TOKEN_SERVICE_URL: tokenServiceUrl },
    undefined,
    logger,
    { partnerCenterSignIn: signIn },
  );
  return { sut, entra, tokenService, signIn, logs };
}

function invoke(h: Harness, name: string, value: Record<string, unknown>, user = ALEX, locale = 'en-US') {
  const activity = h.sut.client.activity('', { user, locale, conversationId: `conv-${user}` });
  return h.sut.client.post({ ...activity, type: 'invoke', name, value, text: undefined });
}

async function replyAfter(h: Harness, count: number, conversationId: string): Promise<Partial<Activity>> {
  return h.sut.connector.waitFor(() => {
    const messages = h.sut.connector.messages(conversationId);
    return messages.length > count ? messages[messages.length - 1]!.activity : undefined;
  });
}

async function say(h: Harness, text: string, user = ALEX, locale = 'en-US'): Promise<Partial<Activity>> {
  const conversationId = `conv-${user}`;
  const before = h.sut.connector.messages(conversationId).length;
  const response = await h.sut.client.say(text, { user, locale, conversationId });
  expect(response.status).to.be.oneOf([200, 201, 202]);
  return replyAfter(h, before, conversationId);
}

const callUser = (oid: string) => ({
  tenantId: PARTNER_TENANT,
  aadObjectId: oid,
  channelUserId: `29:${oid}`,
});

describe('sign-in e2e: Teams SSO, OAuth card, whoami over HTTP with fake Entra and token service', function () {
  this.timeout(30_000);
  let h: Harness;
  beforeEach(async () => {
    h = await start();
  });
  afterEach(async () => {
    await h.sut.stop();
    await h.tokenService.stop();
    await h.entra.close();
  });

  it('a Partner Center call before sign-in → sign_in_required; "sign in" sends the OAuth card with SSO', async () => {
    let code: string | undefined;
    await h.signIn.tokens
      .getToken('app+user', 'partnerCenter', callUser(ALEX))
      .catch((e: { code?: string }) => {
        code = e.code;
      });
    expect(code).to.equal('sign_in_required');
    const reply = await say(h, 'sign in');
    const card = reply.attachments?.[0];
    expect(card?.contentType).to.equal('application/vnd.microsoft.card.oauth');
    const content = card?.content as { connectionName: string; tokenExchangeResource?: { uri: string } };
    expect(content.connectionName).to.equal(CONNECTION);
    expect(content.tokenExchangeResource?.uri).to.equal(SSO);
    expect(visibleText(reply)).to.include(en.t('signin.card.text'));
  });

  it("token exchange succeeds, the next Partner Center token is the user's own (with MFA); duplicates are exchanged once", async () => {
    const sso = await h.entra.mintUserAssertion(ALEX, SSO);
    const value = { id: 'exchange-1', connectionName: CONNECTION, token: sso };
    const first = await invoke(h, 'signin/tokenExchange', value);
    expect(first.status).to.equal(200);
    expect(await first.json()).to.deep.equal({ id: 'exchange-1', connectionName: CONNECTION });
    const duplicate = await invoke(h, 'signin/tokenExchange', value);
    expect(duplicate.status).to.equal(200);
    expect(h.tokenService.count('usertoken/exchange')).to.equal(1);
    const done = await replyAfter(h, 0, `conv-${ALEX}`);
    expect(done.text).to.equal(en.t('signin.done'));

    const token = await h.signIn.tokens.getToken('app+user', 'partnerCenter', callUser(ALEX));
    expect(decodeJwt(token)).to.include({
      oid: ALEX,
      idtyp: 'user',
      aud: 'https://api.partnercenter.microsoft.com',
    });

    const whoami = visibleText(await say(h, 'whoami'));
    expect(whoami).to.include(en.t('core.auth.title'));
    expect(whoami).to.include(en.t('core.auth.credentials.value', { kind: 'secret' }));
    const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    expect(whoami).to.match(
      new RegExp(`${escape(en.t('core.auth.appUser'))}\\s+${escape(en.t('core.auth.available'))}`),
    );
    // The tokens never reach the logs.
    const logs = h.logs.join('\n');
    expect(logs).not.to.include(sso.split('.')[2]!);
    expect(logs).not.to.include(token.split('.')[2]!);
  });

  it('an exchange the token service refuses is answered 412 (Teams then shows the sign-in button)', async () => {
    const response = await invoke(h, 'signin/tokenExchange', {
      id: 'exchange-2',
      connectionName: CONNECTION,
      token: await h.entra.mintUserAssertion(ALEX, 'api://not-this-bot'),
    });
    expect(response.status).to.equal(412);
    expect(((await response.json()) as { failureDetail?: string }).failureDetail).to.be.a('string');
  });

  it('the OAuth card fallback: verifyState with the magic code signs the user in', async () => {
    const code = h.tokenService.completeSignIn(`29:${ALEX}`, await h.entra.mintUserAssertion(ALEX, SSO));
    const response = await invoke(h, 'signin/verifyState', { state: code });
    expect(response.status).to.equal(200);
    expect((await replyAfter(h, 0, `conv-${ALEX}`)).text).to.equal(en.t('signin.done'));
    expect(h.tokenService.hasToken(`29:${ALEX}`)).to.equal(true);
  });

  it('without MFA: the App+User call is refused: mfa_required, told in plain words (en, ko)', async () => {
    await invoke(
      h,
      'signin/tokenExchange',
      {
        id: 'exchange-megan',
        connectionName: CONNECTION,
        token: await h.entra.mintUserAssertion(MEGAN, SSO),
      },
      MEGAN,
    );
    let error: unknown;
    await h.signIn.tokens.getToken('app+user', 'partnerCenter', callUser(MEGAN)).catch((e: unknown) => {
      error = e;
    });
    expect((error as { code?: string }).code).to.equal('mfa_required');
    expect(en.t('error.mfa_required')).to.include('1 April 2026');
    expect(ko.t('error.mfa_required')).to.include('2026년 4월 1일');
  });

  it('"로그아웃" signs out at the token service; the next call needs sign-in again', async () => {
    await invoke(h, 'signin/tokenExchange', {
      id: 'exchange-3',
      connectionName: CONNECTION,
      token: await h.entra.mintUserAssertion(ALEX, SSO),
    });
    await h.signIn.tokens.getToken('app+user', 'partnerCenter', callUser(ALEX));
    const reply = await say(h, '로그아웃', ALEX, 'ko-KR');
    expect(reply.text).to.equal(ko.t('signin.signedOut'));
    expect(h.tokenService.count('usertoken/SignOut')).to.equal(1);
    let code: string | undefined;
    await h.signIn.tokens
      .getToken('app+user', 'partnerCenter', callUser(ALEX))
      .catch((e: { code?: string }) => {
        code = e.code;
      });
    expect(code).to.equal('sign_in_required');
    // "로그인" offers the card again.
    const card = await say(h, '로그인', ALEX, 'ko-KR');
    expect(card.attachments?.[0]?.contentType).to.equal('application/vnd.microsoft.card.oauth');
  });
});

describe('sign-in e2e: the embedded default (local emulator, no settings)', function () {
  this.timeout(30_000);
  let sut: AppUnderTest;
  beforeEach(async () => {
    sut = await startAppUnderTest();
  });
  afterEach(async () => {
    await sut.stop();
  });

  it('whoami shows an admin the local sign-in: emulator credentials, signed in with MFA, everything available', async () => {
    await sut.client.say('whoami', { conversationId: 'local-1' });
    const reply = await sut.connector.waitFor((calls) =>
      calls.find((call) => call.activity.type === 'message' && call.path.includes('local-1')),
    );
    const text = visibleText(reply.activity);
    expect(text).to.include(en.t('core.auth.credentials.value', { kind: 'localEmulator' }));
    expect(text).not.to.include(en.t('core.auth.unavailable'));
  });

  it('"sign in" needs no sign-in step there', async () => {
    await sut.client.say('sign in', { conversationId: 'local-2' });
    const reply = await sut.connector.waitFor((calls) =>
      calls.find((call) => call.activity.type === 'message' && call.path.includes('local-2')),
    );
    expect(reply.activity.text).to.equal(en.t('signin.local'));
  });
});
