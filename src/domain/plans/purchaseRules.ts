import type { Customer } from '../customers/customer.js';
import { DomainError } from '../errors.js';
import type { PartnerType } from '../identity/roles.js';
import { isMpnIdFormat, type IndirectReseller } from '../identity/reseller.js';
import { notSoldIn } from '../markets/notSold.js';
import { ValidationError } from '../partnerCenter/validationError.js';
import { isAzurePlan, isOpenLegacyAzure, type Subscription } from '../subscriptions/subscription.js';
import type { ProductUpgrade } from '../transition/productUpgrade.js';
import {
  AZURE_PLAN_BILLING_CYCLE,
  AZURE_PLAN_QUANTITY,
  type AzurePlanAvailability,
} from './azurePlanCatalog.js';
import type { CartLineItemRequest } from './order.js';

/** What the purchase rules (9–14) look at. */
export interface PurchaseState {
  customer: Customer;
  partner: { type: PartnerType; mpnId: string };
  /** Attested or directly signed (rule 9). */
  mcaAccepted: boolean;
  subscriptions: readonly Subscription[];
  upgrade: Pick<ProductUpgrade, 'id' | 'status'> | undefined;
  availability: AzurePlanAvailability | undefined;
  /** Reseller of record named for this purchase (indirect provider); raw as entered. */
  resellerMpnId: string | null | undefined;
  knownResellers: readonly IndirectReseller[];
}

/** Purchases are refused while a transition is pending / in progress / failed (rule 11). */
export const UPGRADE_BLOCK_CODES = { pending: '900112', inProgress: '900113', failed: '900114' } as const;

/**
 * The partner of record the plan is bought for (rule 12's uniqueness key): a direct-bill partner
 * buys for itself (null), an indirect provider for the named reseller, a reseller for itself.
 */
export function partnerOfRecordFor(
  partner: { type: PartnerType; mpnId: string },
  resellerMpnId: string | null | undefined,
): string | null {
  if (partner.type === 'DirectBill') return null;
  if (partner.type === 'IndirectReseller') return partner.mpnId;
  return resellerMpnId?.trim() || null;
}

/**
 * Every reason the Azure plan cannot be bought now, most fundamental first (empty = allowed):
 * 900112/900113/900114 upgrade pending/in progress/failed; 'legacy_offer_present' (params
 * subscriptionIds; offer the transition); 'plan_exists' (params planId); 'no_relationship';
 * 13605 no MCA acceptance; reseller of record for an indirect provider: validation
 * resellerMpnId required/invalidMpnId, 800016 unknown reseller; 'not_available_in_country'.
 */
export function purchaseBlockers(state: PurchaseState): DomainError[] {
  const blockers: DomainError[] = [];
  if (state.upgrade && state.upgrade.status !== 'completed') {
    blockers.push(
      new DomainError(UPGRADE_BLOCK_CODES[state.upgrade.status], { upgradeId: state.upgrade.id }),
    );
  }
  const legacy = state.subscriptions.filter(isOpenLegacyAzure);
  if (legacy.length > 0 && !(state.upgrade && state.upgrade.status !== 'completed')) {
    blockers.push(new DomainError('legacy_offer_present', { subscriptionIds: legacy.map((s) => s.id) }));
  }

  const resellerProblem = resellerOfRecordProblem(state);
  const partnerOfRecord = resellerProblem
    ? undefined
    : partnerOfRecordFor(state.partner, state.resellerMpnId);
  // With an invalid reseller we cannot tell which plan is meant, so "plan exists" waits for a valid one.
  if (partnerOfRecord !== undefined) {
    const existingPlan = state.subscriptions.find(
      (s) => isAzurePlan(s) && s.status !== 'deleted' && s.partnerIdOnRecord === partnerOfRecord,
    );
    if (existingPlan) blockers.push(new DomainError('plan_exists', { planId: existingPlan.id }));
  }
  if (state.customer.relationship !== 'Reseller') blockers.push(new DomainError('no_relationship'));
  if (!state.mcaAccepted) blockers.push(new DomainError('13605', { customerId: state.customer.id }));
  if (resellerProblem) blockers.push(resellerProblem);
  if (!state.availability) blockers.push(notAvailableIn(state.customer.country));
  return blockers;
}

/** Throws the first purchase blocker (see purchaseBlockers). */
export function checkPurchasePreconditions(state: PurchaseState): void {
  const [first] = purchaseBlockers(state);
  if (first) throw first;
}

/**
 * The plan is not in the catalog for the customer's country: 'not_available_in_country' with the
 * country (code, also as countryCode) and why — 'operatedBy21Vianet' (China), 'embargoed', or
 * 'notInCatalog' (no availability for that market; nothing says it never will be).
 */
export function notAvailableIn(country: string): DomainError {
  const code = country.toUpperCase();
  return new DomainError('not_available_in_country', {
    country: code,
    countryCode: code,
    reason: notSoldIn(code)?.reason ?? 'notInCatalog',
  });
}

function resellerOfRecordProblem(state: PurchaseState): DomainError | undefined {
  if (state.partner.type !== 'IndirectProvider') return undefined;
  const mpnId = state.resellerMpnId?.trim() ?? '';
  if (!mpnId) return new ValidationError({ resellerMpnId: 'required' });
  if (!isMpnIdFormat(mpnId)) return new ValidationError({ resellerMpnId: 'invalidMpnId' });
  if (!state.knownResellers.some((r) => r.mpnId === mpnId))
    return new DomainError('800016', { resellerMpnId: mpnId });
  return undefined;
}

/** Rule 10: the one cart line of an Azure plan order. */
export function validateAzurePlanLineItem(
  lineItem: CartLineItemRequest,
  availability: AzurePlanAvailability,
): void {
  const problems: Record<string, 'exactlyOne' | 'oneTimeOnly' | 'notInCatalog'> = {};
  if (lineItem.quantity !== AZURE_PLAN_QUANTITY) problems.quantity = 'exactlyOne';
  if (lineItem.billingCycle !== AZURE_PLAN_BILLING_CYCLE) problems.billingCycle = 'oneTimeOnly';
  if (lineItem.catalogItemId !== availability.catalogItemId) problems.catalogItemId = 'notInCatalog';
  if (Object.keys(problems).length > 0) throw new ValidationError(problems);
}
