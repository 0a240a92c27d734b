import { expect } from 'chai';
import { fixedClock } from '../../../src/domain/clock.js';
import { CustomerDirectory } from '../../../src/domain/services/customerDirectory.js';
import type { Actor } from '../../../src/domain/identity/actor.js';
import { PARTNER, user } from '../../support/fakeDirectory.js';
import { bigPartnerCenter, countingPartnerCenter, total } from '../../support/countingPartnerCenter.js';

const actor: Actor = { partner: PARTNER, user: user('u-1', 'Admin', ['AdminAgent']) };
const FIRST = { page: 1, token: '', trail: [] };

describe('customers at 10,000: no fan-out', () => {
  function setUp() {
    const counted = countingPartnerCenter(bigPartnerCenter(10_000));
    const directory = new CustomerDirectory(counted.partnerCenter, {
      clock: fixedClock('2026-12-01T10:00:00Z'),
      stateTtlMs: 30_000,
    });
    return { directory, calls: counted.calls };
  }

  it('one page costs one list call plus the state of the shown customers only', async () => {
    const { directory, calls } = setUp();
    const page = await directory.listPage(actor, 10, FIRST);
    expect(page.summaries).to.have.length(10);
    expect(page.window).to.include({ first: 1, last: 10, total: 10_000 });
    expect(calls.listCustomersPage).to.equal(1);
    expect(calls.listCustomers ?? 0, 'the whole list').to.equal(0);
    expect(calls.listIndirectResellers ?? 0, 'reseller names').to.equal(0);
    expect(calls.getCustomer ?? 0, 'the list call already has the customer').to.equal(0);
    // Per shown customer: direct-sign status + subscriptions; agreements only when not signed
    // directly (5 of 10); the upgrade only with a legacy subscription (customers 0 and 7).
    const perCustomer = total(calls) - 1;
    expect(perCustomer).to.equal(10 * 2 + 5 + 2);
  });

  it('the next page goes on with the continuation token; the page within the TTL costs one call', async () => {
    const { directory, calls } = setUp();
    const first = await directory.listPage(actor, 10, FIRST);
    const second = await directory.listPage(actor, 10, {
      page: 2,
      token: first.nextToken ?? '',
      trail: [''],
    });
    expect(second.window).to.include({ first: 11, last: 20, total: 10_000 });
    expect(second.summaries[0]!.customer.companyName).to.equal('Customer 00010');
    const before = total(calls);
    await directory.listPage(actor, 10, FIRST);
    expect(total(calls) - before, 'state is cached').to.equal(1);
  });

  it('a page whose token the card no longer carries is reached by paging from the start', async () => {
    const { directory } = setUp();
    const page = await directory.listPage(actor, 10, { page: 4, token: '', trail: [] });
    expect(page.summaries[0]!.customer.companyName).to.equal('Customer 00030');
  });

  it('a forged page number far away costs no walk through the list: the first page', async () => {
    const { directory, calls } = setUp();
    const page = await directory.listPage(actor, 10, { page: 1_000_000, token: '', trail: [] });
    expect(page.window.first).to.equal(1);
    expect(calls.listCustomersPage).to.equal(1);
  });

  it('search over 10,000 builds the name index once (500 a page), then costs no call', async () => {
    const { directory, calls } = setUp();
    const first = await directory.search(actor, 'Customer 09999', 'customers.view', 15);
    expect(first.map((c) => c.companyName)).to.include('Customer 09999');
    expect(calls.listCustomersPage).to.equal(20);
    const before = total(calls);
    await directory.find(actor, 'customer9876.onmicrosoft.com', 'customers.view');
    await directory.search(actor, 'Customer 0001', 'customers.view', 15);
    expect(total(calls) - before).to.equal(0);
  });

  it('a row changed by the bot (attested, plan bought, transition) is read again at once: forget', async () => {
    const inner = bigPartnerCenter(100);
    const directory = new CustomerDirectory(inner, {
      clock: fixedClock('2026-12-01T10:00:00Z'),
      stateTtlMs: 30_000,
    });
    const row = async () => (await directory.listPage(actor, 10, FIRST)).summaries[1]!.mca.kind;
    expect(await row()).to.equal('none');
    Object.assign(inner, { getDirectSignStatus: async () => ({ isSigned: true }) });
    expect(await row(), 'cached within the TTL').to.equal('none');
    directory.forget('00000000-0000-4000-8000-000000000001');
    expect(await row()).to.equal('directlySigned');
  });
});
