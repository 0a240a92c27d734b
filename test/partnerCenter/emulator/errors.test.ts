import { expect } from 'chai';
import { CUSTOMERS, emulatorFixture, type EmulatorFixture } from './emulatorFixture.js';

const MCA_TEMPLATE = '117a77b0-9360-443b-8795-c6dedc750cf9';
const UNKNOWN = '11111111-2222-4333-8444-555555555555';

function agreement(dateAgreed: string, contact: Record<string, string>) {
  return {
    primaryContact: contact,
    dateAgreed,
    templateId: MCA_TEMPLATE,
    type: 'MicrosoftCustomerAgreement',
  };
}

function expectErrorShape(body: Record<string, unknown>) {
  expect(body).to.have.all.keys(
    ...['code', 'description', 'message', 'isRetryable', 'parameters', 'errorMessageExtended'],
    ...('errorName' in body ? ['errorName'] : []),
  );
  expect(body.isRetryable).to.equal(false);
}

describe('Partner Center emulator: documented errors', () => {
  let fx: EmulatorFixture;
  before(async () => {
    fx = await emulatorFixture();
  });
  after(async () => {
    await fx.dispose();
  });

  it('unknown customer → 404, code 1000 "Not found"', async () => {
    for (const path of [`/v1/customers/${UNKNOWN}`, `/v1/customers/${UNKNOWN}/subscriptions`]) {
      const result = await fx.call('GET', path);
      expect(result.status).to.equal(404);
      expect(result.body.code).to.equal(1000);
      expectErrorShape(result.body);
    }
  });

  it('future date agreed → 400 / 600002 with a description the client decodes as a future date', async () => {
    const result = await fx.call('POST', `/v1/customers/${CUSTOMERS.fabrikamNoMca}/agreements`, {
      body: agreement('2026-12-24T00:00:00.000Z', { firstName: 'A', lastName: 'B', email: 'a@b.com' }),
    });
    expect(result.status).to.equal(400);
    expect(result.body.code).to.equal(600002);
    expect(result.body.description).to.match(/cannot be greater than the current date/);
    expectErrorShape(result.body);
  });

  it('same contact again → 600061 PartnerConfirmedAgreementAlreadyExists', async () => {
    const result = await fx.call('POST', `/v1/customers/${CUSTOMERS.northwindAttested}/agreements`, {
      body: agreement('2026-11-20T00:00:00.000Z', {
        firstName: 'Oliver',
        lastName: 'Bennett',
        email: 'oliver.bennett@northwindtraders.co.uk',
        phoneNumber: '+44 20 7946 0321',
      }),
    });
    expect(result.status).to.equal(400);
    expect(result.body).to.include({ code: 600061, errorName: 'PartnerConfirmedAgreementAlreadyExists' });
  });

  it('checkout without MCA acceptance → 403 / 13605', async () => {
    const customer = CUSTOMERS.fabrikamNoMca;
    const cart = await fx.call('POST', `/v1/customers/${customer}/carts`, {
      body: {
        lineItems: [
          {
            id: 0,
            catalogItemId: 'DZH318Z0BPS6:0001:DZH318Z0BML6',
            quantity: 1,
            billingCycle: 'one_time',
            participants: [{ key: 'transaction_reseller', value: '4412873' }],
          },
        ],
      },
    });
    const result = await fx.call('POST', `/v1/customers/${customer}/carts/${cart.body.id}/checkout`);
    expect(result.status).to.equal(403);
    expect(result.body.code).to.equal(13605);
  });

  it('checkout with an unknown reseller MPN id → 400 / 800016', async () => {
    const customer = CUSTOMERS.wideWorldResellerCustomer;
    const cart = await fx.call('POST', `/v1/customers/${customer}/carts`, {
      body: {
        lineItems: [
          {
            id: 0,
            catalogItemId: 'DZH318Z0BPS6:0001:DZH318Z0BML6',
            quantity: 1,
            billingCycle: 'one_time',
            participants: [{ key: 'transaction_reseller', value: '9999999' }],
          },
        ],
      },
    });
    const result = await fx.call('POST', `/v1/customers/${customer}/carts/${cart.body.id}/checkout`);
    expect(result.status).to.equal(400);
    expect(result.body.code).to.equal(800016);
    expect(result.body.parameters).to.deep.equal({ resellerMpnId: '9999999' });
  });

  it('suspending a plan with active Azure subscriptions → 403 / 900115 naming them in parameters', async () => {
    const planId = 'f80c27d0-528b-4ad2-97b4-482a7a15d2f6';
    const result = await fx.call(
      'PATCH',
      `/v1/customers/${CUSTOMERS.contosoWithPlan}/subscriptions/${planId}`,
      {
        body: { status: 'suspended' },
      },
    );
    expect(result.status).to.equal(403);
    expect(result.body.code).to.equal(900115);
    expect(result.body.parameters.activeSubscriptionIds.split(',')).to.have.members([
      '23ecfaaf-7633-4898-8279-8a6d7b559bf1',
      'dfb2e059-d81a-4df5-b6c5-64402ea91153',
    ]);
  });

  it('transition refusals: 900105 suspended subscriptions, 900130 recent purchase, 900106 unknown upgrade', async () => {
    const suspended = await fx.call('POST', '/v1/productUpgrades', {
      body: { customerId: CUSTOMERS.litwareLegacySuspended, productFamily: 'Azure' },
    });
    expect([suspended.status, suspended.body.code]).to.deep.equal([403, 900105]);
    const recent = await fx.call('POST', '/v1/productUpgrades', {
      body: { customerId: CUSTOMERS.adatumLegacyRecent, productFamily: 'Azure' },
    });
    expect([recent.status, recent.body.code]).to.deep.equal([403, 900130]);
    const unknown = await fx.call('POST', `/v1/productUpgrades/${UNKNOWN}/status`, {
      body: { customerId: CUSTOMERS.woodgroveLegacyTwoResellers, productFamily: 'Azure' },
    });
    expect([unknown.status, unknown.body.code]).to.deep.equal([404, 900106]);
  });

  it('eligibility answers the refusal as a reason, not an error', async () => {
    const result = await fx.call('POST', '/v1/productUpgrades/eligibility', {
      body: { customerId: CUSTOMERS.litwareLegacySuspended, productFamily: 'azure' },
    });
    expect(result.status).to.equal(200);
    expect(result.body).to.include({ isEligible: false, reason: '900105' });
  });

  it('unknown path → 404; known path with another method → 405', async () => {
    expect((await fx.call('GET', '/v1/nothing-here')).status).to.equal(404);
    expect((await fx.call('DELETE', `/v1/customers/${CUSTOMERS.fabrikamNoMca}`)).status).to.equal(405);
  });
});
