import { mcaAcceptance, type McaAcceptance } from '../agreements/mcaAcceptance.js';
import type { Customer } from '../customers/customer.js';
import { matchCustomers, type CustomerMatch } from '../customers/customerMatch.js';
import { assertCan, type Actor } from '../identity/actor.js';
import type { CustomerOperation } from '../identity/permissions.js';
import type { PartnerCenter } from '../partnerCenter/port.js';
import { findReseller, type IndirectReseller } from '../identity/reseller.js';
import { isAzurePlan, isOpenLegacyAzure } from '../subscriptions/subscription.js';
import type { UpgradeStatusValue } from '../transition/productUpgrade.js';
import { loadCustomerState } from './customerState.js';
import { requireCustomerId } from './serviceContext.js';

/** One line of the `customers` list: the customer and the state the partner cares about. */
export interface CustomerSummary {
  customer: Customer;
  mca: McaAcceptance;
  azurePlanIds: string[];
  legacySubscriptionIds: string[];
  upgrade: { id: string; status: UpgradeStatusValue } | null;
  /** The customer's reseller of record as the provider knows it (name and MPN id), if any. */
  resellerOfRecord?: IndirectReseller | null;
}

/**
 * Finds and lists customers for the partner's users. Listing and summaries are customer management
 * ('customers.view'); finding one customer is checked against the operation it is found for
 * (`purpose`), so e.g. a User management admin can find the customer to buy a plan for.
 */
export class CustomerDirectory {
  constructor(private readonly partnerCenter: PartnerCenter) {}

  async list(actor: Actor): Promise<Customer[]> {
    assertCan(actor, 'customers.view');
    const customers = await this.partnerCenter.listCustomers();
    return [...customers].sort((a, b) => a.companyName.localeCompare(b.companyName));
  }

  /** By id, domain or name (exact first, then prefix, contains, one typo): one, several or none. */
  async find(actor: Actor, query: string, purpose: CustomerOperation): Promise<CustomerMatch> {
    assertCan(actor, purpose);
    return matchCustomers(await this.partnerCenter.listCustomers(), query);
  }

  /** Throws: forbidden (for `purpose`), 'validation' (customerId notGuid) or 'not_found'. */
  async get(actor: Actor, customerId: string, purpose: CustomerOperation): Promise<Customer> {
    assertCan(actor, purpose);
    return this.partnerCenter.getCustomer(requireCustomerId(customerId));
  }

  async summarize(actor: Actor, customerId: string): Promise<CustomerSummary> {
    assertCan(actor, 'customers.view');
    const state = await loadCustomerState(this.partnerCenter, requireCustomerId(customerId));
    const resellerId = state.customer.resellerOfRecord;
    const reseller = resellerId
      ? findReseller(await this.partnerCenter.listIndirectResellers(), resellerId)
      : undefined;
    return {
      customer: state.customer,
      mca: mcaAcceptance(state.agreements, state.directlySigned),
      azurePlanIds: state.subscriptions.filter(isAzurePlan).map((s) => s.id),
      legacySubscriptionIds: state.subscriptions.filter(isOpenLegacyAzure).map((s) => s.id),
      upgrade: state.upgrade ? { id: state.upgrade.id, status: state.upgrade.status } : null,
      resellerOfRecord: reseller ?? null,
    };
  }

  /** Every customer with its state, sorted by company name. */
  async listWithState(actor: Actor): Promise<CustomerSummary[]> {
    const customers = await this.list(actor);
    return Promise.all(customers.map((customer) => this.summarize(actor, customer.id)));
  }
}
