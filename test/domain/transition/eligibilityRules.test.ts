import { expect } from 'chai';
import type { Subscription } from '../../../src/domain/subscriptions/subscription.js';
import {
  assertUpgradeEligible,
  checkUpgradeEligibility,
  mapSubscriptionsToPlans,
  type UpgradeEligibilityState,
} from '../../../src/domain/transition/eligibilityRules.js';

const NOW = new Date('2026-11-26T12:00:00Z');
const WINDOW_DAYS = 30;

const legacy = (id: string, more: Partial<Subscription> = {}): Subscription => ({
  id,
  customerId: 'c',
  offerId: 'MS-AZR-0145P',
  offerName: 'Microsoft Azure',
  friendlyName: id,
  quantity: 1,
  billingCycle: 'monthly',
  status: 'active',
  creationDate: '2020-03-01T00:00:00.000Z',
  partnerIdOnRecord: '4412873',
  azureSubscriptionId: id,
  ...more,
});

const state = (more: Partial<UpgradeEligibilityState> = {}): UpgradeEligibilityState => ({
  customerId: 'c',
  relationship: 'Reseller',
  mcaAccepted: true,
  subscriptions: [legacy('s1'), legacy('s2')],
  existingUpgrade: undefined,
  ...more,
});

describe('transition eligibility rules (rules 15–16)', () => {
  it('rule 15: a customer with active legacy subscriptions, MCA and a reseller relationship is eligible', () => {
    expect(checkUpgradeEligibility(state(), NOW, WINDOW_DAYS)).to.deep.equal({
      customerId: 'c',
      productFamily: 'Azure',
      isEligible: true,
    });
  });

  const refusals: Array<[string, Partial<UpgradeEligibilityState>, string]> = [
    [
      'rule 15: a suspended legacy subscription is refused with 900105',
      { subscriptions: [legacy('s1'), legacy('s2', { status: 'suspended' })] },
      '900105',
    ],
    ['rule 15: no legacy Azure subscription is refused with 900108', { subscriptions: [] }, '900108'],
    [
      'rule 15: an Azure Partner Shared Services subscription is refused with 900119',
      { subscriptions: [legacy('s1', { isAzurePartnerSharedServices: true })] },
      '900119',
    ],
    [
      'rule 15: a subscription bought within the window is refused with 900130',
      { subscriptions: [legacy('s1'), legacy('s2', { creationDate: '2026-11-20T08:00:00.000Z' })] },
      '900130',
    ],
    ['rule 15: no MCA acceptance is refused with 13605', { mcaAccepted: false }, '13605'],
    ['rule 15: no reseller relationship is refused', { relationship: 'None' }, 'no_relationship'],
    [
      'rule 16: an upgrade in progress is refused with 900109',
      { existingUpgrade: { id: 'u1', status: 'inProgress' } },
      '900109',
    ],
    [
      'rule 16: a pending upgrade is refused with 900109',
      { existingUpgrade: { id: 'u1', status: 'pending' } },
      '900109',
    ],
    [
      'rule 16: a completed upgrade is refused with 900110',
      { existingUpgrade: { id: 'u1', status: 'completed' } },
      '900110',
    ],
    [
      'rule 16: a failed upgrade is refused with 900114 (contact support)',
      { existingUpgrade: { id: 'u1', status: 'failed' } },
      '900114',
    ],
  ];
  for (const [title, change, code] of refusals) {
    it(title, () => {
      const eligibility = checkUpgradeEligibility(state(change), NOW, WINDOW_DAYS);
      expect(eligibility.isEligible).to.equal(false);
      expect(eligibility.reason).to.equal(code);
      expect(() => assertUpgradeEligible(eligibility))
        .to.throw()
        .with.property('code', code);
    });
  }

  it('rule 15: 900130 names the recent subscriptions and the first eligible date; the window is configurable', () => {
    const recent = state({
      subscriptions: [legacy('s1'), legacy('s2', { creationDate: '2026-11-20T08:00:00.000Z' })],
    });
    const refused = checkUpgradeEligibility(recent, NOW, WINDOW_DAYS);
    expect(refused).to.include({ reason: '900130', eligibleFrom: '2026-12-20' });
    expect(refused.subscriptionIds).to.deep.equal(['s2']);
    expect(checkUpgradeEligibility(recent, NOW, 5).isEligible).to.equal(true);
  });

  it('rule 16: an existing upgrade is returned with its upgrade id', () => {
    expect(
      checkUpgradeEligibility(
        state({ existingUpgrade: { id: 'u1', status: 'inProgress' } }),
        NOW,
        WINDOW_DAYS,
      ).upgradeId,
    ).to.equal('u1');
  });

  it('legacy subscriptions already moved by a transition no longer count (900108 after completion without an upgrade record)', () => {
    expect(
      checkUpgradeEligibility(
        state({ subscriptions: [legacy('s1', { upgradedToPlanId: 'p1', status: 'suspended' })] }),
        NOW,
        WINDOW_DAYS,
      ).reason,
    ).to.equal('900108');
  });
});

describe('mapping legacy subscriptions to plans (one plan per partner of record)', () => {
  it('two partners of record get two plans, each subscription in the plan of its partner of record', () => {
    const mapping = mapSubscriptionsToPlans([
      legacy('a', { partnerIdOnRecord: '4412873' }),
      legacy('b', { partnerIdOnRecord: '5120934' }),
      legacy('c', { partnerIdOnRecord: '4412873' }),
    ]);
    expect(mapping).to.deep.equal([
      { partnerIdOnRecord: '4412873', subscriptionIds: ['a', 'c'] },
      { partnerIdOnRecord: '5120934', subscriptionIds: ['b'] },
    ]);
  });

  it('direct subscriptions share one plan', () => {
    expect(
      mapSubscriptionsToPlans([
        legacy('a', { partnerIdOnRecord: null }),
        legacy('b', { partnerIdOnRecord: null }),
      ]),
    ).to.deep.equal([{ partnerIdOnRecord: null, subscriptionIds: ['a', 'b'] }]);
  });
});
