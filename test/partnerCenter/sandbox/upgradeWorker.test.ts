import { expect } from 'chai';
import path from 'node:path';
import { fixedClock } from '../../../src/domain/clock.js';
import type { DomainError } from '../../../src/domain/errors.js';
import { PurchaseService } from '../../../src/domain/services/purchaseService.js';
import { TransitionService } from '../../../src/domain/services/transitionService.js';
import type { UpgradeEvent } from '../../../src/domain/transition/upgradeEvents.js';
import { openSandbox, type Sandbox } from '../../../src/partnerCenter/sandbox/openSandbox.js';
import { servicesOver } from '../../domain/services/serviceFixture.js';
import {
  CUSTOMERS,
  NOW,
  RESELLER_SEED,
  USERS,
  sandboxFixture,
  type SandboxFixture,
} from './sandboxFixture.js';

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (e: DomainError) => e.code,
  );

async function runUntilIdle(sandbox: Sandbox): Promise<number> {
  let steps = 0;
  while (await sandbox.worker.advanceOnce()) steps += 1;
  return steps;
}

function recordEvents(sandbox: Sandbox): UpgradeEvent[] {
  const events: UpgradeEvent[] = [];
  sandbox.upgradeEvents.subscribe((event) => {
    events.push(event);
  });
  return events;
}

describe('transition: TransitionService and the sandbox upgrade worker', () => {
  let fixture: SandboxFixture;
  let transitions: TransitionService;
  beforeEach(async () => {
    fixture = await sandboxFixture();
    transitions = new TransitionService(servicesOver(fixture.sandbox));
  });
  afterEach(async () => fixture.dispose());

  it('moves billing of a customer with two partners of record into two plans, keeping the Azure subscription ids', async () => {
    const megan = await fixture.actor(USERS.meganSalesAgent);
    const customerId = CUSTOMERS.woodgroveLegacyTwoResellers;
    const check = await transitions.eligibility(megan, customerId);
    expect(check.eligibility.isEligible).to.equal(true);
    expect(check.planMapping).to.have.length(2);
    const events = recordEvents(fixture.sandbox);

    const { upgradeId } = await transitions.start(megan, customerId, 'tr-1');
    expect((await transitions.status(megan, customerId))?.status).to.equal('pending');
    await runUntilIdle(fixture.sandbox);

    const upgrade = await transitions.status(megan, customerId, upgradeId);
    expect(upgrade?.status).to.equal('completed');
    expect(
      upgrade?.lineItems.map((l) => [
        l.status,
        l.sourceSubscriptionId === l.azureSubscriptionId,
        l.upgradedDate !== null,
      ]),
    ).to.deep.equal([
      ['completed', true, true],
      ['completed', true, true],
    ]);
    const subscriptions = await fixture.sandbox.partnerCenter.listSubscriptions(customerId);
    const plans = subscriptions.filter((s) => s.offerId.startsWith('DZH318Z0BPS6:0001:'));
    expect(plans.map((p) => p.partnerIdOnRecord)).to.have.members(['4412873', '5120934']);
    for (const line of upgrade!.lineItems) {
      const plan = plans.find((p) => p.partnerIdOnRecord === line.partnerIdOnRecord)!;
      expect(line.targetPlanId).to.equal(plan.id);
      const entitlements = await fixture.sandbox.partnerCenter.listAzureEntitlements(customerId, plan.id);
      expect(entitlements.map((e) => e.id)).to.deep.equal([line.azureSubscriptionId]);
    }
    const legacy = subscriptions.filter((s) => s.offerId === 'MS-AZR-0145P');
    expect(legacy.map((s) => s.status)).to.deep.equal(['suspended', 'suspended']);
    expect(events.filter((e) => e.type === 'upgradeCompleted')).to.deep.equal([
      { type: 'upgradeCompleted', customerId, upgradeId, status: 'completed' },
    ]);
    expect(events.filter((e) => e.type === 'upgradeProgress').length).to.be.greaterThan(1);
    expect((await transitions.eligibility(megan, customerId)).eligibility.reason).to.equal('900110');
  });

  it('rule 17: after a completed transition the customer can buy no legacy offer and already has its plan', async () => {
    const megan = await fixture.actor(USERS.meganSalesAgent);
    await transitions.start(megan, CUSTOMERS.woodgroveLegacyTwoResellers, 'tr-17');
    await runUntilIdle(fixture.sandbox);
    const code = await codeOf(
      new PurchaseService(servicesOver(fixture.sandbox)).buy(
        megan,
        { customerId: CUSTOMERS.woodgroveLegacyTwoResellers, resellerMpnId: '4412873' },
        'b',
      ),
    );
    expect(code).to.equal('plan_exists');
  });

  it('a seeded failure fails one subscription with error details, the others still move, and purchases stay blocked (900114)', async () => {
    const adele = await fixture.actor(USERS.adeleAdminAgent);
    const customerId = CUSTOMERS.muellerTransitionFails;
    const events = recordEvents(fixture.sandbox);
    await transitions.start(adele, customerId, 'tr-fail');
    await runUntilIdle(fixture.sandbox);
    const upgrade = await transitions.status(adele, customerId);
    expect(upgrade?.status).to.equal('failed');
    const failed = upgrade!.lineItems.filter((l) => l.status === 'failed');
    expect(failed.map((l) => [l.sourceSubscriptionId, l.errorDetails?.code])).to.deep.equal([
      ['16d73ab0-dac0-4d12-91c7-444d48772b6c', '900120'],
    ]);
    expect(upgrade!.lineItems.filter((l) => l.status === 'completed')).to.have.length(2);
    const progress = await transitions.progress(adele, customerId);
    expect(progress).to.include({ completed: 2, failed: 1, total: 3 });
    expect(progress?.subscriptionNames['16d73ab0-dac0-4d12-91c7-444d48772b6c']).to.equal('Müller SAP');
    expect(events.at(-1)).to.include({ type: 'upgradeCompleted', status: 'failed' });
    const buy = new PurchaseService(servicesOver(fixture.sandbox)).buy(
      adele,
      { customerId, resellerMpnId: '4412873' },
      'b',
    );
    expect(await codeOf(buy)).to.equal('900114');
  });

  it('rules 11 and 16: while an upgrade is pending or running, purchases are refused (900112, 900113) and a second start gets 900109', async () => {
    const alex = await fixture.actor(USERS.alexGlobalAdmin);
    const customerId = CUSTOMERS.woodgroveLegacyTwoResellers;
    const purchases = new PurchaseService(servicesOver(fixture.sandbox));
    const buy = (requestId: string) =>
      codeOf(purchases.buy(alex, { customerId, resellerMpnId: '4412873' }, requestId));
    await transitions.start(alex, customerId, 'tr-run');
    expect(await buy('p1')).to.equal('900112');

    const sandbox = fixture.sandbox;
    const inProgress = new Promise<void>((resolve) =>
      sandbox.upgradeEvents.subscribe((e) => (e.type === 'upgradeProgress' ? resolve() : undefined)),
    );
    const completed = new Promise<void>((resolve) =>
      sandbox.upgradeEvents.subscribe((e) => (e.type === 'upgradeCompleted' ? resolve() : undefined)),
    );
    sandbox.worker.start();
    await inProgress;
    expect((await transitions.status(alex, customerId))?.status).to.equal('inProgress');
    expect(await buy('p2')).to.equal('900113');
    expect(await codeOf(transitions.start(alex, customerId, 'tr-run-2'))).to.equal('900109');
    await completed;
    await sandbox.worker.stop();
  });

  it('concurrent starts by two users create one upgrade; the other is told one is running (900109)', async () => {
    const [megan, adele] = [
      await fixture.actor(USERS.meganSalesAgent),
      await fixture.actor(USERS.adeleAdminAgent),
    ];
    const codes = await Promise.all([
      codeOf(transitions.start(megan, CUSTOMERS.woodgroveLegacyTwoResellers, 'm')),
      codeOf(transitions.start(adele, CUSTOMERS.woodgroveLegacyTwoResellers, 'a')),
      codeOf(transitions.start(megan, CUSTOMERS.woodgroveLegacyTwoResellers, 'm')),
    ]);
    expect(codes.sort()).to.deep.equal(['900109', 'ok', 'ok']);
    const stored = fixture.sandbox.store.read((data) =>
      data.upgrades.filter((u) => u.customerId === CUSTOMERS.woodgroveLegacyTwoResellers),
    );
    expect(stored).to.have.length(1);
  });

  const refusedCustomers: Array<[string, string, string]> = [
    ['a suspended legacy subscription', CUSTOMERS.litwareLegacySuspended, '900105'],
    ['a subscription bought last week', CUSTOMERS.adatumLegacyRecent, '900130'],
    ['Azure Partner Shared Services', CUSTOMERS.tailspinSharedServices, '900119'],
    ['no legacy subscription', CUSTOMERS.contosoWithPlan, '900108'],
  ];
  for (const [title, customerId, code] of refusedCustomers) {
    it(`refuses to start for a seeded customer with ${title} (${code})`, async () => {
      const megan = await fixture.actor(USERS.meganSalesAgent);
      expect((await transitions.eligibility(megan, customerId)).eligibility.reason).to.equal(code);
      expect(await codeOf(transitions.start(megan, customerId, `t-${code}`))).to.equal(code);
    });
  }

  it('an indirect reseller cannot run the transition itself', async () => {
    const reseller = await openSandbox({
      dataFile: path.join(fixture.dir, 'reseller.json'),
      seedFile: RESELLER_SEED,
      clock: fixedClock(NOW),
    });
    try {
      const partner = await reseller.partnerCenter.getPartner();
      const user = (await reseller.partnerCenter.findUser(
        partner.tenantId,
        '00000000-0000-0000-0000-0000000000120',
      ))!;
      const code = await codeOf(
        new TransitionService(servicesOver(reseller)).start(
          { partner, user },
          '2ebd8cbc-557a-4b85-9a2c-b8f95691d5ce',
          'r',
        ),
      );
      expect(code).to.equal('reseller_not_allowed');
    } finally {
      await reseller.close();
    }
  });

  it('a restart in the middle resumes the upgrade: it finishes once, nothing lost or done twice, completion delivered once', async () => {
    const megan = await fixture.actor(USERS.meganSalesAgent);
    const customerId = CUSTOMERS.muellerTransitionFails;
    const firstEvents = recordEvents(fixture.sandbox);
    const { upgradeId } = await transitions.start(megan, customerId, 'tr-restart');
    expect(await fixture.sandbox.worker.advanceOnce()).to.equal(true); // begin: plan bought, lines mapped
    expect(await fixture.sandbox.worker.advanceOnce()).to.equal(true); // first subscription moved
    await fixture.sandbox.close();

    const restarted = await fixture.reopen();
    const laterEvents = recordEvents(restarted);
    const status = await restarted.partnerCenter.getUpgradeStatus(customerId, upgradeId);
    expect(status.status).to.equal('inProgress');
    expect(status.lineItems.map((l) => l.status)).to.deep.equal(['completed', 'pending', 'pending']);
    await runUntilIdle(restarted);

    const final = await restarted.partnerCenter.getUpgradeStatus(customerId, upgradeId);
    expect(final.lineItems.map((l) => l.status)).to.deep.equal(['completed', 'failed', 'completed']);
    const subscriptions = await restarted.partnerCenter.listSubscriptions(customerId);
    const plans = subscriptions.filter((s) => s.offerId.startsWith('DZH318Z0BPS6'));
    expect(plans).to.have.length(1);
    const entitlements = await restarted.partnerCenter.listAzureEntitlements(customerId, plans[0].id);
    expect(entitlements.map((e) => e.id).sort()).to.deep.equal([
      '9add71fb-57e5-49cb-b9c1-a740055c9bb9',
      'bcb36c10-0e58-4153-8ef5-53a5a5b2f398',
    ]);
    expect(firstEvents.filter((e) => e.type === 'upgradeCompleted')).to.have.length(0);
    expect(laterEvents.filter((e) => e.type === 'upgradeCompleted')).to.have.length(1);
    expect(await runUntilIdle(restarted)).to.equal(0);
  });

  it('redelivers a completion whose listener failed (e.g. Teams unreachable), also after a restart', async () => {
    const megan = await fixture.actor(USERS.meganSalesAgent);
    fixture.sandbox.upgradeEvents.subscribe((event) => {
      if (event.type === 'upgradeCompleted') throw new Error('connector down');
    });
    await transitions.start(megan, CUSTOMERS.woodgroveLegacyTwoResellers, 'tr-notify');
    await runUntilIdle(fixture.sandbox).catch(() => undefined);
    await fixture.sandbox.worker.advanceOnce();
    await fixture.sandbox.close();
    const restarted = await fixture.reopen();
    const delivered = recordEvents(restarted);
    await restarted.worker.advanceOnce();
    expect(delivered.filter((e) => e.type === 'upgradeCompleted')).to.have.length(1);
    await restarted.worker.advanceOnce();
    expect(delivered.filter((e) => e.type === 'upgradeCompleted')).to.have.length(1);
  });
});
