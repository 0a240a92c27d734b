import type { Clock } from '../clock.js';
import type { Customer } from '../customers/customer.js';
import { prepareCustomers, type PreparedCustomer } from '../customers/customerMatch.js';
import { CustomerSearch } from '../customers/customerSearch.js';
import type { PartnerCenter } from '../partnerCenter/port.js';

/** Largest page Partner Center gives (`GET /v1/customers?size=500`). */
export const INDEX_PAGE_SIZE = 500;

/**
 * Every customer as the list call returns it (id, name, domain, country: no per-customer calls),
 * in Partner Center's order: what name search, typeahead and the pickers look through. Built by
 * paging `listCustomersPage`; kept `ttlMs`. A stale index is still answered at once while one
 * refresh runs in the background, so a turn never waits for more than the first build. Each build
 * also builds the lookup structures (`CustomerSearch`) that name search and typeahead query.
 */
export class CustomerIndex {
  private current: Built | undefined;
  private building: Promise<Built> | undefined;

  constructor(
    private readonly partnerCenter: PartnerCenter,
    private readonly clock: Clock,
    private readonly ttlMs: number,
  ) {}

  /** The customers with their names normalized for matching (built with the index). */
  async customers(): Promise<PreparedCustomer[]> {
    return (await this.built()).customers;
  }

  /** Lookup by id, domain or name over the same customers (built with the index). */
  async search(): Promise<CustomerSearch> {
    return (await this.built()).search;
  }

  /** Drops the index (e.g. after a customer was added); the next search builds it again. */
  invalidate(): void {
    this.current = undefined;
  }

  private async built(): Promise<Built> {
    const now = this.clock.now().getTime();
    if (this.current) {
      if (now - this.current.at >= this.ttlMs) void this.refresh().catch(() => undefined);
      return this.current;
    }
    return this.refresh();
  }

  private refresh(): Promise<Built> {
    this.building ??= this.build().finally(() => {
      this.building = undefined;
    });
    return this.building;
  }

  private async build(): Promise<Built> {
    const started = this.clock.now().getTime();
    const customers: Customer[] = [];
    let continuationToken: string | undefined;
    do {
      const page = await this.partnerCenter.listCustomersPage({ size: INDEX_PAGE_SIZE, continuationToken });
      customers.push(...page.items);
      continuationToken = page.continuationToken;
    } while (continuationToken);
    const prepared = prepareCustomers(customers);
    this.current = { at: started, customers: prepared, search: new CustomerSearch(prepared) };
    return this.current;
  }
}

interface Built {
  at: number;
  customers: PreparedCustomer[];
  search: CustomerSearch;
}
