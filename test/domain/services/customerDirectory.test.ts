import { expect } from 'chai';
import { DomainError } from '../../../src/domain/errors.js';
import { CustomerDirectory } from '../../../src/domain/services/customerDirectory.js';
import { CUSTOMERS, USERS, sandboxFixture, type SandboxFixture } from '../../sandbox/sandboxFixture.js';

describe('CustomerDirectory (customers, customer <name|domain|id>)', () => {
  let fixture: SandboxFixture;
  let directory: CustomerDirectory;
  beforeEach(async () => {
    fixture = await sandboxFixture();
    directory = new CustomerDirectory(fixture.sandbox.partnerCenter);
  });
  afterEach(async () => fixture.dispose());

  it('finds "customer contoso" as exactly one customer', async () => {
    const match = await directory.find(await fixture.actor(USERS.alexGlobalAdmin), 'contoso');
    expect(match.kind).to.equal('one');
    expect(match.kind === 'one' && match.customer.id).to.equal(CUSTOMERS.contosoWithPlan);
  });

  it('finds the Korean customer by its Korean name and by its domain', async () => {
    const actor = await fixture.actor(USERS.meganSalesAgent);
    for (const query of ['한빛소프트', 'hanbitsoft.onmicrosoft.com']) {
      const match = await directory.find(actor, query);
      expect(match.kind === 'one' && match.customer.id, query).to.equal(CUSTOMERS.hanbitDirectlySigned);
    }
  });

  it('lists every customer with its state (MCA, plans, legacy)', async () => {
    const summaries = await directory.listWithState(await fixture.actor(USERS.adeleAdminAgent));
    const byId = new Map(summaries.map((s) => [s.customer.id, s]));
    expect(byId.get(CUSTOMERS.fabrikamNoMca)?.mca.kind).to.equal('none');
    expect(byId.get(CUSTOMERS.northwindAttested)?.mca.kind).to.equal('attested');
    expect(byId.get(CUSTOMERS.hanbitDirectlySigned)?.mca.kind).to.equal('directlySigned');
    expect(byId.get(CUSTOMERS.contosoWithPlan)?.azurePlanIds).to.have.length(1);
    expect(byId.get(CUSTOMERS.woodgroveLegacyTwoResellers)?.legacySubscriptionIds).to.have.length(2);
  });

  it('refuses a Billing admin (customer management is not their role)', async () => {
    const error = await directory.list(await fixture.actor(USERS.leeBillingAdmin)).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(DomainError).with.property('code', 'forbidden');
  });

  it('refuses a malformed customer id with a validation error at customerId', async () => {
    const error = await directory
      .get(await fixture.actor(USERS.alexGlobalAdmin), 'contoso')
      .catch((e: unknown) => e);
    expect(error).to.be.instanceOf(DomainError).with.property('code', 'validation');
    expect((error as DomainError).params.reasons).to.deep.equal(['customerId:notGuid']);
  });
});
