import { expect } from 'chai';
import { EMULATOR_BILLING_ACCOUNT_NAME } from '../../../src/partnerCenter/emulator/subscriptionAliases.js';
import { RestPartnerCenter } from '../../../src/partnerCenter/rest/restPartnerCenter.js';
import { CUSTOMERS, emulatorFixture, type EmulatorFixture } from './emulatorFixture.js';

const CONTOSO_PLAN = 'f80c27d0-528b-4ad2-97b4-482a7a15d2f6';
const ALIAS = '7f0b3c1e-2a44-4c1b-9e55-0d1f2a3b4c5d';

function aliasBody(billingAccount: string, customerId: string = CUSTOMERS.contosoWithPlan) {
  return {
    properties: {
      displayName: 'Contoso Analytics',
      workload: 'Production',
      billingScope: `/providers/Microsoft.Billing/billingAccounts/${billingAccount}/customers/${customerId}`,
    },
  };
}

describe('Partner Center emulator: ARM subscription alias API (alias/create, 2021-10-01)', () => {
  let fx: EmulatorFixture;
  afterEach(async () => {
    await fx.dispose();
  });

  it('PUT creates one subscription under the plan (201), a repeat PUT answers the same one (200), GET reads it', async () => {
    fx = await emulatorFixture();
    expect(fx.emulator.billingAccountName).to.equal(EMULATOR_BILLING_ACCOUNT_NAME);
    const arm = { token: await fx.tokens.appUser({ audience: 'https://management.azure.com' }) };
    const path = `/arm/providers/Microsoft.Subscription/aliases/${ALIAS}?api-version=2021-10-01`;
    const before = await fx.emulator.sandbox.partnerCenter.listAzureEntitlements(
      CUSTOMERS.contosoWithPlan,
      CONTOSO_PLAN,
    );
    const created = await fx.call('PUT', path, { ...arm, body: aliasBody(EMULATOR_BILLING_ACCOUNT_NAME) });
    expect(created.status).to.equal(201);
    expect(created.body.properties.provisioningState).to.equal('Succeeded');
    const again = await fx.call('PUT', path, { ...arm, body: aliasBody(EMULATOR_BILLING_ACCOUNT_NAME) });
    expect([again.status, again.body.properties.subscriptionId]).to.deep.equal([
      200,
      created.body.properties.subscriptionId,
    ]);
    const read = await fx.call('GET', path, arm);
    expect(read.body.properties.subscriptionId).to.equal(created.body.properties.subscriptionId);
    const after = await fx.emulator.sandbox.partnerCenter.listAzureEntitlements(
      CUSTOMERS.contosoWithPlan,
      CONTOSO_PLAN,
    );
    expect(after.length).to.equal(before.length + 1);
    expect(after.find((e) => e.id === created.body.properties.subscriptionId)?.friendlyName).to.equal(
      'Contoso Analytics',
    );
    const unknown = await fx.call(
      'GET',
      '/arm/providers/Microsoft.Subscription/aliases/nope?api-version=2021-10-01',
      arm,
    );
    expect([unknown.status, unknown.body.error.code]).to.deep.equal([404, 'AliasNotFound']);
  });

  it('answers only for its configured billing account; the REST client given that name creates the subscription', async () => {
    fx = await emulatorFixture({ billingAccountName: 'contoso-mpa:1234_2019-05-31' });
    const arm = { token: await fx.tokens.appUser({ audience: 'https://management.azure.com' }) };
    const wrong = await fx.call(
      'PUT',
      `/arm/providers/Microsoft.Subscription/aliases/${ALIAS}?api-version=2021-10-01`,
      { ...arm, body: aliasBody(EMULATOR_BILLING_ACCOUNT_NAME) },
    );
    expect([wrong.status, wrong.body.error.code]).to.deep.equal([404, 'BillingAccountNotFound']);

    const pc = new RestPartnerCenter(
      {
        baseUrl: fx.emulator.partnerCenterUrl,
        armBaseUrl: fx.emulator.armUrl,
        billingAccountName: fx.emulator.billingAccountName,
        tokens: {
          getToken: (_kind, resource) =>
            resource === 'azureResourceManager'
              ? fx.tokens.appUser({ audience: 'https://management.azure.com' })
              : fx.tokens.appUser(),
          invalidate: () => undefined,
        },
      },
      { partner: await fx.emulator.sandbox.partnerCenter.getPartner(), users: [], indirectResellers: [] },
    );
    const created = await pc.createAzureSubscription(CUSTOMERS.contosoWithPlan, CONTOSO_PLAN, 'Via alias');
    const listed = await fx.emulator.sandbox.partnerCenter.listAzureEntitlements(
      CUSTOMERS.contosoWithPlan,
      CONTOSO_PLAN,
    );
    expect(listed.find((e) => e.id === created.id)?.friendlyName).to.equal('Via alias');
  });
});
