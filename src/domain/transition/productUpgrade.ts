/**
 * The "product upgrade" that moves a customer's legacy Azure (MS-AZR-0145P) billing to the Azure
 * plan (azure-plan.md §4). Shape follows `POST /v1/productUpgrades/{id}/status`.
 */
export const AZURE_PRODUCT_FAMILY = 'Azure';
export const UPGRADE_SOURCE_PRODUCT = {
  id: 'b1beb621-3cad-4d7a-b360-62db33ce028e',
  name: 'AzureSubscription',
};
export const UPGRADE_TARGET_PRODUCT = {
  id: 'd231908e-31c1-de0e-027b-bc5ce11f09d9',
  name: 'Microsoft Azure plan',
};

export type UpgradeStatusValue = 'pending' | 'inProgress' | 'completed' | 'failed';
export type UpgradeLineStatus = 'pending' | 'inProgress' | 'completed' | 'failed';

export interface UpgradeErrorDetails {
  /** Partner Center error code (e.g. '900120'); the bot localizes it. */
  code: string;
}

export interface UpgradeLineItem {
  /** Legacy commerce subscription id (MS-AZR-0145P). */
  sourceSubscriptionId: string;
  /** Azure subscription id; unchanged by the transition (billing move only). */
  azureSubscriptionId: string;
  sourceProduct: { id: string; name: string };
  targetProduct: { id: string; name: string };
  /** Reseller of record of the legacy subscription: decides which plan it lands in. */
  partnerIdOnRecord: string | null;
  /** The Azure plan it is mapped to, once that plan exists. */
  targetPlanId: string | null;
  upgradedDate: string | null;
  status: UpgradeLineStatus;
  errorDetails: UpgradeErrorDetails | null;
}

export interface ProductUpgrade {
  id: string;
  customerId: string;
  productFamily: typeof AZURE_PRODUCT_FAMILY;
  status: UpgradeStatusValue;
  createdAt: string;
  completedAt: string | null;
  lineItems: UpgradeLineItem[];
  errorDetails: UpgradeErrorDetails | null;
}

/** `POST /v1/productUpgrades/eligibility` answer. `reason` is a Partner Center code when not eligible. */
export interface UpgradeEligibility {
  customerId: string;
  productFamily: typeof AZURE_PRODUCT_FAMILY;
  isEligible: boolean;
  upgradeId?: string;
  reason?: string;
  /** Subscriptions the reason is about (suspended, too recent, shared services). */
  subscriptionIds?: string[];
  /** For 900130: first UTC date on which the newest subscription leaves the recent-purchase window. */
  eligibleFrom?: string;
}

/** An upgrade that still blocks purchases for the customer (rule 11: 900112 / 900113 / 900114). */
export function isBlockingUpgrade(upgrade: Pick<ProductUpgrade, 'status'> | undefined): boolean {
  return upgrade !== undefined && upgrade.status !== 'completed';
}
