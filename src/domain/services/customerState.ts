import type { Agreement } from '../agreements/agreement.js';
import type { Customer } from '../customers/customer.js';
import type { PartnerCenter } from '../partnerCenter/port.js';
import { isLegacyAzure, type Subscription } from '../subscriptions/subscription.js';
import type { ProductUpgrade } from '../transition/productUpgrade.js';

/** Everything the rules need to know about one customer, read from Partner Center in parallel. */
export interface CustomerState {
  customer: Customer;
  agreements: Agreement[];
  directlySigned: boolean;
  subscriptions: Subscription[];
  /** The customer's product upgrade (transition), if one was ever started. */
  upgrade: ProductUpgrade | undefined;
}

export async function loadCustomerState(
  partnerCenter: PartnerCenter,
  customerId: string,
): Promise<CustomerState> {
  const customer = await partnerCenter.getCustomer(customerId);
  const [agreements, directSign, subscriptions, upgrade] = await Promise.all([
    partnerCenter.listMcaAgreements(customerId),
    partnerCenter.getDirectSignStatus(customerId),
    partnerCenter.listSubscriptions(customerId),
    loadUpgrade(partnerCenter, customerId),
  ]);
  return { customer, agreements, directlySigned: directSign.isSigned, subscriptions, upgrade };
}

/** The eligibility answer carries the existing upgrade id (if any); its status says where it stands. */
export async function loadUpgrade(
  partnerCenter: PartnerCenter,
  customerId: string,
): Promise<ProductUpgrade | undefined> {
  const eligibility = await partnerCenter.getUpgradeEligibility(customerId);
  if (!eligibility.upgradeId) return undefined;
  return partnerCenter.getUpgradeStatus(customerId, eligibility.upgradeId);
}

/** What a list row shows of one customer (the customer itself comes from the list call). */
export type CustomerRowState = Omit<CustomerState, 'customer'>;

/**
 * A list row's state with as few calls as the API allows: the direct-sign status, the MCA
 * attestations only when not signed directly, the subscriptions, and the upgrade only for a
 * customer with a legacy (MS-AZR-0145P) subscription (no other customer can have one). Two calls
 * for most customers, three without direct signature, five with a legacy subscription.
 */
export async function loadCustomerRowState(
  partnerCenter: PartnerCenter,
  customerId: string,
): Promise<CustomerRowState> {
  const [directSign, subscriptions] = await Promise.all([
    partnerCenter.getDirectSignStatus(customerId),
    partnerCenter.listSubscriptions(customerId),
  ]);
  const [agreements, upgrade] = await Promise.all([
    directSign.isSigned ? Promise.resolve([]) : partnerCenter.listMcaAgreements(customerId),
    subscriptions.some(isLegacyAzure) ? loadUpgrade(partnerCenter, customerId) : Promise.resolve(undefined),
  ]);
  return { agreements, directlySigned: directSign.isSigned, subscriptions, upgrade };
}
