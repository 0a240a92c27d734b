import { expect } from 'chai';
import { isDomainError } from '../../../src/domain/errors.js';
import type { PartnerCenter } from '../../../src/domain/partnerCenter/port.js';
import { RestPartnerCenter } from '../../../src/partnerCenter/rest/restPartnerCenter.js';
import { CUSTOMERS, emulatorFixture, type EmulatorFixture } from './emulatorFixture.js';

/** The bot's REST client against the emulator: the path the app will take once wired. */
describe('Partner Center emulator: the REST client end to end', () => {
  let fx: EmulatorFixture;
  let pc: PartnerCenter;
  beforeEach(async () => {
    fx = await emulatorFixture();
    pc = new RestPartnerCenter(
      {
        baseUrl: fx.emulator.partnerCenterUrl,
        fetch: (url, init) => fetch(url, init),
        getAccessToken: () => fx.tokens.appUser(),
      },
      { partner: await fx.emulator.sandbox.partnerCenter.getPartner(), users: [], indirectResellers: [] },
    );
  });
  afterEach(async () => {
    await fx.dispose();
  });

  it('pages customers, attests, buys a plan and sees it with its Azure subscription', async () => {
    const first = await pc.listCustomersPage({ size: 5 });
    const second = await pc.listCustomersPage({ size: 5, continuationToken: first.continuationToken });
    const third = await pc.listCustomersPage({ size: 5, continuationToken: second.continuationToken });
    const fourth = await pc.listCustomersPage({ size: 5, continuationToken: third.continuationToken });
    expect(
      [first, second, third, fourth].map((p) => p.items.length),
      'the seed has 16 customers',
    ).to.deep.equal([5, 5, 5, 1]);
    expect(fourth.continuationToken).to.equal(undefined);

    const customer = CUSTOMERS.fabrikamNoMca;
    expect((await pc.getCustomer(customer)).country).to.equal('US');
    const [metadata] = await pc.getMcaMetadata();
    await pc.createAgreement(
      customer,
      {
        primaryContact: { firstName: 'Rina', lastName: 'Ito', email: 'rina.ito@fabrikam.com' },
        dateAgreed: '2026-11-25T00:00:00.000Z',
        templateId: metadata.templateId,
        type: 'MicrosoftCustomerAgreement',
      },
      { userId: 'ignored', displayName: 'Alex Wilber' },
    );
    expect(await pc.listMcaAgreements(customer)).to.have.length(1);
    const availability = await pc.getAzurePlanAvailability(customer);
    expect(availability?.catalogItemId).to.equal('DZH318Z0BPS6:0001:DZH318Z0BML6');
    const cart = await pc.createCart(customer, {
      catalogItemId: availability?.catalogItemId ?? '',
      quantity: 1,
      billingCycle: 'one_time',
      partnerIdOnRecord: '4412873',
    });
    const order = await pc.checkoutCart(customer, cart.id);
    const planId = order.lineItems[0].subscriptionId;
    const plan = (await pc.listSubscriptions(customer)).find((s) => s.id === planId);
    expect(plan).to.include({ status: 'active', partnerIdOnRecord: '4412873' });
    const [azure] = await pc.listAzureEntitlements(customer, planId);
    expect(azure).to.include({ friendlyName: 'Azure subscription 1', status: 'active' });
  });

  it('gets documented refusals as DomainErrors with the Partner Center code', async () => {
    const refusal = async (work: () => Promise<unknown>) => {
      try {
        await work();
      } catch (error) {
        if (isDomainError(error)) return error;
        throw error;
      }
      throw new Error('expected a refusal');
    };
    const plan = await refusal(() =>
      pc.suspendPlan(CUSTOMERS.contosoWithPlan, 'f80c27d0-528b-4ad2-97b4-482a7a15d2f6'),
    );
    expect(plan.code).to.equal('900115');
    const future = await refusal(() =>
      pc.createAgreement(
        CUSTOMERS.fabrikamNoMca,
        {
          primaryContact: { firstName: 'A', lastName: 'B', email: 'a@b.com' },
          dateAgreed: '2026-12-31T00:00:00.000Z',
          templateId: '117a77b0-9360-443b-8795-c6dedc750cf9',
          type: 'MicrosoftCustomerAgreement',
        },
        { userId: 'u', displayName: 'U' },
      ),
    );
    expect([future.code, future.params.reason]).to.deep.equal(['600002', 'futureDate']);
    const suspended = await refusal(() => pc.createUpgrade(CUSTOMERS.litwareLegacySuspended));
    expect(suspended.code).to.equal('900105');
  });

  it('runs a transition: createUpgrade reads the Location, status is polled until completed', async () => {
    const customer = CUSTOMERS.woodgroveLegacyTwoResellers;
    expect((await pc.getUpgradeEligibility(customer)).isEligible).to.equal(true);
    const { upgradeId } = await pc.createUpgrade(customer);
    let status = 'pending';
    for (let i = 0; i < 400 && status !== 'completed'; i += 1) {
      status = (await pc.getUpgradeStatus(customer, upgradeId)).status;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(status).to.equal('completed');
  });
});

describe('Partner Center emulator: listing every customer', () => {
  it('the REST client lists all customers through size-paged requests (size is required by the docs)', async () => {
    const fx = await emulatorFixture();
    try {
      const pc = new RestPartnerCenter(
        {
          baseUrl: fx.emulator.partnerCenterUrl,
          fetch: (url, init) => fetch(url, init),
          getAccessToken: () => fx.tokens.appUser(),
        },
        { partner: await fx.emulator.sandbox.partnerCenter.getPartner(), users: [], indirectResellers: [] },
      );
      const noSize = await fx.call('GET', '/v1/customers');
      expect([noSize.status, noSize.body.code]).to.deep.equal([400, 3000]);
      expect(await pc.listCustomers()).to.have.length(16);
    } finally {
      await fx.dispose();
    }
  });
});
