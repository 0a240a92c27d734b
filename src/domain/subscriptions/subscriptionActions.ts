import type { AzureEntitlementStatus, SubscriptionStatus } from './subscription.js';

/** What can be done to an Azure subscription under a plan, by its status. */
export type AzureSubscriptionAction = 'rename' | 'suspend' | 'reactivate';

/**
 * A deleted Azure subscription takes no change; an active one can be renamed or suspended, a
 * suspended one renamed or reactivated.
 */
export function azureSubscriptionActions(status: AzureEntitlementStatus): AzureSubscriptionAction[] {
  if (status === 'deleted') return [];
  return ['rename', status === 'active' ? 'suspend' : 'reactivate'];
}

/** What can be done to an Azure plan, by its status. */
export type PlanAction = 'createSubscription' | 'suspendPlan' | 'reactivatePlan';

/**
 * An active plan takes more Azure subscriptions and can be suspended (the service then checks rule
 * 13: no active Azure subscriptions, else 900115); only a suspended plan can be reactivated
 * (azure-plan.md "Suspension / cancellation"). A deleted, pending or not-yet-provisioned plan takes
 * no change.
 */
export function planActions(status: SubscriptionStatus): PlanAction[] {
  if (status === 'active') return ['createSubscription', 'suspendPlan'];
  if (status === 'suspended') return ['reactivatePlan'];
  return [];
}
