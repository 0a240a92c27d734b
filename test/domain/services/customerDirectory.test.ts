import { expect } from 'chai';
import { DomainError } from '../../../src/domain/errors.js';
import { CustomerDirectory } from '../../../src/domain/services/customerDirectory.js';
import { CUSTOMERS, USERS, sandboxFixture, type SandboxFixture } from '../../partnerCenter/sandbox/sandboxFixture.js';

describe('CustomerDirectory (customers, customer <name|domain|id>)', () => {
  let fixture: SandboxFixture;
  let directory: CustomerDirectory;
  beforeEach(async () => {
    fixture = await sandboxFixture();
    directory = new CustomerDirectory(fixture.sandbox.partnerCenter);
  });
  afterEach(async () => fixture.dispose());

  it('finds "customer contoso" as exactly one customer', async () => {
    const match = await directory.find(
      await fixture.actor(USERS.alexGlobalAdmin),
      'contoso',
      'customers.view',
    );
    expect(match.kind).to.equal('one');
    expect(match.kind === 'one' && match.customer.id).to.equal(CUSTOMERS.contosoWithPlan);
  });

  it('finds the Korean customer by its Korean name and by its domain', async () => {
    const actor = await fixture.actor(USERS.meganSalesAgent);
    for (const query of ['한빛소프트', 'hanbitsoft.onmicrosoft.com']) {
      const match = await directory.find(actor, query, 'customers.view');
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

  it("finds a customer for the operation it is found for, with that operation's roles only", async () => {
    // A User management admin may buy but not manage customers; a Billing admin may transition.
    const isaiah = await fixture.actor(USERS.isaiahUserAdmin);
    const lee = await fixture.actor(USERS.leeBillingAdmin);
    const forPurchase = await directory.find(isaiah, 'northwind', 'plan.purchase');
    expect(forPurchase.kind === 'one' && forPurchase.customer.id).to.equal(CUSTOMERS.northwindAttested);
    const forTransition = await directory.get(lee, CUSTOMERS.woodgroveLegacyTwoResellers, 'transition.run');
    expect(forTransition.id).to.equal(CUSTOMERS.woodgroveLegacyTwoResellers);
    const refused = await directory.find(isaiah, 'northwind', 'customers.view').catch((e: unknown) => e);
    expect(refused).to.be.instanceOf(DomainError).with.nested.property('params.operation', 'customers.view');
    const notForLee = await directory.find(lee, 'northwind', 'plan.purchase').catch((e: unknown) => e);
    expect(notForLee).to.be.instanceOf(DomainError).with.nested.property('params.operation', 'plan.purchase');
  });

  it('refuses a malformed customer id with a validation error at customerId', async () => {
    const error = await directory
      .get(await fixture.actor(USERS.alexGlobalAdmin), 'contoso', 'customers.view')
      .catch((e: unknown) => e);
    expect(error).to.be.instanceOf(DomainError).with.property('code', 'validation');
    expect((error as DomainError).params.reasons).to.deep.equal(['customerId:notGuid']);
  });
});
