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
 * subscriptionIds; offer the transition); 'plan_exists' (params planId, resellerMpnId — '' for
 * a direct plan — and otherResellerMpnIds: resellers that could still get a plan); 'no_relationship';
 * 13605 no MCA acceptance; reseller of record for an indirect provider: validation
 * resellerMpnId required/invalidMpnId, 800016 unknown reseller; 'not_available_in_country' (params
 * country, countryCode, reason — see notAvailableIn).
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
  const choice = resellerOfRecordChoice(state);
  const otherResellerMpnIds = choice.resellersWithoutPlan.map((r) => r.mpnId);
  // With an invalid reseller we cannot tell which plan is meant, so "plan exists" waits for a valid
  // one — unless every reseller the provider works with already has a plan for this customer.
  if (partnerOfRecord !== undefined) {
    const existingPlan = choice.plans.find((plan) => plan.partnerIdOnRecord === partnerOfRecord);
    if (existingPlan)
      blockers.push(
        new DomainError('plan_exists', {
          planId: existingPlan.planId,
          resellerMpnId: partnerOfRecord ?? '',
          otherResellerMpnIds,
        }),
      );
  } else if (
    state.partner.type === 'IndirectProvider' &&
    choice.plans.length > 0 &&
    otherResellerMpnIds.length === 0
  ) {
    blockers.push(
      new DomainError('plan_exists', {
        planId: choice.plans[0].planId,
        resellerMpnId: choice.plans[0].partnerIdOnRecord ?? '',
        otherResellerMpnIds,
      }),
    );
  }
  if (state.customer.relationship !== 'Reseller') blockers.push(new DomainError('no_relationship'));
  if (!state.mcaAccepted) blockers.push(new DomainError('13605', { customerId: state.customer.id }));
  if (resellerProblem) blockers.push(resellerProblem);
  if (!state.availability) blockers.push(notAvailableIn(state.customer.country));
  return blockers;
}

/** One Azure plan of the customer and the partner of record it was bought for (rule 12). */
export interface PlanOfRecord {
  planId: string;
  /** Reseller MPN id in the indirect model; null for a direct-bill partner's plan. */
  partnerIdOnRecord: string | null;
}

/** Rule 12 as the purchase form needs it: which reseller of record can still get a plan. */
export interface ResellerOfRecordChoice {
  /** The customer's Azure plans (not deleted), each with its partner of record. */
  plans: PlanOfRecord[];
  /**
   * Indirect provider only: known resellers without a plan for this customer — each may get its own
   * (azure-plan.md §3 "one plan per reseller (partner of record)"). Empty for other partner types.
   */
  resellersWithoutPlan: IndirectReseller[];
  /**
   * Default for the reseller field: the customer's reseller of record unless that reseller already
   * has a plan (then the user must say which reseller the new plan is for); null otherwise.
   */
  suggestedResellerMpnId: string | null;
}

export function resellerOfRecordChoice(
  state: Pick<PurchaseState, 'customer' | 'partner' | 'subscriptions' | 'knownResellers'>,
): ResellerOfRecordChoice {
  const plans = state.subscriptions
    .filter((s) => isAzurePlan(s) && s.status !== 'deleted')
    .map((s) => ({ planId: s.id, partnerIdOnRecord: s.partnerIdOnRecord }));
  if (state.partner.type !== 'IndirectProvider')
    return { plans, resellersWithoutPlan: [], suggestedResellerMpnId: null };
  const withPlan = new Set(plans.map((plan) => plan.partnerIdOnRecord));
  const resellersWithoutPlan = state.knownResellers.filter((r) => !withPlan.has(r.mpnId));
  const own = state.customer.resellerOfRecord;
  return {
    plans,
    resellersWithoutPlan,
    suggestedResellerMpnId: own && !withPlan.has(own) ? own : null,
  };
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
