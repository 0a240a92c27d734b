import { expect } from 'chai';
import { CUSTOMERS, emulatorFixture, pollUpgrade, type EmulatorFixture } from './emulatorFixture.js';

const MCA_TEMPLATE = '117a77b0-9360-443b-8795-c6dedc750cf9';

describe('Partner Center emulator: routes', () => {
  let fx: EmulatorFixture;
  beforeEach(async () => {
    fx = await emulatorFixture();
  });
  afterEach(async () => {
    await fx.dispose();
  });

  it('attest → availability → cart → checkout → the plan and its first Azure subscription are listed', async () => {
    const customer = CUSTOMERS.fabrikamNoMca;
    const metadata = await fx.call('GET', '/v1/agreements?agreementType=MicrosoftCustomerAgreement');
    expect(metadata.status).to.equal(200);
    expect(metadata.body.items[0].templateId).to.equal(MCA_TEMPLATE);

    const signed = await fx.call(
      'GET',
      `/v1/customers/${customer}/directSignedMicrosoftCustomerAgreementStatus`,
    );
    expect(signed.body).to.deep.equal({ isSigned: false });

    const attested = await fx.call('POST', `/v1/customers/${customer}/agreements`, {
      body: {
        primaryContact: { firstName: 'Rina', lastName: 'Ito', email: 'rina.ito@fabrikam.com' },
        dateAgreed: '2026-11-25T00:00:00.000Z',
        templateId: MCA_TEMPLATE,
        type: 'MicrosoftCustomerAgreement',
      },
    });
    expect(attested.status).to.equal(201);
    expect(attested.body).to.include({ templateId: MCA_TEMPLATE, type: 'MicrosoftCustomerAgreement' });
    expect(attested.body.userId).to.equal('00000000-0000-0000-0000-0000000000020');

    const agreements = await fx.call(
      'GET',
      `/v1/customers/${customer}/agreements?agreementType=MicrosoftCustomerAgreement`,
    );
    expect(agreements.body.items).to.have.length(1);

    const availability = await fx.call(
      'GET',
      `/v1/customers/${customer}/products/DZH318Z0BPS6/skus/0001/availabilities`,
    );
    expect(availability.status).to.equal(200);
    const [item] = availability.body.items;
    expect(item.catalogItemId).to.equal('DZH318Z0BPS6:0001:DZH318Z0BML6');

    const cart = await fx.call('POST', `/v1/customers/${customer}/carts`, {
      body: {
        lineItems: [
          {
            id: 0,
            catalogItemId: item.catalogItemId,
            quantity: 1,
            billingCycle: 'one_time',
            participants: [{ key: 'transaction_reseller', value: '4412873' }],
          },
        ],
      },
    });
    expect(cart.status).to.equal(201);
    const checkout = await fx.call('POST', `/v1/customers/${customer}/carts/${cart.body.id}/checkout`);
    expect(checkout.status).to.equal(201);
    const [order] = checkout.body.orders;
    const planId = order.lineItems[0].subscriptionId;

    const subscriptions = await fx.call('GET', `/v1/customers/${customer}/subscriptions`);
    const plan = subscriptions.body.items.find((s: { id: string }) => s.id === planId);
    expect(plan).to.include({ offerId: item.catalogItemId, status: 'active', partnerId: '4412873' });

    const entitlements = await fx.call(
      'GET',
      `/v1/customers/${customer}/subscriptions/${planId}/azureEntitlements`,
    );
    expect(entitlements.body.items).to.have.length(1);
    expect(entitlements.body.items[0]).to.include({ friendlyName: 'Azure subscription 1', status: 'active' });
  });

  it('transition: eligibility → 202 with Location → status polled until Completed', async () => {
    const customer = CUSTOMERS.woodgroveLegacyTwoResellers;
    const eligibility = await fx.call('POST', '/v1/productUpgrades/eligibility', {
      body: { customerId: customer, productFamily: 'azure' },
    });
    expect(eligibility.body).to.deep.equal({
      customerId: customer,
      productFamily: 'azure',
      isEligible: true,
    });

    const created = await fx.call('POST', '/v1/productupgrades', {
      body: { customerId: customer, productFamily: 'Azure' },
    });
    expect(created.status).to.equal(202);
    const location = created.headers.get('location') ?? '';
    expect(location).to.match(/^productUpgrades\/[0-9a-f-]{36}$/);
    const upgradeId = location.split('/')[1];

    const done = await pollUpgrade(fx, customer, upgradeId);
    expect(done.body.status).to.equal('Completed');
    expect(done.body.lineItems.length).to.be.greaterThan(0);
    for (const line of done.body.lineItems) {
      expect(line.status).to.equal('Completed');
      expect(line.targetProduct.name).to.equal('Microsoft Azure plan');
    }
    const subscriptions = await fx.call('GET', `/v1/customers/${customer}/subscriptions`);
    const plans = subscriptions.body.items.filter((s: { offerId: string }) =>
      s.offerId.startsWith('DZH318Z0BPS6'),
    );
    expect(plans.length).to.be.greaterThan(0);
  });

  it('pages the customer list with MS-ContinuationToken: 5 + 5 + 5 + 1 of 16', async () => {
    const first = await fx.call('GET', '/v1/customers?size=5');
    expect(first.body.totalCount).to.equal(16);
    expect(first.body.attributes).to.deep.equal({ objectType: 'Collection' });
    expect(first.body.items).to.have.length(5);
    const next = first.body.links.next;
    expect(next.method).to.equal('GET');
    const token = next.headers.find((h: { key: string }) => h.key === 'MS-ContinuationToken').value;

    const second = await fx.call('GET', '/v1/customers', { headers: { 'MS-ContinuationToken': token } });
    expect(second.body.items).to.have.length(5);
    const token2 = second.body.links.next.headers[0].value;
    const third = await fx.call('GET', '/v1/customers?size=5', {
      headers: { 'MS-ContinuationToken': token2 },
    });
    expect(third.body.items).to.have.length(5);
    const token3 = third.body.links.next.headers[0].value;
    const fourth = await fx.call('GET', '/v1/customers?size=5', {
      headers: { 'MS-ContinuationToken': token3 },
    });
    expect(fourth.body.items).to.have.length(1);
    expect(fourth.body.links.next).to.equal(undefined);

    const ids = [...first.body.items, ...second.body.items, ...third.body.items, ...fourth.body.items].map(
      (c: { id: string }) => c.id,
    );
    expect(new Set(ids).size).to.equal(16);
  });

  it('suspends and reactivates an Azure plan with PATCH status', async () => {
    const customer = CUSTOMERS.contosoWithPlan;
    const planId = 'f80c27d0-528b-4ad2-97b4-482a7a15d2f6';
    for (const id of ['23ecfaaf-7633-4898-8279-8a6d7b559bf1', 'dfb2e059-d81a-4df5-b6c5-64402ea91153']) {
      const cancelled = await fx.call(
        'POST',
        `/arm/subscriptions/${id}/providers/Microsoft.Subscription/cancel?api-version=2021-10-01`,
        {
          token: await fx.tokens.appUser({ audience: 'https://management.azure.com' }),
        },
      );
      expect(cancelled.status).to.equal(200);
    }
    const current = await fx.call('GET', `/v1/customers/${customer}/subscriptions/${planId}`);
    const suspended = await fx.call('PATCH', `/v1/customers/${customer}/subscriptions/${planId}`, {
      body: { ...current.body, status: 'suspended' },
    });
    expect(suspended.status).to.equal(200);
    expect(suspended.body.status).to.equal('suspended');
    const active = await fx.call('PATCH', `/v1/customers/${customer}/subscriptions/${planId}`, {
      body: { status: 'active' },
    });
    expect(active.body.status).to.equal('active');
  });

  it('ARM: creates (202 + operation), renames, cancels and enables an Azure subscription under the plan', async () => {
    const arm = { token: await fx.tokens.appUser({ audience: 'https://management.azure.com' }) };
    const customer = CUSTOMERS.contosoWithPlan;
    const created = await fx.call(
      'POST',
      `/arm/providers/Microsoft.Billing/billingAccounts/partner/customers/${customer}/providers/Microsoft.Subscription/createSubscription?api-version=2020-01-01`,
      { ...arm, body: { displayName: 'Contoso Analytics', skuId: '0001', resellerId: '4412873' } },
    );
    expect(created.status).to.equal(202);
    const operation = new URL(created.headers.get('location') ?? '', fx.emulator.baseUrl);
    const done = await fx.call('GET', `${operation.pathname}${operation.search}`, arm);
    expect(done.status).to.equal(200);
    const id = String(done.body.subscriptionLink).split('/').at(-1) as string;

    const renamed = await fx.call(
      'POST',
      `/arm/subscriptions/${id}/providers/Microsoft.Subscription/rename?api-version=2021-10-01`,
      {
        ...arm,
        body: { subscriptionName: 'Contoso Analytics Prod' },
      },
    );
    expect(renamed.body).to.deep.equal({ subscriptionId: id });
    await fx.call(
      'POST',
      `/arm/subscriptions/${id}/providers/Microsoft.Subscription/cancel?api-version=2021-10-01`,
      arm,
    );
    let got = await fx.call('GET', `/arm/subscriptions/${id}?api-version=2020-01-01`, arm);
    expect(got.body).to.include({ displayName: 'Contoso Analytics Prod', state: 'Disabled' });
    await fx.call(
      'POST',
      `/arm/subscriptions/${id}/providers/Microsoft.Subscription/enable?api-version=2021-10-01`,
      arm,
    );
    got = await fx.call('GET', `/arm/subscriptions/${id}?api-version=2020-01-01`, arm);
    expect(got.body.state).to.equal('Enabled');
  });
});
