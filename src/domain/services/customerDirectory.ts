import { mcaAcceptance, type McaAcceptance } from '../agreements/mcaAcceptance.js';
import type { Customer } from '../customers/customer.js';
import type { CustomerMatch } from '../customers/customerMatch.js';
import { assertCan, type Actor } from '../identity/actor.js';
import type { CustomerOperation } from '../identity/permissions.js';
import type { PartnerCenter } from '../partnerCenter/port.js';
import { findReseller, type IndirectReseller } from '../identity/reseller.js';
import { isAzurePlan, isLegacyAzure, isOpenLegacyAzure } from '../subscriptions/subscription.js';
import type { UpgradeStatusValue } from '../transition/productUpgrade.js';
import pLimit from 'p-limit';
import { systemClock, type Clock } from '../clock.js';
import { pageWindow, type PageWindow } from '../paging/paging.js';
import { CustomerIndex } from './customerIndex.js';
import {
  loadCustomerRowState,
  loadCustomerState,
  loadUpgrade,
  type CustomerRowState,
} from './customerState.js';
import type { IndexedUpgrade, McaStateIndex } from './mcaStateIndex.js';
import { requireCustomerId } from './serviceContext.js';
import { TtlCache } from './ttlCache.js';

/** Most list calls spent finding a page whose continuation token the card no longer carries. */
const MAX_WALK = 20;

export interface CustomerDirectoryOptions {
  clock?: Clock;
  /** How long the name index (search, typeahead, pickers) is reused before a background refresh. */
  indexTtlMs?: number;
  /** How long a list row's state (MCA, plan, legacy, transition) is reused. */
  stateTtlMs?: number;
  /** Most Partner Center state reads running at once for one list page. */
  stateConcurrency?: number;
  /**
   * Every customer's MCA state and upgrade, built in the background: a list row then costs one
   * `listSubscriptions` call (issue 15). Without it each row reads its state itself.
   */
  mcaIndex?: McaStateIndex;
}

/**
 * Where a customers page starts: its 1-based number and the continuation token that fetches it
 * ('' for the first page). `trail` holds the tokens of the pages before it, nearest first, as far
 * as the card carries them; a page whose token is not known is reached by paging from the start.
 */
export interface CustomerPageCursor {
  page: number;
  token: string;
  trail: string[];
}

/** One page of the `customers` list: rows with their state, the window and how to go on. */
export interface CustomerListPage {
  summaries: CustomerSummary[];
  window: PageWindow;
  /** The token of the next page (absent on the last page). */
  nextToken?: string;
  cursor: CustomerPageCursor;
}

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
  readonly index: CustomerIndex;
  private readonly rowStates: TtlCache<CustomerRowState>;
  private readonly stateConcurrency: number;
  private readonly mcaIndex: McaStateIndex | undefined;

  constructor(
    private readonly partnerCenter: PartnerCenter,
    options: CustomerDirectoryOptions = {},
  ) {
    const clock = options.clock ?? systemClock;
    this.index = new CustomerIndex(partnerCenter, clock, options.indexTtlMs ?? 60_000);
    this.rowStates = new TtlCache(clock, options.stateTtlMs ?? 30_000);
    this.stateConcurrency = options.stateConcurrency ?? 8;
    this.mcaIndex = options.mcaIndex;
  }

  async list(actor: Actor): Promise<Customer[]> {
    assertCan(actor, 'customers.view');
    const customers = await this.partnerCenter.listCustomers();
    return [...customers].sort((a, b) => a.companyName.localeCompare(b.companyName));
  }

  /** By id, domain or name (exact first, then prefix, contains, one typo): one, several or none. */
  async find(actor: Actor, query: string, purpose: CustomerOperation): Promise<CustomerMatch> {
    assertCan(actor, purpose);
    return (await this.index.search()).match(query);
  }

  /** Customers whose id, domain or name match `query` (typeahead, search): at most `limit`. */
  async search(actor: Actor, query: string, purpose: CustomerOperation, limit: number): Promise<Customer[]> {
    assertCan(actor, purpose);
    if (query.trim() === '')
      return (await this.index.customers()).slice(0, limit).map((entry) => entry.customer);
    return (await this.index.search()).first(query, limit);
  }

  /** Drops the cached list-row state of a customer that just changed (attested, plan bought, transition). */
  forget(customerId: string): void {
    this.rowStates.delete(customerId);
    this.mcaIndex?.changed(customerId);
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

  /** Every customer with its state, sorted by company name (small lists and tests; no paging). */
  async listWithState(actor: Actor): Promise<CustomerSummary[]> {
    const customers = await this.list(actor);
    return Promise.all(customers.map((customer) => this.summarize(actor, customer.id)));
  }

  /**
   * One page of customers in Partner Center's order: one `listCustomersPage` call, then the state
   * of the shown customers only (at most `stateConcurrency` at once, each kept `stateTtlMs`). The
   * reseller's name is not read here (the detail view shows it).
   */
  async listPage(actor: Actor, size: number, cursor: CustomerPageCursor): Promise<CustomerListPage> {
    assertCan(actor, 'customers.view');
    let page = Math.max(1, Math.trunc(cursor.page));
    let token = cursor.token;
    if (page > 1 && token === '') ({ page, token } = await this.walkTo(size, page));
    const result = await this.partnerCenter.listCustomersPage({
      size,
      ...(token ? { continuationToken: token } : {}),
    });
    const limit = pLimit(this.stateConcurrency);
    const index = this.mcaIndex;
    const summaries = await Promise.all(
      result.items.map((customer) =>
        limit(async () =>
          index
            ? this.indexedRow(index, customer)
            : rowSummary(
                customer,
                await this.rowStates.get(customer.id, () =>
                  loadCustomerRowState(this.partnerCenter, customer.id),
                ),
              ),
        ),
      ),
    );
    // The index builds (or refreshes) in the background: the next pages need only subscriptions.
    index?.touch();
    const window = pageWindow(
      { offset: (page - 1) * size, size },
      Math.max(result.totalCount, (page - 1) * size + result.items.length),
    );
    return {
      summaries,
      window,
      ...(result.continuationToken ? { nextToken: result.continuationToken } : {}),
      cursor: { page, token, trail: cursor.trail },
    };
  }

  /**
   * A list row with the index: the MCA acceptance and the upgrade from the index, the subscriptions
   * read (one call). A legacy customer whose upgrade the index does not know
   * costs two calls more (eligibility, status); a customer the index does not have is read as
   * without the index (two to five calls) and put into it.
   */
  private async indexedRow(index: McaStateIndex, customer: Customer): Promise<CustomerSummary> {
    const entry = await index.entry(customer.id);
    if (!entry) {
      const state = await this.rowStates.get(customer.id, () =>
        loadCustomerRowState(this.partnerCenter, customer.id),
      );
      const legacy = state.subscriptions.some(isLegacyAzure);
      index.adopt(customer, {
        agreements: state.agreements,
        directlySigned: state.directlySigned,
        // Only a customer with a legacy subscription can have an upgrade (loadCustomerRowState).
        upgrade: legacy ? upgradeOf(state.upgrade) : null,
      });
      return rowSummary(customer, state);
    }
    // Kept briefly by the Partner Center client's cached reads (src/partnerCenter/cachedReads.ts).
    const subscriptions = await this.partnerCenter.listSubscriptions(customer.id);
    const legacy = subscriptions.some(isLegacyAzure);
    let upgrade = entry.upgrade;
    if (legacy && upgrade === undefined) {
      upgrade = upgradeOf(await loadUpgrade(this.partnerCenter, customer.id));
      index.putUpgrade(customer.id, upgrade);
    }
    return {
      customer,
      mca: index.acceptanceOf(entry),
      azurePlanIds: subscriptions.filter(isAzurePlan).map((s) => s.id),
      legacySubscriptionIds: subscriptions.filter(isOpenLegacyAzure).map((s) => s.id),
      upgrade: legacy ? (upgrade ?? null) : null,
    };
  }

  /**
   * The token of page `page` when the card no longer carries it: pages through from the start, at
   * most MAX_WALK list calls; a page past the end or too far (a forged number) is the first page.
   */
  private async walkTo(size: number, page: number): Promise<{ page: number; token: string }> {
    if (page - 1 > MAX_WALK) return { page: 1, token: '' };
    let token: string | undefined;
    for (let n = 1; n < page; n += 1) {
      const result = await this.partnerCenter.listCustomersPage({
        size,
        ...(token ? { continuationToken: token } : {}),
      });
      token = result.continuationToken;
      if (!token) return { page: 1, token: '' };
    }
    return { page, token: token ?? '' };
  }
}

function upgradeOf(upgrade: CustomerRowState['upgrade']): IndexedUpgrade {
  return upgrade ? { id: upgrade.id, status: upgrade.status } : null;
}

function rowSummary(customer: Customer, state: CustomerRowState): CustomerSummary {
  return {
    customer,
    mca: mcaAcceptance(state.agreements, state.directlySigned),
    azurePlanIds: state.subscriptions.filter(isAzurePlan).map((s) => s.id),
    legacySubscriptionIds: state.subscriptions.filter(isOpenLegacyAzure).map((s) => s.id),
    upgrade: state.upgrade ? { id: state.upgrade.id, status: state.upgrade.status } : null,
  };
}
