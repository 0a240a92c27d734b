import { expect } from 'chai';
import type { DomainError } from '../../../src/domain/errors.js';
import { AttestationService } from '../../../src/domain/services/attestationService.js';
import { PurchaseService } from '../../../src/domain/services/purchaseService.js';
import { CUSTOMERS, USERS, sandboxFixture, type SandboxFixture } from '../../partnerCenter/sandbox/sandboxFixture.js';
import { servicesOver } from './serviceFixture.js';

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (e: DomainError) => e.code,
  );

const TREY = '4412873';
const PROSEWARE = '5120934';

describe('PurchaseService (buy azure plan, sandbox backend)', () => {
  let fixture: SandboxFixture;
  let purchases: PurchaseService;
  beforeEach(async () => {
    fixture = await sandboxFixture();
    purchases = new PurchaseService(servicesOver(fixture.sandbox));
  });
  afterEach(async () => fixture.dispose());

  const plansOf = async (customerId: string) =>
    (await fixture.sandbox.partnerCenter.listSubscriptions(customerId)).filter((s) =>
      s.offerId.startsWith('DZH318Z0BPS6'),
    );

  it('buys the plan with the country availability and returns order id, plan id and the first Azure subscription', async () => {
    const megan = await fixture.actor(USERS.meganSalesAgent);
    const result = await purchases.buy(
      megan,
      { customerId: CUSTOMERS.northwindAttested, resellerMpnId: PROSEWARE },
      'buy-1',
    );
    expect(result.catalogItemId).to.equal('DZH318Z0BPS6:0001:DZH318Z0BMGV');
    expect(result.orderId).to.be.a('string').and.not.equal('');
    expect(result.partnerIdOnRecord).to.equal(PROSEWARE);
    expect(result.firstAzureSubscription).to.include({ status: 'active', subscriptionId: result.planId });
    const [plan] = await plansOf(CUSTOMERS.northwindAttested);
    expect(plan).to.include({ id: result.planId, quantity: 1, billingCycle: 'one_time', status: 'active' });
    const [entry] = await fixture.sandbox.auditLog.list({ customerId: CUSTOMERS.northwindAttested });
    expect(entry).to.include({ operation: 'plan.purchase', outcome: 'succeeded', requestId: 'buy-1' });
  });

  it('rule 9: without MCA acceptance the order is refused with 13605; after attesting it goes through', async () => {
    const megan = await fixture.actor(USERS.meganSalesAgent);
    const request = { customerId: CUSTOMERS.fabrikamNoMca, resellerMpnId: TREY };
    expect(await codeOf(purchases.buy(megan, request, 'buy-a'))).to.equal('13605');
    await new AttestationService(servicesOver(fixture.sandbox)).attest(
      megan,
      {
        customerId: CUSTOMERS.fabrikamNoMca,
        firstName: 'Pradeep',
        lastName: 'Gupta',
        email: 'pradeep@fabrikam.com',
        dateAgreed: '2026-11-26',
      },
      'attest-a',
    );
    expect(await codeOf(purchases.buy(megan, request, 'buy-a'))).to.equal('ok');
  });

  it('rule 9: a customer who accepted the MCA directly can buy without attestation', async () => {
    const megan = await fixture.actor(USERS.meganSalesAgent);
    expect(
      await codeOf(
        purchases.buy(megan, { customerId: CUSTOMERS.hanbitDirectlySigned, resellerMpnId: TREY }, 'kr'),
      ),
    ).to.equal('ok');
  });

  it('rule 10: the sandbox accepts only quantity 1 and billing cycle one_time for the plan', async () => {
    const pc = fixture.sandbox.partnerCenter;
    const catalogItemId = 'DZH318Z0BPS6:0001:DZH318Z0BMGV';
    const bad = await pc
      .createCart(CUSTOMERS.northwindAttested, { catalogItemId, quantity: 2, billingCycle: 'monthly' })
      .then(
        () => undefined,
        (e: DomainError) => e,
      );
    expect(bad?.params.reasons).to.deep.equal(['quantity:exactlyOne', 'billingCycle:oneTimeOnly']);
    const otherMarket = await codeOf(
      pc.createCart(CUSTOMERS.northwindAttested, {
        catalogItemId: 'DZH318Z0BPS6:0001:DZH318Z0BML6',
        quantity: 1,
        billingCycle: 'one_time',
      }),
    );
    expect(otherMarket).to.equal('validation');
  });

  it('rule 11: a customer with the legacy offer MS-AZR-0145P is refused and offered the transition', async () => {
    const megan = await fixture.actor(USERS.meganSalesAgent);
    const error = await purchases
      .buy(megan, { customerId: CUSTOMERS.woodgroveLegacyTwoResellers, resellerMpnId: TREY }, 'w')
      .then(
        () => undefined,
        (e: DomainError) => e,
      );
    expect(error?.code).to.equal('legacy_offer_present');
    expect(error?.params.subscriptionIds).to.have.length(2);
  });

  it('rule 12: a second plan for the same customer and reseller of record is refused with plan_exists', async () => {
    const megan = await fixture.actor(USERS.meganSalesAgent);
    expect(
      await codeOf(
        purchases.buy(megan, { customerId: CUSTOMERS.contosoWithPlan, resellerMpnId: TREY }, 'c1'),
      ),
    ).to.equal('plan_exists');
  });

  it('rule 12: another reseller of record may have its own plan for the same customer', async () => {
    const megan = await fixture.actor(USERS.meganSalesAgent);
    expect(
      await codeOf(
        purchases.buy(megan, { customerId: CUSTOMERS.contosoWithPlan, resellerMpnId: PROSEWARE }, 'c2'),
      ),
    ).to.equal('ok');
    expect(await plansOf(CUSTOMERS.contosoWithPlan)).to.have.length(2);
  });

  it('an indirect provider must name a valid, known reseller of record (required, MPN format, 800016)', async () => {
    const megan = await fixture.actor(USERS.meganSalesAgent);
    const customerId = CUSTOMERS.wideWorldResellerCustomer;
    expect(await codeOf(purchases.buy(megan, { customerId }, 'r1'))).to.equal('validation');
    const badFormat = await purchases.buy(megan, { customerId, resellerMpnId: 'TREY-1' }, 'r2').then(
      () => undefined,
      (e: DomainError) => e,
    );
    expect(badFormat?.params.reasons).to.deep.equal(['resellerMpnId:invalidMpnId']);
    expect(await codeOf(purchases.buy(megan, { customerId, resellerMpnId: '9999999' }, 'r3'))).to.equal(
      '800016',
    );
    expect(await codeOf(purchases.buy(megan, { customerId, resellerMpnId: PROSEWARE }, 'r4'))).to.equal('ok');
  });

  it('refuses a country where the Azure plan is not offered (not_available_in_country)', async () => {
    const megan = await fixture.actor(USERS.meganSalesAgent);
    expect(
      await codeOf(
        purchases.buy(megan, { customerId: CUSTOMERS.fourthCoffeeNotAvailable, resellerMpnId: TREY }, 'cn'),
      ),
    ).to.equal('not_available_in_country');
  });

  it('rule 14: Global admin, User management admin, Sales agent and Admin agent may buy; Billing admin and Helpdesk agent may not', async () => {
    const expectations: Array<[string, string]> = [
      [USERS.leeBillingAdmin, 'forbidden'],
      [USERS.diegoHelpdesk, 'forbidden'],
      [USERS.isaiahUserAdmin, 'plan_exists'],
      [USERS.alexGlobalAdmin, 'plan_exists'],
      [USERS.adeleAdminAgent, 'plan_exists'],
    ];
    for (const [user, expected] of expectations) {
      const code = await codeOf(
        purchases.buy(
          await fixture.actor(user),
          { customerId: CUSTOMERS.contosoWithPlan, resellerMpnId: TREY },
          `role-${user}`,
        ),
      );
      expect(code, user).to.equal(expected);
    }
  });

  it('precheck lists every blocker and tells a read-only role it cannot buy', async () => {
    const helpdesk = await fixture.actor(USERS.diegoHelpdesk);
    const check = await purchases.precheck(helpdesk, CUSTOMERS.fabrikamNoMca, TREY);
    expect(check.canPurchase).to.equal(false);
    expect(check.blockers.map((b) => b.code)).to.deep.equal(['13605']);
    expect(check.suggestedResellerMpnId).to.equal(TREY);
    expect(check.availability?.catalogItemId).to.equal('DZH318Z0BPS6:0001:DZH318Z0BML6');
  });

  it('50 concurrent duplicate submits create exactly one plan, all answered with the same order', async () => {
    const megan = await fixture.actor(USERS.meganSalesAgent);
    const request = { customerId: CUSTOMERS.nordlysNo, resellerMpnId: TREY };
    const results = await Promise.all(
      Array.from({ length: 50 }, () => purchases.buy(megan, request, 'buy-dup')),
    );
    expect(new Set(results.map((r) => r.orderId)).size).to.equal(1);
    expect(await plansOf(CUSTOMERS.nordlysNo)).to.have.length(1);
    expect(await fixture.sandbox.auditLog.list({ customerId: CUSTOMERS.nordlysNo })).to.have.length(1);
  });

  it('two different users buying for the same customer at the same moment end with one plan; the second gets plan_exists', async () => {
    const [megan, alex] = [
      await fixture.actor(USERS.meganSalesAgent),
      await fixture.actor(USERS.alexGlobalAdmin),
    ];
    const request = { customerId: CUSTOMERS.nordlysNo, resellerMpnId: TREY };
    const codes = await Promise.all([
      codeOf(purchases.buy(megan, request, 'megan-1')),
      codeOf(purchases.buy(alex, request, 'alex-1')),
    ]);
    expect(codes.sort()).to.deep.equal(['ok', 'plan_exists']);
    expect(await plansOf(CUSTOMERS.nordlysNo)).to.have.length(1);
  });

  it('a redelivered purchase after a restart returns the first order and buys nothing', async () => {
    const megan = await fixture.actor(USERS.meganSalesAgent);
    const request = { customerId: CUSTOMERS.nordlysNo, resellerMpnId: TREY };
    const first = await purchases.buy(megan, request, 'buy-restart');
    await fixture.sandbox.close();
    const reopened = await fixture.reopen();
    const again = await new PurchaseService(servicesOver(reopened)).buy(megan, request, 'buy-restart');
    expect(again).to.deep.equal(first);
    expect((await reopened.partnerCenter.listSubscriptions(CUSTOMERS.nordlysNo)).length).to.equal(1);
  });
});

describe('PurchaseService precheck for a buyer without customer management', () => {
  it('rule 14: a User management admin gets the confirmation data and may buy', async () => {
    const fixture = await sandboxFixture();
    try {
      const purchases = new PurchaseService(servicesOver(fixture.sandbox));
      const check = await purchases.precheck(
        await fixture.actor(USERS.isaiahUserAdmin),
        CUSTOMERS.nordlysNo,
        '4412873',
      );
      expect(check.canPurchase).to.equal(true);
      expect(check.blockers).to.deep.equal([]);
      expect(check.availability?.availabilityId).to.equal('DZH318Z0BMNO');
    } finally {
      await fixture.dispose();
    }
  });
});
