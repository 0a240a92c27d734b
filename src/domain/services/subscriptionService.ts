import type { Customer } from '../customers/customer.js';
import { assertCan, type Actor } from '../identity/actor.js';
import { findReseller, type IndirectReseller } from '../identity/reseller.js';
import { ValidationError } from '../partnerCenter/validationError.js';
import {
  isAzurePlan,
  isLegacyAzure,
  type AzureEntitlement,
  type Subscription,
} from '../subscriptions/subscription.js';
import { validateAzureSubscriptionName } from '../subscriptions/subscriptionRules.js';
import { auditedOnce, requireCustomerId, type ServiceDependencies } from './serviceContext.js';

export interface PlanWithSubscriptions {
  plan: Subscription;
  azureSubscriptions: AzureEntitlement[];
  /** The plan's reseller of record as the provider knows it (name and MPN id), if any. */
  reseller?: IndirectReseller | null;
}

export interface CustomerSubscriptions {
  customer: Customer;
  plans: PlanWithSubscriptions[];
  /** Legacy MS-AZR-0145P subscriptions (including ones already moved by a transition: upgradedToPlanId). */
  legacy: Subscription[];
}

/**
 * The Azure subscriptions under a customer's Azure plan(s) (issue 4 §3, rule 13). Viewing needs
 * subscriptions.view; every change needs subscriptions.manage and a request id.
 * Every method throws: forbidden, validation (customerId, displayName, ids), not_found.
 */
export class SubscriptionService {
  constructor(private readonly deps: ServiceDependencies) {}

  async list(actor: Actor, customerId: string): Promise<CustomerSubscriptions> {
    assertCan(actor, 'subscriptions.view');
    const id = requireCustomerId(customerId);
    const pc = this.deps.partnerCenter;
    const [customer, subscriptions] = await Promise.all([pc.getCustomer(id), pc.listSubscriptions(id)]);
    const azurePlans = subscriptions.filter(isAzurePlan);
    const resellers = azurePlans.some((plan) => plan.partnerIdOnRecord)
      ? await pc.listIndirectResellers()
      : [];
    const plans = await Promise.all(
      azurePlans.map(async (plan) => ({
        plan,
        azureSubscriptions: await pc.listAzureEntitlements(id, plan.id),
        reseller: findReseller(resellers, plan.partnerIdOnRecord) ?? null,
      })),
    );
    return { customer, plans, legacy: subscriptions.filter(isLegacyAzure) };
  }

  /** Creates another Azure subscription under the plan. Also throws plan_not_active. */
  async createAzureSubscription(
    actor: Actor,
    input: { customerId: string; planId: string; displayName: string },
    requestId: string,
  ): Promise<AzureEntitlement> {
    assertCan(actor, 'subscriptions.manage');
    const customerId = requireCustomerId(input.customerId);
    const planId = requireId(input.planId, 'planId');
    const displayName = validateAzureSubscriptionName(input.displayName);
    return auditedOnce(
      this.deps,
      actor,
      'subscriptions.create',
      customerId,
      requestId,
      { planId, displayName },
      () => this.deps.partnerCenter.createAzureSubscription(customerId, planId, displayName),
      (entitlement) => ({ planId, azureSubscriptionId: entitlement.id }),
    );
  }

  async renameAzureSubscription(
    actor: Actor,
    input: { customerId: string; azureSubscriptionId: string; displayName: string },
    requestId: string,
  ): Promise<AzureEntitlement> {
    assertCan(actor, 'subscriptions.manage');
    const customerId = requireCustomerId(input.customerId);
    const azureSubscriptionId = requireId(input.azureSubscriptionId, 'azureSubscriptionId');
    const displayName = validateAzureSubscriptionName(input.displayName);
    return this.change(
      actor,
      'subscriptions.rename',
      customerId,
      requestId,
      { azureSubscriptionId, displayName },
      () => this.deps.partnerCenter.renameAzureSubscription(customerId, azureSubscriptionId, displayName),
    );
  }

  async suspendAzureSubscription(
    actor: Actor,
    input: { customerId: string; azureSubscriptionId: string },
    requestId: string,
  ): Promise<AzureEntitlement> {
    assertCan(actor, 'subscriptions.manage');
    const customerId = requireCustomerId(input.customerId);
    const azureSubscriptionId = requireId(input.azureSubscriptionId, 'azureSubscriptionId');
    return this.change(actor, 'subscriptions.suspend', customerId, requestId, { azureSubscriptionId }, () =>
      this.deps.partnerCenter.suspendAzureSubscription(customerId, azureSubscriptionId),
    );
  }

  /** Also throws plan_not_active (reactivate the plan first). */
  async reactivateAzureSubscription(
    actor: Actor,
    input: { customerId: string; azureSubscriptionId: string },
    requestId: string,
  ): Promise<AzureEntitlement> {
    assertCan(actor, 'subscriptions.manage');
    const customerId = requireCustomerId(input.customerId);
    const azureSubscriptionId = requireId(input.azureSubscriptionId, 'azureSubscriptionId');
    return this.change(
      actor,
      'subscriptions.reactivate',
      customerId,
      requestId,
      { azureSubscriptionId },
      () => this.deps.partnerCenter.reactivateAzureSubscription(customerId, azureSubscriptionId),
    );
  }

  /** Rule 13: 900115 while the plan has active Azure subscriptions (params.activeSubscriptionIds / activeSubscriptionNames). */
  suspendPlan(
    actor: Actor,
    input: { customerId: string; planId: string },
    requestId: string,
  ): Promise<Subscription> {
    return this.changePlan(actor, 'plan.suspend', input, requestId, (customerId, planId) =>
      this.deps.partnerCenter.suspendPlan(customerId, planId),
    );
  }

  reactivatePlan(
    actor: Actor,
    input: { customerId: string; planId: string },
    requestId: string,
  ): Promise<Subscription> {
    return this.changePlan(actor, 'plan.reactivate', input, requestId, (customerId, planId) =>
      this.deps.partnerCenter.reactivatePlan(customerId, planId),
    );
  }

  private async changePlan(
    actor: Actor,
    operation: 'plan.suspend' | 'plan.reactivate',
    input: { customerId: string; planId: string },
    requestId: string,
    effect: (customerId: string, planId: string) => Promise<Subscription>,
  ): Promise<Subscription> {
    assertCan(actor, 'subscriptions.manage');
    const customerId = requireCustomerId(input.customerId);
    const planId = requireId(input.planId, 'planId');
    return auditedOnce(
      this.deps,
      actor,
      operation,
      customerId,
      requestId,
      { planId },
      () => effect(customerId, planId),
      () => ({ planId }),
    );
  }

  private change(
    actor: Actor,
    operation: string,
    customerId: string,
    requestId: string,
    payload: { azureSubscriptionId: string; displayName?: string },
    effect: () => Promise<AzureEntitlement>,
  ): Promise<AzureEntitlement> {
    return auditedOnce(
      this.deps,
      actor,
      operation,
      customerId,
      requestId,
      payload,
      effect,
      (entitlement) => ({
        azureSubscriptionId: entitlement.id,
      }),
    );
  }
}

function requireId(value: string, field: string): string {
  const id = typeof value === 'string' ? value.trim().toLowerCase() : '';
  if (!id) throw new ValidationError({ [field]: 'required' });
  return id;
}
