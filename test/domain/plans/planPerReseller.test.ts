import { expect } from 'chai';
import type { Customer } from '../../../src/domain/customers/customer.js';
import type { PartnerType } from '../../../src/domain/identity/roles.js';
import { azurePlanAvailabilityFor } from '../../../src/domain/plans/azurePlanCatalog.js';
import {
  purchaseBlockers,
  resellerOfRecordChoice,
  type PurchaseState,
} from '../../../src/domain/plans/purchaseRules.js';
import type { Subscription } from '../../../src/domain/subscriptions/subscription.js';

const TREY = { mpnId: '4412873', name: 'Trey Research Solutions', country: 'US' };
const PROSEWARE = { mpnId: '5120934', name: 'Proseware Cloud Services', country: 'GB' };

const customer: Customer = {
  id: '14876998-c0dc-46e6-9d0c-65a57a6c32ec',
  companyName: 'Contoso Pharmaceuticals',
  domain: 'contosopharma.onmicrosoft.com',
  country: 'US',
  resellerOfRecord: TREY.mpnId,
  relationship: 'Reseller',
};

function plan(
  id: string,
  partnerIdOnRecord: string | null,
  status: Subscription['status'] = 'active',
): Subscription {
  return {
    id,
    customerId: customer.id,
    offerId: 'DZH318Z0BPS6:0001:DZH318Z0BML6',
    offerName: 'Microsoft Azure plan',
    friendlyName: 'Azure plan',
    quantity: 1,
    billingCycle: 'one_time',
    status,
    creationDate: '2024-02-06T00:00:00Z',
    partnerIdOnRecord,
  };
}

function state(
  type: PartnerType,
  subscriptions: Subscription[],
  resellerMpnId: string | null | undefined,
): PurchaseState {
  return {
    customer: type === 'DirectBill' ? { ...customer, resellerOfRecord: null } : customer,
    partner: { type, mpnId: type === 'IndirectReseller' ? TREY.mpnId : '1234567' },
    mcaAccepted: true,
    subscriptions,
    upgrade: undefined,
    availability: azurePlanAvailabilityFor({ US: 'DZH318Z0BML6' }, 'US'),
    resellerMpnId,
    knownResellers: type === 'IndirectProvider' ? [TREY, PROSEWARE] : [],
  };
}

const codes = (s: PurchaseState) => purchaseBlockers(s).map((b) => b.code);

/** Rule 12: at most one Azure plan per customer per reseller of record (direct: one per customer). */
describe('rule 12: one Azure plan per customer per reseller of record', () => {
  it('indirect provider: a plan under Trey does not block a plan under Proseware', () => {
    expect(codes(state('IndirectProvider', [plan('p1', TREY.mpnId)], PROSEWARE.mpnId))).to.deep.equal([]);
  });

  it('indirect provider: a second plan under the same reseller is refused, naming the resellers still free', () => {
    const [blocker] = purchaseBlockers(state('IndirectProvider', [plan('p1', TREY.mpnId)], TREY.mpnId));
    expect(blocker.code).to.equal('plan_exists');
    expect(blocker.params).to.deep.include({ planId: 'p1', resellerMpnId: TREY.mpnId });
    expect(blocker.params.otherResellerMpnIds).to.deep.equal([PROSEWARE.mpnId]);
  });

  it("the form does not suggest the customer's reseller when it already has a plan: it asks which reseller", () => {
    const choice = resellerOfRecordChoice(state('IndirectProvider', [plan('p1', TREY.mpnId)], undefined));
    expect(choice.suggestedResellerMpnId).to.equal(null);
    expect(choice.resellersWithoutPlan.map((r) => r.name)).to.deep.equal(['Proseware Cloud Services']);
    expect(choice.plans).to.deep.equal([{ planId: 'p1', partnerIdOnRecord: TREY.mpnId }]);
  });

  it("with no plan yet the customer's own reseller of record is suggested", () => {
    const choice = resellerOfRecordChoice(state('IndirectProvider', [], undefined));
    expect(choice.suggestedResellerMpnId).to.equal(TREY.mpnId);
    expect(choice.resellersWithoutPlan).to.have.length(2);
  });

  it('a deleted plan does not count', () => {
    expect(codes(state('IndirectProvider', [plan('p1', TREY.mpnId, 'deleted')], TREY.mpnId))).to.deep.equal(
      [],
    );
  });

  it('every reseller already has a plan: refused even before a reseller is named', () => {
    const subscriptions = [plan('p1', TREY.mpnId), plan('p2', PROSEWARE.mpnId)];
    expect(codes(state('IndirectProvider', subscriptions, ''))).to.include('plan_exists');
    expect(
      resellerOfRecordChoice(state('IndirectProvider', subscriptions, '')).resellersWithoutPlan,
    ).to.deep.equal([]);
  });

  it('direct-bill partner: one plan per customer, whatever was entered as reseller', () => {
    expect(codes(state('DirectBill', [plan('p1', null)], PROSEWARE.mpnId))).to.deep.equal(['plan_exists']);
    expect(resellerOfRecordChoice(state('DirectBill', [plan('p1', null)], undefined))).to.deep.include({
      resellersWithoutPlan: [],
      suggestedResellerMpnId: null,
    });
  });

  it('indirect reseller: its own plan for the customer blocks a second one', () => {
    expect(codes(state('IndirectReseller', [plan('p1', TREY.mpnId)], null))).to.deep.equal(['plan_exists']);
  });
});
