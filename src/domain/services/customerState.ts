import type { Agreement } from '../agreements/agreement.js';
import type { Customer } from '../customers/customer.js';
import type { PartnerCenter } from '../partnerCenter/port.js';
import type { Subscription } from '../subscriptions/subscription.js';
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
