import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { LoopbackNetworkClient } from '../../../src/partnerCenter/auth/loopbackNetworkClient.js';
import { MsalPartnerCenterTokens } from '../../../src/partnerCenter/auth/msalTokens.js';
import { withPartnerCenterToken } from '../../../src/partnerCenter/auth/withToken.js';
import { startFakeEntra, type FakeEntra } from '../../../src/partnerCenter/emulator/entra/fakeEntra.js';
import { createLogger } from '../../../src/logging.js';

const CLIENT_ID = '11111111-2222-3333-4444-555555555555';
const SECRET = 'secret-for-401-tests';
const SSO = `api://bot.example.test/botid-${CLIENT_ID}`;
const ALEX = {
  oid: '00000000-0000-0000-0000-000000000020',
  upn: 'alex@contoso.test',
  name: 'Alex',
  mfa: true,
};

/** A Partner Center stand-in that verifies bearer tokens against the fake Entra's JWKS. */
async function fakePartnerCenter(entra: FakeEntra) {
  const jwks = createRemoteJWKSet(new URL(entra.jwksUrl));
  const state = { rejectAll: false, rejected: new Set<string>(), seen: [] as Array<Record<string, unknown>> };
  const server: Server = createServer((req, res) => {
    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    jwtVerify(token, jwks, { issuer: entra.issuer, audience: 'https://api.partnercenter.microsoft.com' })
      .then(({ payload }) => {
        state.seen.push(payload);
        const ok = !state.rejectAll && !state.rejected.has(String(payload.uti));
        if (ok) state.rejected.add(String(payload.uti)); // next time this token is "revoked"
        // Headers given with writeHead: once restify is loaded (other test files), a bare
        // writeHead(status) response never reaches the client.
        res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
        res.end(ok ? '{"items":[]}' : '{}');
      })
      .catch(() => {
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end('{}');
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/customers`;
  return {
    state,
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('a 401 from Partner Center: fresh token once, then sign in again (HTTP)', () => {
  let entra: FakeEntra;
  let pc: Awaited<ReturnType<typeof fakePartnerCenter>>;
  let tokens: MsalPartnerCenterTokens;
  let sso: string | undefined;
  const user = { tenantId: '', aadObjectId: ALEX.oid, channelUserId: `29:${ALEX.oid}` };

  beforeEach(async () => {
    entra = await startFakeEntra({
      clients: [{ clientId: CLIENT_ID, secret: SECRET, ssoAudiences: [SSO] }],
      users: [ALEX],
    });
    user.tenantId = entra.tenantId;
    pc = await fakePartnerCenter(entra);
    sso = await entra.mintUserAssertion(ALEX, SSO);
    tokens = new MsalPartnerCenterTokens({
      tenantId: entra.tenantId,
      clientId: CLIENT_ID,
      authorityHost: entra.authorityHost,
      credential: { kind: 'secret', secret: SECRET },
      networkClient: new LoopbackNetworkClient({ [entra.authorityHost]: entra.baseUrl }),
      userAssertions: { getUserAssertion: async () => sso },
      logger: createLogger('silent'),
    });
  });
  afterEach(async () => {
    await pc.close();
    await entra.close();
  });

  const call = () =>
    withPartnerCenterToken(tokens, 'app+user', 'partnerCenter', user, (token) =>
      fetch(pc.url, { headers: { Authorization: `Bearer ${token}` } }),
    );

  it("the call carries the user's own App+User token, verified by its signature", async () => {
    expect((await call()).status).to.equal(200);
    expect(pc.state.seen[0]).to.include({ oid: ALEX.oid, idtyp: 'user', scp: 'user_impersonation' });
  });

  it('a revoked (401) token is replaced by a fresh one and the call succeeds', async () => {
    expect((await call()).status).to.equal(200);
    // The cached token is now refused by Partner Center: one retry with a new token.
    expect((await call()).status).to.equal(200);
    expect(pc.state.seen).to.have.length(3);
    expect(pc.state.seen[2]!.uti).not.to.equal(pc.state.seen[1]!.uti);
  });

  it('401 again → sign_in_required (the bot shows the sign-in card, not a generic error)', async () => {
    pc.state.rejectAll = true;
    const error = await call().then(
      () => undefined,
      (e: unknown) => e as { code?: string },
    );
    expect(error?.code).to.equal('sign_in_required');
  });

  it('the user signed out meanwhile → sign_in_required without calling Partner Center', async () => {
    sso = undefined;
    const error = await call().then(
      () => undefined,
      (e: unknown) => e as { code?: string },
    );
    expect(error?.code).to.equal('sign_in_required');
    expect(pc.state.seen).to.have.length(0);
  });
});
