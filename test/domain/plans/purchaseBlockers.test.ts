import { expect } from 'chai';
import { DomainError } from '../../../src/domain/errors.js';
import type { Operation } from '../../../src/domain/identity/permissions.js';
import { ValidationError } from '../../../src/domain/partnerCenter/validationError.js';
import {
  blockerRemedies,
  isNotSoldInCountry,
  purchaseNextStep,
} from '../../../src/domain/plans/purchaseBlockers.js';
import { notAvailableIn } from '../../../src/domain/plans/purchaseRules.js';

const noMca = new DomainError('13605', { customerId: 'c1' });
const legacy = new DomainError('legacy_offer_present', { subscriptionIds: ['s1'] });
const noRelationship = new DomainError('no_relationship');
const resellerMissing = new ValidationError({ resellerMpnId: 'required' });
const unknownReseller = new DomainError('800016', { resellerMpnId: '9999999' });
const planForNamedReseller = new DomainError('plan_exists', {
  planId: 'p1',
  resellerMpnId: '4412873',
  otherResellerMpnIds: ['5120934'],
});
const planForEveryReseller = new DomainError('plan_exists', {
  planId: 'p1',
  resellerMpnId: '4412873',
  otherResellerMpnIds: [],
});

describe('purchase blockers: what the purchase flow does next (domain/plans/purchaseBlockers)', () => {
  const cases: [string, DomainError[], 'stop' | 'attestMca' | 'confirm', DomainError | undefined][] = [
    ['nothing blocks', [], 'confirm', undefined],
    ['only the reseller field is wrong (asked on the confirmation)', [resellerMissing], 'confirm', undefined],
    ['an unknown reseller (800016) is asked on the confirmation', [unknownReseller], 'confirm', undefined],
    [
      'a plan for the named reseller while others can still get one',
      [planForNamedReseller],
      'confirm',
      undefined,
    ],
    ['every reseller already has a plan: stop', [planForEveryReseller], 'stop', planForEveryReseller],
    ['only the MCA is missing: attest inline', [noMca], 'attestMca', noMca],
    ['no MCA and a reseller problem: attest first', [noMca, unknownReseller], 'attestMca', noMca],
    ['legacy Azure stops even before the MCA', [legacy, noMca], 'stop', legacy],
    ['a stopper after the missing MCA still stops', [noMca, noRelationship], 'stop', noRelationship],
    ['the country is not sold', [notAvailableIn('cn')], 'stop', undefined],
  ];
  for (const [label, blockers, kind, blocker] of cases) {
    it(`${label} → ${kind}`, () => {
      const next = purchaseNextStep(blockers);
      expect(next.kind).to.equal(kind);
      if (blocker) expect(next).to.have.property('blocker', blocker);
    });
  }

  const everything = (): boolean => true;
  const only =
    (...operations: Operation[]) =>
    (operation: Operation): boolean =>
      operations.includes(operation);
  const remedies: [string, DomainError, (operation: Operation) => boolean, string[]][] = [
    ['legacy Azure offers the transition', legacy, everything, ['startTransition']],
    ['… not to someone who may not run it', legacy, only('transition.view'), []],
    [
      'a pending upgrade (900112) offers its status',
      new DomainError('900112'),
      everything,
      ['transitionStatus'],
    ],
    [
      'an upgrade in progress (900113)',
      new DomainError('900113'),
      only('transition.view'),
      ['transitionStatus'],
    ],
    ['a failed upgrade (900114)', new DomainError('900114'), everything, ['transitionStatus']],
    ['an existing plan offers its subscriptions', planForEveryReseller, everything, ['viewSubscriptions']],
    ['… not without subscriptions.view', planForEveryReseller, only('transition.run'), []],
    ['no relationship offers nothing', noRelationship, everything, []],
  ];
  for (const [label, blocker, allowed, expected] of remedies) {
    it(`next step: ${label}`, () => {
      expect(blockerRemedies(blocker, allowed)).to.deep.equal(expected);
    });
  }

  it('tells a country where the plan is not sold from other blockers', () => {
    expect(isNotSoldInCountry(notAvailableIn('CN'))).to.equal(true);
    expect(isNotSoldInCountry(legacy)).to.equal(false);
  });
});
