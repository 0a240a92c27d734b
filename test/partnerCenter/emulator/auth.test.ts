import { expect } from 'chai';
import { CUSTOMERS, emulatorFixture, type EmulatorFixture } from './emulatorFixture.js';

const ARM = 'https://management.azure.com';

describe('Partner Center emulator: bearer tokens', () => {
  let fx: EmulatorFixture;
  before(async () => {
    fx = await emulatorFixture();
  });
  after(async () => {
    await fx.dispose();
  });

  const customerPath = `/v1/customers/${CUSTOMERS.contosoWithPlan}`;
  const upgradeBody = { customerId: CUSTOMERS.woodgroveLegacyTwoResellers, productFamily: 'azure' };

  it('no token → 401 with WWW-Authenticate and a Partner Center error body', async () => {
    const result = await fx.call('GET', customerPath, { token: '' });
    expect(result.status).to.equal(401);
    expect(result.headers.get('www-authenticate')).to.match(/^Bearer/);
    expect(result.body).to.include({ code: 400, errorName: 'Unauthorized' });
  });

  const refused: Array<[string, () => Promise<string>, string]> = [
    ['a token for another audience', () => fx.tokens.appUser({ audience: ARM }), 'InvalidAudience'],
    ['an expired token', () => fx.tokens.appUser({ expiresInSeconds: -3600 }), 'TokenExpired'],
    ['a token not valid yet', () => fx.tokens.appUser({ notBeforeSeconds: 3600 }), 'TokenNotYetValid'],
    ['a token signed with an unknown key', () => fx.tokens.forged(), 'InvalidToken'],
    ['garbage', async () => 'not-a-jwt', 'InvalidToken'],
  ];
  for (const [what, token, errorName] of refused) {
    it(`${what} → 401 ${errorName}`, async () => {
      const result = await fx.call('GET', customerPath, { token: await token() });
      expect(result.status).to.equal(401);
      expect(result.body.errorName).to.equal(errorName);
    });
  }

  it('App-only works where the docs allow it (customer, subscriptions), App+User also', async () => {
    expect((await fx.call('GET', customerPath, { token: await fx.tokens.appOnly() })).status).to.equal(200);
    expect((await fx.call('GET', customerPath, { token: await fx.tokens.appUser() })).status).to.equal(200);
  });

  it('App-only on an App+User-only route (product upgrades, customer agreements) → 403', async () => {
    const app = await fx.tokens.appOnly();
    const eligibility = await fx.call('POST', '/v1/productUpgrades/eligibility', {
      token: app,
      body: upgradeBody,
    });
    expect(eligibility.status).to.equal(403);
    expect(eligibility.body.errorName).to.equal('AppOnlyNotSupported');
    const agreements = await fx.call(
      'GET',
      `${customerPath}/agreements?agreementType=MicrosoftCustomerAgreement`,
      {
        token: app,
      },
    );
    expect(agreements.status).to.equal(403);
  });

  it('App+User without MFA in amr → 401 MfaRequired with a claims challenge (enforced since 2026-04-01)', async () => {
    const result = await fx.call('POST', '/v1/productUpgrades/eligibility', {
      token: await fx.tokens.appUser({ mfa: false }),
      body: upgradeBody,
    });
    expect(result.status).to.equal(401);
    expect(result.body.errorName).to.equal('MfaRequired');
    expect(result.headers.get('www-authenticate')).to.match(/insufficient_claims/);
    const withMfa = await fx.call('POST', '/v1/productUpgrades/eligibility', { body: upgradeBody });
    expect(withMfa.status).to.equal(200);
  });

  it('ARM routes want the management.azure.com audience and answer ARM-style errors', async () => {
    const path = `/arm/subscriptions/23ecfaaf-7633-4898-8279-8a6d7b559bf1?api-version=2020-01-01`;
    const wrong = await fx.call('GET', path, { token: await fx.tokens.appUser() });
    expect(wrong.status).to.equal(401);
    expect(wrong.body.error.code).to.equal('InvalidAudience');
    const right = await fx.call('GET', path, { token: await fx.tokens.appOnly({ audience: ARM }) });
    expect(right.status).to.equal(200);
  });
});
