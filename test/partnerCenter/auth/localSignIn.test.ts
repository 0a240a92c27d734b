import { expect } from 'chai';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import { createPartnerCenterTokens } from '../../../src/partnerCenter/auth/createPartnerCenterTokens.js';
import { createLogger } from '../../../src/logging.js';
import { loadConfig } from '../../../src/config.js';

const TENANT = '00000000-0000-0000-0000-0000000000001';
const ALEX = '00000000-0000-0000-0000-0000000000020';
const MEGAN = '00000000-0000-0000-0000-0000000000021';

describe('LocalSignIn: the embedded default needs no sign-in step', () => {
  it('without PARTNER_CENTER_URL: App-only and App+User tokens for the seed users, MFA as configured', async () => {
    const signIn = await createPartnerCenterTokens(loadConfig({}), {
      logger: createLogger('silent'),
      localTenantId: TENANT,
      localUsers: [
        { aadObjectId: ALEX, displayName: 'Alex Wilber', email: 'alexw@contoso.test' },
        { aadObjectId: MEGAN, displayName: 'Megan Bowen', mfa: false },
      ],
    });
    try {
      expect(signIn.mode).to.equal('local');
      const jwks = createRemoteJWKSet(new URL(signIn.local!.entra.jwksUrl));
      const verify = (token: string) =>
        jwtVerify(token, jwks, {
          issuer: signIn.local!.entra.issuer,
          audience: 'https://api.partnercenter.microsoft.com',
        });

      const app = await signIn.tokens.getToken('app-only', 'partnerCenter');
      expect((await verify(app)).payload).to.include({ idtyp: 'app', tid: TENANT });

      const alex = { tenantId: TENANT, aadObjectId: ALEX };
      const user = await signIn.tokens.getToken('app+user', 'partnerCenter', alex);
      expect((await verify(user)).payload).to.include({
        idtyp: 'user',
        oid: ALEX,
        upn: 'alexw@contoso.test',
      });
      expect(decodeJwt(user).amr).to.include('mfa');
      // Cached for the next call of the same user.
      expect(await signIn.tokens.getToken('app+user', 'partnerCenter', alex)).to.equal(user);

      const megan = signIn.tokens.getToken('app+user', 'partnerCenter', {
        tenantId: TENANT,
        aadObjectId: MEGAN,
      });
      expect(
        await megan.then(
          () => '',
          (e: { code?: string }) => e.code,
        ),
      ).to.equal('mfa_required');

      const stranger = signIn.tokens.getToken('app+user', 'partnerCenter', {
        tenantId: TENANT,
        aadObjectId: 'nobody',
      });
      expect(
        await stranger.then(
          () => '',
          (e: { code?: string }) => e.code,
        ),
      ).to.equal('sign_in_required');

      expect(await signIn.tokens.report(alex)).to.deep.equal({
        appCredentials: 'localEmulator',
        signedIn: true,
        mfa: true,
        appOnlyAvailable: true,
        appUserAvailable: true,
      });
    } finally {
      await signIn.close();
    }
  });

  it('reads the seed users from SANDBOX_SEED_FILE by default', async () => {
    const signIn = await createPartnerCenterTokens(loadConfig({}), { logger: createLogger('silent') });
    try {
      const token = await signIn.tokens.getToken('app+user', 'partnerCenter', {
        tenantId: TENANT,
        aadObjectId: ALEX,
      });
      expect(decodeJwt(token)).to.include({ oid: ALEX, tid: TENANT });
    } finally {
      await signIn.close();
    }
  });
});
