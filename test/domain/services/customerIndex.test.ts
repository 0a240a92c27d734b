import { expect } from 'chai';
import type { Clock } from '../../../src/domain/clock.js';
import type { Customer } from '../../../src/domain/customers/customer.js';
import type { PartnerCenter } from '../../../src/domain/partnerCenter/port.js';
import { CustomerIndex } from '../../../src/domain/services/customerIndex.js';

const customer = (n: number, companyName: string): Customer => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  companyName,
  domain: `c${n}.onmicrosoft.com`,
  country: 'US',
  resellerOfRecord: null,
  relationship: 'Reseller',
});

/** Only the list call the index pages through, over a list a test can change. */
function listingPartnerCenter(customers: Customer[]): PartnerCenter {
  const listing: Pick<PartnerCenter, 'listCustomersPage'> = {
    listCustomersPage: async ({ size, continuationToken }) => {
      const from = Number(continuationToken ?? 0);
      const items = customers.slice(from, from + size);
      const next = from + size < customers.length ? String(from + size) : undefined;
      return { items, totalCount: customers.length, ...(next ? { continuationToken: next } : {}) };
    },
  };
  return listing as PartnerCenter; // the index calls nothing else
}

describe('CustomerIndex: the lookup follows the list it was built from', () => {
  it('a refreshed index finds a customer added since, by name and by typeahead', async () => {
    const customers = Array.from({ length: 1200 }, (_, n) => customer(n, `Contoso Branch ${n}`));
    let now = Date.parse('2026-12-01T10:00:00Z');
    const clock: Clock = { now: () => new Date(now) };
    const index = new CustomerIndex(listingPartnerCenter(customers), clock, 60_000);
    expect((await index.search()).match('Tailspin Toys').kind).to.equal('none');

    customers.push(customer(5000, 'Tailspin Toys'));
    now += 60_000;
    await index.search(); // stale: answered at once, refresh started
    // The fake list answers in microtasks only: the refresh is done after one macrotask.
    await new Promise((resolve) => setImmediate(resolve));
    const search = await index.search();
    const match = search.match('tailspin toys');
    expect(match.kind === 'one' && match.customer.id).to.equal(customers.at(-1)!.id);
    expect(search.first('tailspn', 15).map((c) => c.companyName)).to.deep.equal(['Tailspin Toys']);
    expect((await index.customers()).length).to.equal(1201);
  });

  it('typeahead over 1,200 customers: the first 15 of a shared prefix, in list order', async () => {
    const customers = Array.from({ length: 1200 }, (_, n) => customer(n, `Contoso Branch ${1200 - n}`));
    const index = new CustomerIndex(listingPartnerCenter(customers), { now: () => new Date(0) }, 60_000);
    const shown = (await index.search()).first('contoso', 15);
    expect(shown.map((c) => c.id)).to.deep.equal(customers.slice(0, 15).map((c) => c.id));
  });
});
