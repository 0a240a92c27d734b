import { expect } from 'chai';
import type { Clock } from '../../../src/domain/clock.js';
import {
  ARM_AUDIENCE,
  AuthRefusal,
  PARTNER_CENTER_AUDIENCE,
  TokenVerifier,
  type RouteAuth,
} from '../../../src/partnerCenter/emulator/auth.js';
import { EmulatorTokens } from '../../support/emulatorTokens.js';

const T0 = Date.parse('2026-12-01T10:00:00Z');
const PC = [PARTNER_CENTER_AUDIENCE];
const ARM = [ARM_AUDIENCE, `${ARM_AUDIENCE}/`];
/** The verifier's clock tolerance for exp and nbf. */
const TOLERANCE_MS = 300_000;

/**
 * The emulator verifies a token's signature once and remembers it; these tests make sure that what
 * a remembered token may do is still decided per request: expiry and nbf on the token clock, the
 * route's audience, App-only vs App+User and MFA.
 */
describe('Partner Center emulator: a verified token is remembered, its rules are not', () => {
  let tokens: EmulatorTokens;
  let now: number;
  const clock: Clock = { now: () => new Date(now) };
  let verifier: TokenVerifier;
  before(async () => {
    tokens = await EmulatorTokens.start(() => new Date(now));
  });
  after(async () => {
    await tokens.close();
  });
  beforeEach(() => {
    now = T0;
    verifier = new TokenVerifier([{ issuer: tokens.issuer, jwks: tokens.jwks }], clock);
  });

  async function refusal(
    token: string,
    audiences: readonly string[] = PC,
    auth: RouteAuth = 'app-or-user',
  ): Promise<AuthRefusal> {
    try {
      await verifier.verify(`Bearer ${token}`, audiences, auth);
    } catch (error) {
      if (error instanceof AuthRefusal) return error;
      throw error;
    }
    throw new Error('expected a refusal');
  }

  it('an accepted token is refused once it has expired (token clock), and stays refused', async () => {
    const token = await tokens.appUser({ expiresInSeconds: 600 });
    expect((await verifier.verify(`Bearer ${token}`, PC, 'app-or-user')).kind).to.equal('app+user');
    now = T0 + 600_000 + TOLERANCE_MS - 1_000;
    expect((await verifier.verify(`Bearer ${token}`, PC, 'app-or-user')).kind).to.equal('app+user');
    now = T0 + 600_000 + TOLERANCE_MS;
    expect((await refusal(token)).errorName).to.equal('TokenExpired');
    expect((await refusal(token)).errorName).to.equal('TokenExpired');
  });

  it('an accepted token is refused while the token clock is before its nbf', async () => {
    const token = await tokens.appUser({ notBeforeSeconds: 200 });
    await verifier.verify(`Bearer ${token}`, PC, 'app-or-user');
    now = T0 - 200_000;
    const notYet = await refusal(token);
    expect([notYet.status, notYet.errorName]).to.deep.equal([401, 'TokenNotYetValid']);
  });

  it('a Partner Center token accepted once is still refused by an ARM route (audience), and vice versa', async () => {
    const pcToken = await tokens.appOnly();
    await verifier.verify(`Bearer ${pcToken}`, PC, 'app-or-user');
    expect((await refusal(pcToken, ARM)).errorName).to.equal('InvalidAudience');
    const armToken = await tokens.appOnly({ audience: ARM_AUDIENCE });
    await verifier.verify(`Bearer ${armToken}`, ARM, 'app-or-user');
    expect((await refusal(armToken, PC)).errorName).to.equal('InvalidAudience');
    // And the right audience still passes after a refusal.
    expect((await verifier.verify(`Bearer ${pcToken}`, PC, 'app-or-user')).kind).to.equal('app-only');
  });

  it('App-only vs App+User is the route’s decision on every request', async () => {
    const app = await tokens.appOnly();
    const user = await tokens.appUser();
    await verifier.verify(`Bearer ${app}`, PC, 'app-or-user');
    await verifier.verify(`Bearer ${user}`, PC, 'app-or-user');
    const appOnUserRoute = await refusal(app, PC, 'user');
    expect([appOnUserRoute.status, appOnUserRoute.errorName]).to.deep.equal([403, 'AppOnlyNotSupported']);
    const userOnAppRoute = await refusal(user, PC, 'app');
    expect([userOnAppRoute.status, userOnAppRoute.errorName]).to.deep.equal([403, 'AppPlusUserNotSupported']);
    expect((await verifier.verify(`Bearer ${app}`, PC, 'app')).kind).to.equal('app-only');
    expect((await verifier.verify(`Bearer ${user}`, PC, 'user')).kind).to.equal('app+user');
  });

  it('an App+User token without MFA is refused on every request', async () => {
    const token = await tokens.appUser({ mfa: false });
    for (let i = 0; i < 3; i += 1) {
      const refused = await refusal(token);
      expect([refused.status, refused.errorName]).to.deep.equal([401, 'MfaRequired']);
      expect(refused.challenge).to.match(/insufficient_claims/);
    }
  });

  it('the claims of an accepted token with another signature are refused', async () => {
    const token = await tokens.appOnly();
    await verifier.verify(`Bearer ${token}`, PC, 'app-or-user');
    const [header, payload] = token.split('.');
    const forged = (await tokens.forged()).split('.')[2];
    expect((await refusal(`${header}.${payload}.${forged}`)).errorName).to.equal('InvalidToken');
  });

  it('remembers a bounded number of tokens: a forgotten one is verified again, with the same answer', async () => {
    verifier = new TokenVerifier([{ issuer: tokens.issuer, jwks: tokens.jwks }], clock, {
      maxVerifiedTokens: 2,
    });
    const issued = [await tokens.appOnly(), await tokens.appUser(), await tokens.appOnly({ objectId: 'x' })];
    for (const token of issued) await verifier.verify(`Bearer ${token}`, PC, 'app-or-user');
    for (const token of issued)
      expect((await verifier.verify(`Bearer ${token}`, PC, 'app-or-user')).tenantId).to.equal(
        '00000000-0000-0000-0000-0000000000001',
      );
    now = T0 + 3600_000 + TOLERANCE_MS;
    for (const token of issued) expect((await refusal(token)).errorName).to.equal('TokenExpired');
  });
});
