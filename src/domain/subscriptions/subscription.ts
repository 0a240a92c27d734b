import { AZURE_PLAN_PRODUCT_ID, AZURE_PLAN_SKU_ID } from '../plans/azurePlanCatalog.js';

/** Partner Center subscription statuses (`suspend-a-subscription.md`). */
export type SubscriptionStatus = 'none' | 'active' | 'pending' | 'suspended' | 'deleted';

/**
 * A Partner Center (commerce) subscription: either an Azure plan (offerId
 * `DZH318Z0BPS6:0001:{availability}`) or a legacy Microsoft Azure subscription (offerId MS-AZR-0145P).
 */
export interface Subscription {
  id: string;
  customerId: string;
  offerId: string;
  offerName: string;
  friendlyName: string;
  quantity: number;
  billingCycle: string;
  status: SubscriptionStatus;
  /** Purchase date (UTC ISO). */
  creationDate: string;
  /** MPN id of the reseller of record in the indirect model, else null. */
  partnerIdOnRecord: string | null;
  orderId?: string;
  /** Legacy only: the Azure subscription (entitlement) id; equal to `id` when bought in CSP. */
  azureSubscriptionId?: string;
  /** Legacy only: Azure Partner Shared Services subscriptions cannot be transitioned (900119). */
  isAzurePartnerSharedServices?: boolean;
  /** Legacy only: set when a transition moved this subscription's billing to that Azure plan. */
  upgradedToPlanId?: string;
}

/** Legacy offers have an offerId starting with MS-AZR (azure-plan.md §9). */
export function isLegacyAzure(subscription: Subscription): boolean {
  return subscription.offerId.toUpperCase().startsWith('MS-AZR');
}

export function isAzurePlan(subscription: Subscription): boolean {
  return subscription.offerId.startsWith(`${AZURE_PLAN_PRODUCT_ID}:${AZURE_PLAN_SKU_ID}`);
}

/** A legacy subscription still billed on the legacy offer (not moved by a transition). */
export function isOpenLegacyAzure(subscription: Subscription): boolean {
  return isLegacyAzure(subscription) && !subscription.upgradedToPlanId && subscription.status !== 'deleted';
}

export type AzureEntitlementStatus = 'active' | 'suspended' | 'deleted';

/** An Azure subscription under an Azure plan (`…/subscriptions/{plan-id}/azureentitlements`). */
export interface AzureEntitlement {
  /** The Azure subscription id. */
  id: string;
  friendlyName: string;
  status: AzureEntitlementStatus;
  /** The Azure plan (Partner Center subscription) it belongs to. */
  subscriptionId: string;
  createdAt: string;
}

/** Azure subscription display names: required, at most 64 characters, none of < > ; | (Azure rule). */
export const AZURE_SUBSCRIPTION_NAME_MAX_LENGTH = 64;
