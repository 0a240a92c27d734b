import type { Operation } from '../domain/identity/permissions.js';

/**
 * The operation each card verb performs. The bot checks it before any handler or running flow sees
 * the submit: card data can be forged or replayed by a user who lacks the role, and that user must
 * be told which role is missing, not that the card is stale. `null`: the verb is checked where it is
 * handled (`command.run` runs a command with that command's operation; `customer.pick` belongs to
 * the flow that sent the card, whose lookup checks the flow's operation).
 */
export const CARD_VERB_OPERATIONS: Readonly<Record<string, Operation | null>> = {
  'command.run': null,
  'customer.pick': null,
  'customer.show': 'customers.view',
  'customers.page': 'customers.view',
  'agreements.show': 'agreements.view',
  'attest.review': 'agreements.attest',
  'attest.edit': 'agreements.attest',
  'attest.confirm': 'agreements.attest',
  'attest.cancel': 'agreements.attest',
  'buy.attest': 'agreements.attest',
  'mca.status': 'agreements.view',
  'mca.board': 'agreements.view',
  'mca.createAgreement': 'agreements.attest',
  'mca.campaign': 'agreements.attest',
  'buy.confirm': 'plan.purchase',
  'buy.cancel': 'plan.purchase',
  'subs.show': 'subscriptions.view',
  'subs.create': 'subscriptions.manage',
  'subs.rename': 'subscriptions.manage',
  'subs.suspend': 'subscriptions.manage',
  'subs.reactivate': 'subscriptions.manage',
  'subs.suspendPlan': 'subscriptions.manage',
  'subs.reactivatePlan': 'subscriptions.manage',
  'transition.start': 'transition.run',
  'transition.cancel': 'transition.run',
  'transition.show': 'transition.view',
  'price.pick': 'prices.view',
  'price.ranking': 'prices.view',
  'recon.page': 'billing.view',
  'recon.customer': 'billing.view',
  'recon.rows': 'billing.view',
};

/** The operation a card verb needs: null when checked where handled, undefined for unknown verbs. */
export function operationOfVerb(verb: string): Operation | null | undefined {
  return Object.hasOwn(CARD_VERB_OPERATIONS, verb) ? CARD_VERB_OPERATIONS[verb] : undefined;
}
