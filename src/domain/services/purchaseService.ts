import { mcaAcceptance, type McaAcceptance } from '../agreements/mcaAcceptance.js';
import type { Customer } from '../customers/customer.js';
import type { DomainError } from '../errors.js';
import { assertCan, can, type Actor } from '../identity/actor.js';
import { findReseller, type IndirectReseller } from '../identity/reseller.js';
import {
  AZURE_PLAN_BILLING_CYCLE,
  AZURE_PLAN_QUANTITY,
  type AzurePlanAvailability,
} from '../plans/azurePlanCatalog.js';
import {
  checkPurchasePreconditions,
  purchaseBlockers,
  resellerOfRecordChoice,
  type PlanOfRecord,
  type PurchaseState,
} from '../plans/purchaseRules.js';
import { isAzurePlan, type AzureEntitlement, type Subscription } from '../subscriptions/subscription.js';
import { loadCustomerState } from './customerState.js';
import type { CriticalSections } from './criticalSections.js';
import { KeyedMutex } from './keyedMutex.js';
import { auditedOnce, completedOnce, requireCustomerId, type ServiceDependencies } from './serviceContext.js';

export interface PurchasePrecheck {
  customer: Customer;
  /** What would go into the cart; undefined where the plan is not offered. */
  availability: AzurePlanAvailability | undefined;
  mca: McaAcceptance;
  /** Why it cannot be bought now (empty = can be bought), most fundamental first. See purchaseBlockers. */
  blockers: DomainError[];
  /** The actor's roles allow buying (read-only roles see the state but get no buy button). */
  canPurchase: boolean;
  /** An indirect provider must name the reseller of record. */
  needsResellerOfRecord: boolean;
  /**
   * Default for the reseller field: the customer's reseller of record unless it already has a plan
   * for this customer (rule 12: then the user says which reseller the new plan is for).
   */
  suggestedResellerMpnId: string | null;
  /** The reseller the blockers were checked for (the one asked about, else the suggested one). */
  checkedResellerMpnId: string | null;
  knownResellers: IndirectReseller[];
  existingPlans: Subscription[];
  /** The customer's plans with their partner of record (rule 12). */
  plansOfRecord: PlanOfRecord[];
  /** Indirect provider: resellers that have no plan for this customer yet (each may get one). */
  resellersWithoutPlan: IndirectReseller[];
}

export interface PurchaseRequest {
  customerId: string;
  /** MPN id of the indirect reseller of record (indirect provider only; ignored otherwise). */
  resellerMpnId?: string | null;
}

export interface PurchaseResult {
  customerId: string;
  orderId: string;
  planId: string;
  catalogItemId: string;
  partnerIdOnRecord: string | null;
  /** The reseller of record as the provider knows it (name and MPN id), when there is one. */
  resellerOfRecord: IndirectReseller | null;
  firstAzureSubscription: AzureEntitlement | null;
}

/** Buying the Azure plan (issue 4, rules 9–14). */
export class PurchaseService {
  /** One purchase at a time per customer in this process: two users at once end with one plan. */

  /**
   * `perCustomer`: the critical sections its per-customer "check, then act" runs in — the records'
   * lease locks when several instances share storage; a KeyedMutex (one process) by default.
   */
  constructor(
    private readonly deps: ServiceDependencies,
    private readonly perCustomer: CriticalSections = new KeyedMutex(),
  ) {}

  /**
   * What would be bought and every blocker, for the confirmation card. Without `resellerMpnId`
   * (undefined) an indirect provider's blockers are checked for the suggested reseller of record.
   * Throws: forbidden (needs customers.view or plan.purchase), validation (customerId), not_found.
   */
  async precheck(actor: Actor, customerId: string, resellerMpnId?: string | null): Promise<PurchasePrecheck> {
    // Buyers without customer management (User management admin) still need the confirmation card.
    if (!can(actor, 'customers.view')) assertCan(actor, 'plan.purchase');
    const id = requireCustomerId(customerId);
    const loaded = await this.purchaseState(actor, id, resellerMpnId ?? null);
    const choice = resellerOfRecordChoice(loaded.state);
    const checked = resellerMpnId === undefined ? choice.suggestedResellerMpnId : resellerMpnId;
    const state: PurchaseState = { ...loaded.state, resellerMpnId: checked };
    const { customer, agreements, directlySigned, knownResellers } = loaded;
    return {
      customer,
      availability: state.availability,
      mca: mcaAcceptance(agreements, directlySigned),
      blockers: purchaseBlockers(state),
      canPurchase: can(actor, 'plan.purchase'),
      needsResellerOfRecord: actor.partner.type === 'IndirectProvider',
      suggestedResellerMpnId: choice.suggestedResellerMpnId,
      checkedResellerMpnId: checked ?? null,
      knownResellers,
      existingPlans: state.subscriptions.filter(isAzurePlan),
      plansOfRecord: choice.plans,
      resellersWithoutPlan: choice.resellersWithoutPlan,
    };
  }

  /**
   * Places the order (cart → checkout) exactly once per request id. Throws: reseller_not_allowed /
   * forbidden (plan.purchase), validation (customerId; resellerMpnId required/invalidMpnId),
   * not_found, 900112/900113/900114 (transition pending/in progress/failed), legacy_offer_present
   * (offer the transition), plan_exists (params.planId; also the second of two users buying at
   * once), no_relationship, 13605 (no MCA acceptance: offer to attest), 800016 (unknown reseller),
   * not_available_in_country, request_id_conflict, request_in_progress, request_failed.
   */
  async buy(actor: Actor, request: PurchaseRequest, requestId: string): Promise<PurchaseResult> {
    assertCan(actor, 'plan.purchase');
    const customerId = requireCustomerId(request.customerId);
    const resellerMpnId =
      actor.partner.type === 'IndirectProvider' ? (request.resellerMpnId?.trim() ?? null) : null;
    return auditedOnce(
      this.deps,
      actor,
      'plan.purchase',
      customerId,
      requestId,
      { resellerMpnId },
      () =>
        this.perCustomer.runExclusive(customerId, () => this.placeOrder(actor, customerId, resellerMpnId)),
      (result) => ({ orderId: result.orderId, planId: result.planId }),
    );
  }

  /**
   * The purchase this request id already placed (a late duplicate of the confirm, e.g. on another
   * instance after the first one finished the flow), or undefined. Places nothing.
   */
  async completedPurchase(
    actor: Actor,
    request: PurchaseRequest,
    requestId: string,
  ): Promise<PurchaseResult | undefined> {
    assertCan(actor, 'plan.purchase');
    const customerId = requireCustomerId(request.customerId);
    const resellerMpnId =
      actor.partner.type === 'IndirectProvider' ? (request.resellerMpnId?.trim() ?? null) : null;
    return completedOnce<PurchaseResult>(this.deps, actor, 'plan.purchase', customerId, requestId, {
      resellerMpnId,
    });
  }

  private async placeOrder(
    actor: Actor,
    customerId: string,
    resellerMpnId: string | null,
  ): Promise<PurchaseResult> {
    const { state } = await this.purchaseState(actor, customerId, resellerMpnId);
    checkPurchasePreconditions(state);
    const availability = state.availability as AzurePlanAvailability;
    const pc = this.deps.partnerCenter;
    const cart = await pc.createCart(customerId, {
      catalogItemId: availability.catalogItemId,
      quantity: AZURE_PLAN_QUANTITY,
      billingCycle: AZURE_PLAN_BILLING_CYCLE,
      partnerIdOnRecord: resellerMpnId,
    });
    const order = await pc.checkoutCart(customerId, cart.id);
    const [line] = order.lineItems;
    const entitlements = await pc.listAzureEntitlements(customerId, line.subscriptionId);
    return {
      customerId,
      orderId: order.id,
      planId: line.subscriptionId,
      catalogItemId: availability.catalogItemId,
      partnerIdOnRecord: line.partnerIdOnRecord,
      resellerOfRecord: findReseller(state.knownResellers, line.partnerIdOnRecord) ?? null,
      firstAzureSubscription: entitlements[0] ?? null,
    };
  }

  private async purchaseState(actor: Actor, customerId: string, resellerMpnId: string | null | undefined) {
    const pc = this.deps.partnerCenter;
    const [loaded, availability, knownResellers] = await Promise.all([
      loadCustomerState(pc, customerId),
      pc.getAzurePlanAvailability(customerId),
      pc.listIndirectResellers(),
    ]);
    const state: PurchaseState = {
      customer: loaded.customer,
      partner: actor.partner,
      mcaAccepted: mcaAcceptance(loaded.agreements, loaded.directlySigned).kind !== 'none',
      subscriptions: loaded.subscriptions,
      upgrade: loaded.upgrade,
      availability,
      resellerMpnId,
      knownResellers,
    };
    return {
      state,
      customer: loaded.customer,
      agreements: loaded.agreements,
      directlySigned: loaded.directlySigned,
      knownResellers,
    };
  }
}
