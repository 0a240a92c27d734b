import { expect } from 'chai';
import { isDomainError } from '../../../src/domain/errors.js';
import type { AuthKind, PartnerCenterTokens, TokenResource } from '../../../src/partnerCenter/auth/tokens.js';
import { RestPartnerCenter } from '../../../src/partnerCenter/rest/restPartnerCenter.js';
import { CUSTOMERS, emulatorFixture, type EmulatorFixture } from './emulatorFixture.js';

const AUDIENCE: Record<TokenResource, string> = {
  partnerCenter: 'https://api.partnercenter.microsoft.com',
  azureResourceManager: 'https://management.azure.com',
  partnerApi: 'https://api.partner.microsoft.com',
};

const SIGNATORY = {
  customerId: CUSTOMERS.fabrikamNoMca,
  country: 'US',
  language: 'en-US',
  companyName: 'Fabrikam',
  signatoryFirstName: 'Kenji',
  signatoryLastName: 'Sato',
  signatoryEmail: 'kenji.sato@fabrikam.com',
};

const SHEET = "/partnerapi/v1.0/sales/pricesheets(Market='KR',PricesheetView='azure_consumption')/$value";

/** A REST client whose tokens are of `kind` whatever the operation asks (a misconfigured host), counting requests. */
function client(fx: EmulatorFixture, options: { kind?: AuthKind; mfa?: boolean } = {}) {
  const sent: string[] = [];
  const tokens: PartnerCenterTokens = {
    getToken: (asked, resource) => {
      const kind = options.kind ?? asked;
      return kind === 'app-only'
        ? fx.tokens.appOnly({ audience: AUDIENCE[resource] })
        : fx.tokens.appUser({ audience: AUDIENCE[resource], mfa: options.mfa ?? true });
    },
    invalidate: () => undefined,
  };
  const pc = new RestPartnerCenter(
    {
      baseUrl: fx.emulator.partnerCenterUrl,
      armBaseUrl: fx.emulator.armUrl,
      partnerApiBaseUrl: fx.emulator.partnerApiUrl,
      fetch: (url, init) => {
        sent.push(`${init.method} ${url}`);
        return fetch(url, init);
      },
      tokens,
    },
    {
      partner: { tenantId: 't', mpnId: '1', name: 'P', type: 'IndirectProvider', country: 'US' },
      users: [],
      indirectResellers: [],
    },
  );
  return { pc, sent };
}

async function refusal(work: Promise<unknown>) {
  try {
    await work;
  } catch (error) {
    if (isDomainError(error)) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('Partner Center emulator: enhanced attestation and price sheet routes', () => {
  let fx: EmulatorFixture;
  beforeEach(async () => {
    fx = await emulatorFixture();
  });
  afterEach(async () => {
    await fx.dispose();
  });

  it('attestations are App-only: an App+User token gets 403 AppPlusUserNotSupported', async () => {
    const user = await fx.call('POST', '/v1/attestations/enhanced', { body: SIGNATORY });
    expect([user.status, user.body.errorName]).to.deep.equal([403, 'AppPlusUserNotSupported']);
    const app = await fx.call('POST', '/v1/attestations/enhanced', {
      token: await fx.tokens.appOnly(),
      body: SIGNATORY,
    });
    expect(app.status).to.equal(201);
    expect(app.body).to.include({ customerId: CUSTOMERS.fabrikamNoMca, status: 'pending' });
    expect(app.body.acceptanceUrl).to.equal(
      `${fx.emulator.acceptanceUrl}?attestationId=${app.body.id}&language=en-US&country=US`,
    );
    const { pc } = client(fx, { kind: 'app+user' });
    expect((await refusal(pc.getEnhancedAttestation(app.body.id))).code).to.equal('app_user_not_supported');
  });

  it('attestation refusals reach the REST client with the sandbox codes', async () => {
    const { pc } = client(fx);
    const { customerId: _c, ...request } = SIGNATORY;
    expect(
      (await refusal(pc.createEnhancedAttestation(CUSTOMERS.hanbitDirectlySigned, request))).code,
    ).to.equal('already_signed_directly');
    const created = await pc.createEnhancedAttestation(CUSTOMERS.fabrikamNoMca, request);
    expect(
      (await refusal(pc.createAgreementFromAttestation(CUSTOMERS.fabrikamNoMca, created.attestationId))).code,
    ).to.equal('attestation_not_accepted');
    expect((await refusal(pc.getEnhancedAttestation('00000000-0000-4000-8000-000000000000'))).code).to.equal(
      'not_found',
    );
    const missing = await fx.call('POST', '/v1/attestations/enhanced', {
      token: await fx.tokens.appOnly(),
      body: { ...SIGNATORY, signatoryEmail: '' },
    });
    expect([missing.status, missing.body.code]).to.deep.equal([400, 3000]);
  });

  it('serves the acceptance page on its own server (a separately started emulator needs no bot)', async () => {
    const { pc } = client(fx);
    const { customerId: _c, ...request } = SIGNATORY;
    const created = await pc.createEnhancedAttestation(CUSTOMERS.fabrikamNoMca, request);
    const page = await fetch(created.acceptanceUrl ?? '');
    const html = await page.text();
    expect(page.status).to.equal(200);
    expect(html).to.include('Fabrikam').and.include('<form method="post"');
    const unknown = await fetch(`${fx.emulator.acceptanceUrl}?attestationId=nope`);
    expect(unknown.status).to.equal(404);
    const accept = await fetch(`${fx.emulator.acceptanceUrl}/accept`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `attestationId=${created.attestationId}`,
    });
    expect(accept.status).to.equal(200);
    expect((await pc.getEnhancedAttestation(created.attestationId)).status).to.equal('accepted');
  });

  it('price sheet: App+User on the partner API audience only', async () => {
    const noToken = await fx.call('GET', SHEET, { token: '' });
    expect(noToken.status).to.equal(401);
    const wrongAudience = await fx.call('GET', SHEET, { token: await fx.tokens.appUser() });
    expect([wrongAudience.status, wrongAudience.body.errorName]).to.deep.equal([401, 'InvalidAudience']);
    const appOnly = await fx.call('GET', SHEET, {
      token: await fx.tokens.appOnly({ audience: AUDIENCE.partnerApi }),
    });
    expect([appOnly.status, appOnly.body.errorName]).to.deep.equal([403, 'AppOnlyNotSupported']);
    const ok = await fetch(`${fx.emulator.baseUrl}${SHEET}`, {
      headers: { Authorization: `Bearer ${await fx.tokens.appUser({ audience: AUDIENCE.partnerApi })}` },
    });
    expect([ok.status, ok.headers.get('content-type')]).to.deep.equal([200, 'application/octet-stream']);
    const view = await fx.call(
      'GET',
      "/partnerapi/v1.0/sales/pricesheets(Market='KR',PricesheetView='nonsense')/$value",
      { token: await fx.tokens.appUser({ audience: AUDIENCE.partnerApi }) },
    );
    expect([view.status, view.body.code]).to.deep.equal([400, 3000]);
  });

  it('the REST client: App-only tokens on the price sheet → app_only_not_supported; no MFA → mfa_required, asked once', async () => {
    const appOnly = client(fx, { kind: 'app-only' });
    expect((await refusal(appOnly.pc.downloadPriceSheet('KR', 'azure_consumption'))).code).to.equal(
      'app_only_not_supported',
    );
    const noMfa = client(fx, { mfa: false });
    const error = await refusal(noMfa.pc.downloadPriceSheet('KR', 'azure_consumption'));
    expect(error.code).to.equal('mfa_required');
    expect(String(error.params.claims)).to.have.length.greaterThan(10);
    expect(noMfa.sent, 'no second try with a token of the same sign-in').to.have.length(1);
    const cart = await refusal(
      noMfa.pc.createCart(CUSTOMERS.fabrikamNoMca, {
        catalogItemId: 'DZH318Z0BPS6:0001:DZH318Z0BML6',
        quantity: 1,
        billingCycle: 'one_time',
      }),
    );
    expect(cart.code).to.equal('mfa_required');
  });
});
