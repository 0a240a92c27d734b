import { expect } from 'chai';
import { subscriptionsCardData } from '../../../src/features/subscriptions/subscriptionPresenter.js';
import type { Actor } from '../../../src/domain/identity/actor.js';
import type { CustomerSubscriptions } from '../../../src/domain/services/subscriptionService.js';
import type { Subscription, SubscriptionStatus } from '../../../src/domain/subscriptions/subscription.js';
import {
  azureSubscriptionActions,
  planActions,
} from '../../../src/domain/subscriptions/subscriptionActions.js';
import { Translator } from '../../../src/i18n/translator.js';

describe('what can be done to a plan and its Azure subscriptions (domain/subscriptions/subscriptionActions)', () => {
  const subscriptionCases: [Parameters<typeof azureSubscriptionActions>[0], string[]][] = [
    ['active', ['rename', 'suspend']],
    ['suspended', ['rename', 'reactivate']],
    ['deleted', []],
  ];
  for (const [status, expected] of subscriptionCases) {
    it(`an ${status} Azure subscription → ${expected.join(', ') || 'nothing'}`, () => {
      expect(azureSubscriptionActions(status)).to.deep.equal(expected);
    });
  }

  const planCases: [SubscriptionStatus, string[]][] = [
    ['active', ['createSubscription', 'suspendPlan']],
    ['suspended', ['reactivatePlan']],
    ['deleted', []],
    ['pending', []],
    ['none', []],
  ];
  for (const [status, expected] of planCases) {
    it(`a ${status} plan → ${expected.join(', ') || 'nothing'}`, () => {
      expect(planActions(status)).to.deep.equal(expected);
    });
  }

  // Only a suspended plan can be reactivated (azure-plan.md "Suspension / cancellation"): the card
  // offered "Reactivate the plan" for a deleted or pending plan too.
  const admin: Actor = {
    partner: { tenantId: 't', mpnId: '1234567', name: 'Contoso', type: 'DirectBill', country: 'US' },
    user: { aadObjectId: 'u', tenantId: 't', displayName: 'Adele Vance', roles: ['AdminAgent'] },
  };
  function plan(status: SubscriptionStatus): Subscription {
    return {
      id: `plan-${status}`,
      customerId: 'c',
      offerId: 'DZH318Z0BPS6:0001:DZH318Z0BML6',
      offerName: 'Microsoft Azure plan',
      friendlyName: 'Azure plan',
      quantity: 1,
      billingCycle: 'one_time',
      status,
      creationDate: '2024-02-06T00:00:00Z',
      partnerIdOnRecord: null,
    };
  }
  for (const [status, buttons] of [
    ['deleted', []],
    ['pending', []],
    ['suspended', ['Reactivate the plan']],
    ['active', ['New Azure subscription', 'Suspend the plan']],
  ] as [SubscriptionStatus, string[]][]) {
    it(`the subscriptions card offers for a ${status} plan: ${buttons.join(', ') || 'no button'}`, () => {
      const state: CustomerSubscriptions = {
        customer: {
          id: 'c',
          companyName: 'Fabrikam, Inc.',
          domain: 'fabrikam.onmicrosoft.com',
          country: 'US',
          relationship: 'Reseller',
        } as CustomerSubscriptions['customer'],
        plans: [{ plan: plan(status), azureSubscriptions: [] }],
        legacy: [],
      };
      const card = subscriptionsCardData(new Translator('en-US'), admin, state);
      expect(card.plans[0].planActions.map((a) => a.title)).to.deep.equal(buttons);
    });
  }
});
