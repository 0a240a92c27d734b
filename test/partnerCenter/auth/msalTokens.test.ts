import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { decodeJwt } from 'jose';
import { LoopbackNetworkClient } from '../../../src/partnerCenter/auth/loopbackNetworkClient.js';
import { MsalPartnerCenterTokens, type AppCredential } from '../../../src/partnerCenter/auth/msalTokens.js';
import type { CallUser } from '../../../src/partnerCenter/callContext.js';
import {
  certificateThumbprints,
  startFakeEntra,
  type FakeEntra,
  type FakeEntraOptions,
} from '../../../src/partnerCenter/emulator/entra/fakeEntra.js';
import { createLogger } from '../../../src/logging.js';

const CLIENT_ID = '11111111-2222-3333-4444-555555555555';
const SECRET = 'test-secret-value-0123456789';
const SSO_AUDIENCE = `api://bot.example.test/botid-${CLIENT_ID}`;
const certificatePem = readFileSync(
  new URL('../../fixtures/entra/test-app.cert.pem', import.meta.url),
  'utf8',
);
const privateKeyPem = readFileSync(new URL('../../fixtures/entra/test-app.key.pem', import.meta.url), 'utf8');

const ALEX = {
  oid: '00000000-0000-0000-0000-000000000020',
  upn: 'alex@contoso.test',
  name: 'Alex',
  mfa: true,
};
const MEGAN = {
  oid: '00000000-0000-0000-0000-000000000021',
  upn: 'megan@contoso.test',
  name: 'Megan',
  mfa: false,
};

interface Setup {
  entra: FakeEntra;
  tokens: MsalPartnerCenterTokens;
  user(oid: string): CallUser;
  /** The SSO token the Bot Framework token service would hand out, per user oid (unset = not signed in). */
  ssoTokens: Map<string, string>;
  /** How often the token provider asked for a user's SSO token (each App+User acquisition does). */
  assertionLookups: string[];
  logs: string[];
  /** The token provider's clock (ms); starts at the real time. */
  clock: { now: number };
}

async function setup(
  credential: AppCredential | undefined,
  entraOptions: Partial<FakeEntraOptions> = {},
): Promise<Setup> {
  const clock = { now: Date.now() };
  const assertionLookups: string[] = [];
  const entra = await startFakeEntra({
    clients: [{ clientId: CLIENT_ID, secret: SECRET, certificatePem, ssoAudiences: [SSO_AUDIENCE] }],
    users: [ALEX, MEGAN],
    ...entraOptions,
  });
  const logs: string[] = [];
  const logger = createLogger(
    'trace',
    new Writable({
      write(chunk: Buffer, _enc, done) {
        logs.push(chunk.toString('utf8'));
        done();
      },
    }),
  );
  const ssoTokens = new Map<string, string>();
  const tokens = new MsalPartnerCenterTokens({
    tenantId: entra.tenantId,
    clientId: CLIENT_ID,
    authorityHost: entra.authorityHost,
    credential,
    networkClient: new LoopbackNetworkClient({ [entra.authorityHost]: entra.baseUrl }),
    userAssertions: {
      getUserAssertion: async (user) => {
        assertionLookups.push(user.aadObjectId);
        return ssoTokens.get(user.aadObjectId);
      },
    },
    logger,
    now: () => clock.now,
  });
  return {
    entra,
    tokens,
    ssoTokens,
    assertionLookups,
    logs,
    clock,
    user: (oid) => ({ tenantId: entra.tenantId, aadObjectId: oid, channelUserId: `29:${oid}` }),
  };
}

async function rejection(promise: Promise<unknown>): Promise<{ code?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code?: string };
  }
  throw new Error('expected a rejection');
}

describe('MSAL Partner Center tokens against the fake Entra (HTTP)', () => {
  let s: Setup | undefined;
  afterEach(async () => {
    await s?.entra.close();
    s = undefined;
  });

  it('gets an App-only token by client secret, with the claims Partner Center checks', async () => {
    s = await setup({ kind: 'secret', secret: SECRET });
    const token = await s.tokens.getToken('app-only', 'partnerCenter');
    const claims = decodeJwt(token);
    expect(claims).to.include({
      iss: s.entra.issuer,
      aud: 'https://api.partnercenter.microsoft.com',
      tid: s.entra.tenantId,
      appid: CLIENT_ID,
      azp: CLIENT_ID,
      idtyp: 'app',
    });
    expect(claims.roles).to.deep.equal([]);
    expect(claims).not.to.have.property('scp');
    // Cached: the second call does not go back to Entra.
    await s.tokens.getToken('app-only', 'partnerCenter');
    expect(s.entra.requests.filter((r) => r.grantType === 'client_credentials')).to.have.length(1);
  });

  it('gets an App-only token by certificate (client assertion with the thumbprint)', async () => {
    s = await setup({
      kind: 'certificate',
      thumbprint: certificateThumbprints(certificatePem).sha1Hex,
      privateKeyPem,
    });
    const token = await s.tokens.getToken('app-only', 'partnerApi');
    expect(decodeJwt(token)).to.include({ aud: 'https://api.partner.microsoft.com', idtyp: 'app' });
  });

  it('refuses App-only and App+User calls without app credentials (app_credentials_missing)', async () => {
    s = await setup(undefined);
    expect((await rejection(s.tokens.getToken('app-only', 'partnerCenter'))).code).to.equal(
      'app_credentials_missing',
    );
    expect((await rejection(s.tokens.getToken('app+user', 'partnerCenter', s.user(ALEX.oid)))).code).to.equal(
      'app_credentials_missing',
    );
  });

  it('a wrong secret is reported as rejected app credentials, not as an outage', async () => {
    s = await setup({ kind: 'secret', secret: 'wrong' });
    const error = (await rejection(s.tokens.getToken('app-only', 'partnerCenter'))) as {
      code?: string;
      params?: Record<string, unknown>;
    };
    expect(error.code).to.equal('app_credentials_missing');
    expect(error.params).to.deep.equal({ reason: 'rejected' });
  });

  it('exchanges the SSO token on behalf of the user: a user token for the same user, with MFA', async () => {
    s = await setup({ kind: 'secret', secret: SECRET });
    s.ssoTokens.set(ALEX.oid, await s.entra.mintUserAssertion(ALEX, SSO_AUDIENCE));
    const token = await s.tokens.getToken('app+user', 'partnerCenter', s.user(ALEX.oid));
    const claims = decodeJwt(token);
    expect(claims).to.include({ idtyp: 'user', oid: ALEX.oid, upn: ALEX.upn, scp: 'user_impersonation' });
    expect(claims.amr).to.include('mfa');
    // Another user gets their own token, never Alex's.
    s.ssoTokens.set(MEGAN.oid, await s.entra.mintUserAssertion({ ...MEGAN, mfa: true }, SSO_AUDIENCE));
    const megan = decodeJwt(await s.tokens.getToken('app+user', 'partnerCenter', s.user(MEGAN.oid)));
    expect(megan.oid).to.equal(MEGAN.oid);
  });

  it('without a signed-in user: sign_in_required', async () => {
    s = await setup({ kind: 'secret', secret: SECRET });
    expect((await rejection(s.tokens.getToken('app+user', 'partnerCenter', s.user(ALEX.oid)))).code).to.equal(
      'sign_in_required',
    );
    expect((await rejection(s.tokens.getToken('app+user', 'partnerCenter'))).code).to.equal(
      'sign_in_required',
    );
  });

  it('a user token without the MFA claim is refused: mfa_required', async () => {
    s = await setup({ kind: 'secret', secret: SECRET });
    s.ssoTokens.set(MEGAN.oid, await s.entra.mintUserAssertion(MEGAN, SSO_AUDIENCE));
    expect(
      (await rejection(s.tokens.getToken('app+user', 'partnerCenter', s.user(MEGAN.oid)))).code,
    ).to.equal('mfa_required');
    const health = await s.tokens.report(s.user(MEGAN.oid));
    expect(health).to.deep.include({
      signedIn: true,
      mfa: false,
      appOnlyAvailable: true,
      appUserAvailable: false,
    });
  });

  it('an SSO token for another audience is not exchanged: sign_in_required', async () => {
    s = await setup({ kind: 'secret', secret: SECRET });
    s.ssoTokens.set(ALEX.oid, await s.entra.mintUserAssertion(ALEX, 'api://someone-else'));
    expect((await rejection(s.tokens.getToken('app+user', 'partnerCenter', s.user(ALEX.oid)))).code).to.equal(
      'sign_in_required',
    );
  });

  it('an expired access token is not reused: the next call gets a fresh one', async () => {
    // Tokens living 60 s are inside MSAL's renewal window (5 min), so MSAL treats them as expired.
    s = await setup({ kind: 'secret', secret: SECRET }, { accessTokenLifetimeSeconds: 60 });
    s.ssoTokens.set(ALEX.oid, await s.entra.mintUserAssertion(ALEX, SSO_AUDIENCE));
    const first = await s.tokens.getToken('app+user', 'partnerCenter', s.user(ALEX.oid));
    const second = await s.tokens.getToken('app+user', 'partnerCenter', s.user(ALEX.oid));
    expect(second).not.to.equal(first);
    expect(decodeJwt(second).oid).to.equal(ALEX.oid);
    const appFirst = await s.tokens.getToken('app-only', 'partnerCenter');
    expect(await s.tokens.getToken('app-only', 'partnerCenter')).not.to.equal(appFirst);
  });

  it('an expired SSO token (user assertion) asks the user to sign in again', async () => {
    let now = Date.parse('2026-12-01T10:00:00Z');
    s = await setup(
      { kind: 'secret', secret: SECRET },
      { now: () => now, userAssertionLifetimeSeconds: 600 },
    );
    s.ssoTokens.set(ALEX.oid, await s.entra.mintUserAssertion(ALEX, SSO_AUDIENCE));
    now += 3600_000;
    expect((await rejection(s.tokens.getToken('app+user', 'partnerCenter', s.user(ALEX.oid)))).code).to.equal(
      'sign_in_required',
    );
  });

  it('invalidate (Partner Center answered 401) makes the next call fetch a new token', async () => {
    s = await setup({ kind: 'secret', secret: SECRET });
    s.ssoTokens.set(ALEX.oid, await s.entra.mintUserAssertion(ALEX, SSO_AUDIENCE));
    const user = s.user(ALEX.oid);
    const first = await s.tokens.getToken('app+user', 'partnerCenter', user);
    expect(await s.tokens.getToken('app+user', 'partnerCenter', user)).to.equal(first);
    s.tokens.invalidate('app+user', 'partnerCenter', user);
    expect(await s.tokens.getToken('app+user', 'partnerCenter', user)).not.to.equal(first);
    // The user signed out of the token service meanwhile: after a 401 the bot asks to sign in again.
    s.tokens.invalidate('app+user', 'partnerCenter', user);
    s.ssoTokens.delete(ALEX.oid);
    expect((await rejection(s.tokens.getToken('app+user', 'partnerCenter', user))).code).to.equal(
      'sign_in_required',
    );
  });

  it('the fake Entra answers refresh_token grants for the tokens it issued', async () => {
    s = await setup({ kind: 'secret', secret: SECRET });
    const sso = await s.entra.mintUserAssertion(ALEX, SSO_AUDIENCE);
    const post = (form: Record<string, string>) =>
      fetch(`${s!.entra.baseUrl}/${s!.entra.tenantId}/oauth2/v2.0/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ client_id: CLIENT_ID, client_secret: SECRET, ...form }),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, string> }));
    const obo = await post({
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      requested_token_use: 'on_behalf_of',
      assertion: sso,
      scope: 'https://api.partnercenter.microsoft.com/.default',
    });
    expect(obo.status).to.equal(200);
    const refreshed = await post({
      grant_type: 'refresh_token',
      refresh_token: obo.body.refresh_token ?? '',
    });
    expect(refreshed.status).to.equal(200);
    expect(decodeJwt(refreshed.body.access_token ?? '').oid).to.equal(ALEX.oid);
    const bad = await post({ grant_type: 'refresh_token', refresh_token: 'rt.unknown' });
    expect(bad.body.error).to.equal('invalid_grant');
  });

  it('tokens, secrets and SSO tokens never appear in the logs', async () => {
    s = await setup({ kind: 'secret', secret: SECRET });
    const sso = await s.entra.mintUserAssertion(ALEX, SSO_AUDIENCE);
    s.ssoTokens.set(ALEX.oid, sso);
    const issued = [
      await s.tokens.getToken('app+user', 'partnerCenter', s.user(ALEX.oid)),
      await s.tokens.getToken('app-only', 'partnerCenter'),
    ];
    s.ssoTokens.set(MEGAN.oid, await s.entra.mintUserAssertion(MEGAN, SSO_AUDIENCE));
    await rejection(s.tokens.getToken('app+user', 'partnerCenter', s.user(MEGAN.oid)));
    const all = s.logs.join('\n');
    for (const secret of [...issued, sso, SECRET]) {
      expect(all).not.to.include(secret);
      expect(all).not.to.include(secret.split('.')[2] ?? secret);
    }
  });

  describe('the token cache in front of MSAL', () => {
    const obo = (setup: Setup) => setup.entra.requests.filter((r) => r.grantType !== 'client_credentials');
    const appOnly = (setup: Setup) =>
      setup.entra.requests.filter((r) => r.grantType === 'client_credentials');

    it('a token at hand is handed out again without asking MSAL, Entra or the SSO token source', async () => {
      s = await setup({ kind: 'secret', secret: SECRET });
      s.ssoTokens.set(ALEX.oid, await s.entra.mintUserAssertion(ALEX, SSO_AUDIENCE));
      const alex = s.user(ALEX.oid);
      const first = await s.tokens.getToken('app+user', 'partnerCenter', alex);
      for (let i = 0; i < 5; i += 1)
        expect(await s.tokens.getToken('app+user', 'partnerCenter', alex)).to.equal(first);
      expect(s.assertionLookups).to.have.length(1);
      expect(obo(s)).to.have.length(1);
      // Another resource is another token.
      const arm = await s.tokens.getToken('app+user', 'azureResourceManager', alex);
      expect(decodeJwt(arm).aud).to.equal('https://management.azure.com');
      expect(s.assertionLookups).to.have.length(2);
    });

    it('asks again from 5 minutes before the token expires on (injected clock)', async () => {
      s = await setup({ kind: 'secret', secret: SECRET });
      s.ssoTokens.set(ALEX.oid, await s.entra.mintUserAssertion(ALEX, SSO_AUDIENCE));
      const alex = s.user(ALEX.oid);
      const token = await s.tokens.getToken('app+user', 'partnerCenter', alex);
      const exp = (decodeJwt(token).exp ?? 0) * 1000;
      s.clock.now = exp - 5 * 60_000 - 1_000;
      await s.tokens.getToken('app+user', 'partnerCenter', alex);
      expect(s.assertionLookups).to.have.length(1);
      s.clock.now = exp - 5 * 60_000;
      await s.tokens.getToken('app+user', 'partnerCenter', alex);
      expect(s.assertionLookups).to.have.length(2);
    });

    it('concurrent first calls share one token request; each user gets their own token', async () => {
      s = await setup({ kind: 'secret', secret: SECRET });
      s.ssoTokens.set(ALEX.oid, await s.entra.mintUserAssertion(ALEX, SSO_AUDIENCE));
      s.ssoTokens.set(MEGAN.oid, await s.entra.mintUserAssertion({ ...MEGAN, mfa: true }, SSO_AUDIENCE));
      const [alexTokens, meganTokens, appTokens] = await Promise.all([
        Promise.all(
          Array.from({ length: 8 }, () => s!.tokens.getToken('app+user', 'partnerCenter', s!.user(ALEX.oid))),
        ),
        Promise.all(
          Array.from({ length: 8 }, () =>
            s!.tokens.getToken('app+user', 'partnerCenter', s!.user(MEGAN.oid)),
          ),
        ),
        Promise.all(Array.from({ length: 8 }, () => s!.tokens.getToken('app-only', 'partnerCenter'))),
      ]);
      expect(new Set(alexTokens).size).to.equal(1);
      expect(new Set(meganTokens).size).to.equal(1);
      expect(new Set(appTokens).size).to.equal(1);
      expect(decodeJwt(alexTokens[0]!).oid).to.equal(ALEX.oid);
      expect(decodeJwt(meganTokens[0]!).oid).to.equal(MEGAN.oid);
      expect(
        obo(s)
          .map((r) => r.userOid)
          .sort(),
      ).to.deep.equal([ALEX.oid, MEGAN.oid].sort());
      expect(appOnly(s)).to.have.length(1);
    });

    it('a user without MFA is refused on every call (the refusal is not kept as a token)', async () => {
      s = await setup({ kind: 'secret', secret: SECRET });
      s.ssoTokens.set(MEGAN.oid, await s.entra.mintUserAssertion(MEGAN, SSO_AUDIENCE));
      const megan = s.user(MEGAN.oid);
      const codes = await Promise.all(
        [1, 2, 3].map(() => rejection(s!.tokens.getToken('app+user', 'partnerCenter', megan))),
      );
      expect(codes.map((e) => e.code)).to.deep.equal(['mfa_required', 'mfa_required', 'mfa_required']);
      expect((await rejection(s.tokens.getToken('app+user', 'partnerCenter', megan))).code).to.equal(
        'mfa_required',
      );
      // Once Megan signs in with MFA, the next call has her token.
      s.ssoTokens.set(MEGAN.oid, await s.entra.mintUserAssertion({ ...MEGAN, mfa: true }, SSO_AUDIENCE));
      expect(decodeJwt(await s.tokens.getToken('app+user', 'partnerCenter', megan)).amr).to.include('mfa');
    });

    it('forgetUser (sign out) drops the user’s tokens: the next call needs the SSO token again', async () => {
      s = await setup({ kind: 'secret', secret: SECRET });
      s.ssoTokens.set(ALEX.oid, await s.entra.mintUserAssertion(ALEX, SSO_AUDIENCE));
      const alex = s.user(ALEX.oid);
      await s.tokens.getToken('app+user', 'partnerCenter', alex);
      const app = await s.tokens.getToken('app-only', 'partnerCenter');
      s.ssoTokens.delete(ALEX.oid);
      s.tokens.forgetUser(alex);
      expect((await rejection(s.tokens.getToken('app+user', 'partnerCenter', alex))).code).to.equal(
        'sign_in_required',
      );
      // The app's own token is not the user's: it stays.
      expect(await s.tokens.getToken('app-only', 'partnerCenter')).to.equal(app);
    });

    it('an App-only 401 reported with the turn’s user still drops the app token', async () => {
      s = await setup({ kind: 'secret', secret: SECRET });
      const first = await s.tokens.getToken('app-only', 'partnerCenter');
      // withPartnerCenterToken passes the turn's user whatever the auth kind.
      s.tokens.invalidate('app-only', 'partnerCenter', s.user(ALEX.oid));
      const second = await s.tokens.getToken('app-only', 'partnerCenter', s.user(ALEX.oid));
      expect(second).not.to.equal(first);
      expect(appOnly(s)).to.have.length(2);
    });
  });
});
