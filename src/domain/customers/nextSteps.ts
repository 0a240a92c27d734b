import { can, type Actor } from '../identity/actor.js';
import type { Operation } from '../identity/permissions.js';
import { notSoldIn } from '../markets/notSold.js';
import type { CustomerSummary } from '../services/customerDirectory.js';

export type CustomerNextStep =
  'attest' | 'buy' | 'transition' | 'transitionStatus' | 'subscriptions' | 'agreements';

/**
 * What a customer's state calls for next, limited to what this actor's roles allow: attest when
 * no MCA acceptance exists, buy when there is no Azure at all (and the Azure plan is sold in the
 * customer's country), transition a legacy customer,
 * follow a running transition, manage the plan's subscriptions, read the MCA history.
 * (The purchase and transition services re-check every rule when the step is taken.)
 */
export function customerNextSteps(actor: Actor, summary: CustomerSummary): CustomerNextStep[] {
  const hasPlan = summary.azurePlanIds.length > 0;
  const hasLegacy = summary.legacySubscriptionIds.length > 0;
  const upgrading = summary.upgrade !== null;
  const candidates: Array<[CustomerNextStep, boolean, Operation]> = [
    ['attest', summary.mca.kind === 'none', 'agreements.attest'],
    ['buy', !hasPlan && !hasLegacy && !upgrading && !notSoldIn(summary.customer.country), 'plan.purchase'],
    ['transition', hasLegacy && !upgrading, 'transition.run'],
    ['transitionStatus', upgrading, 'transition.view'],
    ['subscriptions', hasPlan, 'subscriptions.view'],
    ['agreements', summary.mca.kind === 'attested', 'agreements.view'],
  ];
  return candidates
    .filter(([, applies, operation]) => applies && can(actor, operation))
    .map(([step]) => step);
}
