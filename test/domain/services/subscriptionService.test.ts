import { expect } from 'chai';
import type { DomainError } from '../../../src/domain/errors.js';
import { SubscriptionService } from '../../../src/domain/services/subscriptionService.js';
import { CUSTOMERS, USERS, sandboxFixture, type SandboxFixture } from '../../partnerCenter/sandbox/sandboxFixture.js';
import { servicesOver } from './serviceFixture.js';

const PLAN = 'f80c27d0-528b-4ad2-97b4-482a7a15d2f6';
const PRODUCTION = '23ecfaaf-7633-4898-8279-8a6d7b559bf1';
const DEVTEST = 'dfb2e059-d81a-4df5-b6c5-64402ea91153';
const customerId = CUSTOMERS.contosoWithPlan;

const errorOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: DomainError) => e,
  );

describe('SubscriptionService (Azure subscriptions under the plan)', () => {
  let fixture: SandboxFixture;
  let service: SubscriptionService;
  beforeEach(async () => {
    fixture = await sandboxFixture();
    service = new SubscriptionService(servicesOver(fixture.sandbox));
  });
  afterEach(async () => fixture.dispose());

  it('lists the plan with its two Azure subscriptions', async () => {
    const list = await service.list(await fixture.actor(USERS.meganSalesAgent), customerId);
    expect(list.plans).to.have.length(1);
    expect(list.plans[0].azureSubscriptions.map((s) => s.friendlyName)).to.have.members([
      'Contoso Pharma Production',
      'Contoso Pharma Dev/Test',
    ]);
    expect(list.legacy).to.deep.equal([]);
  });

  it('lists legacy subscriptions separately', async () => {
    const list = await service.list(
      await fixture.actor(USERS.meganSalesAgent),
      CUSTOMERS.woodgroveLegacyTwoResellers,
    );
    expect(list.plans).to.deep.equal([]);
    expect(list.legacy.map((s) => s.offerId)).to.deep.equal(['MS-AZR-0145P', 'MS-AZR-0145P']);
  });

  it('creates another Azure subscription exactly once per request id', async () => {
    const adele = await fixture.actor(USERS.adeleAdminAgent);
    const input = { customerId, planId: PLAN, displayName: '  Contoso Pharma Research ' };
    const [a, b] = await Promise.all([
      service.createAzureSubscription(adele, input, 'new-1'),
      service.createAzureSubscription(adele, input, 'new-1'),
    ]);
    expect(a).to.deep.equal(b);
    expect(a.friendlyName).to.equal('Contoso Pharma Research');
    expect((await service.list(adele, customerId)).plans[0].azureSubscriptions).to.have.length(3);
  });

  const badNames: Array<[string, string]> = [
    ['', 'required'],
    ['x'.repeat(65), 'tooLong'],
    ['Prod | EU', 'invalidCharacters'],
  ];
  for (const [displayName, reason] of badNames) {
    it(`refuses the display name "${displayName.slice(0, 12)}" (${reason})`, async () => {
      const error = await errorOf(
        service.createAzureSubscription(
          await fixture.actor(USERS.adeleAdminAgent),
          { customerId, planId: PLAN, displayName },
          `bad-${reason}`,
        ),
      );
      expect(error?.params.reasons).to.deep.equal([`displayName:${reason}`]);
    });
  }

  it('renames, suspends and reactivates an Azure subscription', async () => {
    const adele = await fixture.actor(USERS.adeleAdminAgent);
    expect(
      (
        await service.renameAzureSubscription(
          adele,
          { customerId, azureSubscriptionId: DEVTEST, displayName: 'Contoso Pharma Test' },
          'rn',
        )
      ).friendlyName,
    ).to.equal('Contoso Pharma Test');
    expect(
      (await service.suspendAzureSubscription(adele, { customerId, azureSubscriptionId: DEVTEST }, 'sp'))
        .status,
    ).to.equal('suspended');
    expect(
      (await service.reactivateAzureSubscription(adele, { customerId, azureSubscriptionId: DEVTEST }, 'ra'))
        .status,
    ).to.equal('active');
  });

  it('rule 13: suspending the plan is refused with 900115 and the list of active Azure subscriptions to suspend first', async () => {
    const adele = await fixture.actor(USERS.adeleAdminAgent);
    await service.suspendAzureSubscription(adele, { customerId, azureSubscriptionId: DEVTEST }, 's1');
    const error = await errorOf(service.suspendPlan(adele, { customerId, planId: PLAN }, 'plan-1'));
    expect(error?.code).to.equal('900115');
    expect(error?.params.activeSubscriptionIds).to.deep.equal([PRODUCTION]);
    await service.suspendAzureSubscription(adele, { customerId, azureSubscriptionId: PRODUCTION }, 's2');
    expect((await service.suspendPlan(adele, { customerId, planId: PLAN }, 'plan-1')).status).to.equal(
      'suspended',
    );
    expect(
      (
        await errorOf(
          service.reactivateAzureSubscription(adele, { customerId, azureSubscriptionId: PRODUCTION }, 'r1'),
        )
      )?.code,
    ).to.equal('plan_not_active');
    expect((await service.reactivatePlan(adele, { customerId, planId: PLAN }, 'plan-2')).status).to.equal(
      'active',
    );
  });

  it('a Sales agent sees subscriptions but may not change them; a Billing admin may not even list them', async () => {
    const megan = await fixture.actor(USERS.meganSalesAgent);
    expect(
      (
        await errorOf(
          service.suspendAzureSubscription(megan, { customerId, azureSubscriptionId: DEVTEST }, 'x'),
        )
      )?.code,
    ).to.equal('forbidden');
    expect(
      (await errorOf(service.list(await fixture.actor(USERS.leeBillingAdmin), customerId)))?.code,
    ).to.equal('forbidden');
  });

  it('answers not_found for an Azure subscription of another customer', async () => {
    const adele = await fixture.actor(USERS.adeleAdminAgent);
    const error = await errorOf(
      service.suspendAzureSubscription(
        adele,
        { customerId: CUSTOMERS.nordlysNo, azureSubscriptionId: DEVTEST },
        'o',
      ),
    );
    expect(error?.code).to.equal('not_found');
  });
});
