import { expect } from 'chai';
import { customerNextSteps } from '../../../src/domain/customers/nextSteps.js';
import type { Actor } from '../../../src/domain/identity/actor.js';
import type { PartnerRole } from '../../../src/domain/identity/roles.js';
import type { CustomerSummary } from '../../../src/domain/services/customerDirectory.js';

function actor(roles: PartnerRole[]): Actor {
  return {
    partner: {
      tenantId: 't',
      mpnId: '1234567',
      name: 'Contoso Cloud Partners',
      type: 'IndirectProvider',
      country: 'US',
    },
    user: { aadObjectId: 'u', tenantId: 't', displayName: 'User', roles },
  };
}

function summary(overrides: Partial<CustomerSummary>): CustomerSummary {
  return {
    customer: {
      id: 'c',
      companyName: 'Fabrikam',
      domain: 'fabrikam.onmicrosoft.com',
      country: 'US',
      resellerOfRecord: null,
      relationship: 'Reseller',
    },
    mca: { kind: 'none' },
    azurePlanIds: [],
    legacySubscriptionIds: [],
    upgrade: null,
    ...overrides,
  };
}

describe("customer next steps (what the customer state calls for, within the actor's roles)", () => {
  it('a new customer without MCA: attest, then buy (Sales agent)', () => {
    expect(customerNextSteps(actor(['SalesAgent']), summary({}))).to.deep.equal(['attest', 'buy']);
  });

  for (const country of ['CN', 'KP']) {
    it(`a customer in ${country}, where the Azure plan is not sold, is never offered a purchase`, () => {
      const steps = customerNextSteps(
        actor(['AdminAgent']),
        summary({ customer: { ...summary({}).customer, country } }),
      );
      expect(steps).to.deep.equal(['attest']);
    });
  }

  it('a read-only role (Helpdesk agent) gets no attest or buy step', () => {
    expect(customerNextSteps(actor(['HelpdeskAgent']), summary({}))).to.deep.equal([]);
  });

  it('a legacy customer is offered the transition, never a purchase', () => {
    const steps = customerNextSteps(actor(['AdminAgent']), summary({ legacySubscriptionIds: ['s1'] }));
    expect(steps).to.include('transition');
    expect(steps).to.not.include('buy');
  });

  it('while a transition runs only its status is offered', () => {
    const steps = customerNextSteps(
      actor(['AdminAgent']),
      summary({
        mca: { kind: 'directlySigned' },
        legacySubscriptionIds: ['s1'],
        upgrade: { id: 'u1', status: 'inProgress' },
      }),
    );
    expect(steps).to.deep.equal(['transitionStatus']);
  });

  it('a customer with a plan: subscriptions, no second plan', () => {
    const steps = customerNextSteps(
      actor(['GlobalAdmin']),
      summary({ azurePlanIds: ['p1'], mca: { kind: 'directlySigned' } }),
    );
    expect(steps).to.deep.equal(['subscriptions']);
  });
});
