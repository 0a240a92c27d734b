import { expect } from 'chai';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DomainError } from '../../../src/domain/errors.js';
import { openSandbox } from '../../../src/partnerCenter/sandbox/openSandbox.js';
import { InvalidSeedError, parseSeed } from '../../../src/partnerCenter/sandbox/seedLoader.js';
import {
  CUSTOMERS,
  DEFAULT_SEED,
  RESELLER_SEED,
  USERS,
  sandboxFixture,
  type SandboxFixture,
} from './sandboxFixture.js';

describe('sandbox: seed, partner directory and persistence', () => {
  let fixture: SandboxFixture;
  beforeEach(async () => {
    fixture = await sandboxFixture();
  });
  afterEach(async () => fixture.dispose());

  it('starts as the Playground partner: Contoso Cloud Partners, an indirect provider', async () => {
    const partner = await fixture.sandbox.partnerCenter.getPartner();
    expect(partner).to.include({
      tenantId: '00000000-0000-0000-0000-0000000000001',
      name: 'Contoso Cloud Partners',
      type: 'IndirectProvider',
    });
  });

  it('has one user per Partner Center role, Alex Wilber being the Global admin', async () => {
    const pc = fixture.sandbox.partnerCenter;
    const tenant = '00000000-0000-0000-0000-0000000000001';
    const roles = await Promise.all(
      Object.values(USERS).map(async (id) => (await pc.findUser(tenant, id))?.roles[0]),
    );
    expect(roles).to.have.members([
      'GlobalAdmin',
      'SalesAgent',
      'AdminAgent',
      'BillingAdmin',
      'HelpdeskAgent',
      'UserManagementAdmin',
    ]);
    expect((await pc.findUser(tenant, USERS.alexGlobalAdmin))?.displayName).to.equal('Alex Wilber');
  });

  it('does not know a user of another tenant, even with a known object id', async () => {
    expect(
      await fixture.sandbox.partnerCenter.findUser(
        '11111111-1111-1111-1111-111111111111',
        USERS.alexGlobalAdmin,
      ),
    ).to.equal(undefined);
  });

  it('lists the seeded customers in KR, DE, GB, US, NO (and one where the plan is not offered)', async () => {
    const customers = await fixture.sandbox.partnerCenter.listCustomers();
    expect(customers).to.have.length(16);
    expect(new Set(customers.map((c) => c.country))).to.include.members(['KR', 'DE', 'GB', 'US', 'NO', 'CN']);
    expect(
      await fixture.sandbox.partnerCenter.getAzurePlanAvailability(CUSTOMERS.fourthCoffeeNotAvailable),
    ).to.equal(undefined);
    expect(
      (await fixture.sandbox.partnerCenter.getAzurePlanAvailability(CUSTOMERS.northwindAttested))
        ?.catalogItemId,
    ).to.equal('DZH318Z0BPS6:0001:DZH318Z0BMGV');
  });

  it('answers not_found for an unknown customer', async () => {
    const error = await fixture.sandbox.partnerCenter
      .getCustomer('11111111-1111-1111-1111-111111111111')
      .catch((e: unknown) => e);
    expect(error).to.be.instanceOf(DomainError).with.property('code', 'not_found');
  });

  it('keeps changes in its file across restarts and does not reseed over them', async () => {
    await fixture.sandbox.partnerCenter.createAzureSubscription(
      CUSTOMERS.contosoWithPlan,
      'f80c27d0-528b-4ad2-97b4-482a7a15d2f6',
      'Contoso Pharma Research',
    );
    await fixture.sandbox.close();
    const reopened = await fixture.reopen();
    const names = (
      await reopened.partnerCenter.listAzureEntitlements(
        CUSTOMERS.contosoWithPlan,
        'f80c27d0-528b-4ad2-97b4-482a7a15d2f6',
      )
    ).map((e) => e.friendlyName);
    expect(names).to.include('Contoso Pharma Research');
    const onDisk = JSON.parse(await readFile(fixture.dataFile, 'utf-8')) as { entitlements: unknown[] };
    expect(onDisk.entitlements).to.have.length(3);
  });

  it('resolves "bought last week" relative to the first start', async () => {
    const subscriptions = await fixture.sandbox.partnerCenter.listSubscriptions(CUSTOMERS.adatumLegacyRecent);
    const recent = subscriptions.find((s) => s.friendlyName === 'Adatum Data Lake');
    expect(recent?.creationDate).to.equal('2026-11-20T12:00:00.000Z');
  });

  it('refuses an invalid seed with a message naming the bad field', async () => {
    const seed = JSON.parse(await readFile(DEFAULT_SEED, 'utf-8')) as {
      customers: Array<{ id: string; country: string }>;
    };
    seed.customers[2].id = 'not-a-guid';
    seed.customers[4].country = 'germany';
    const badSeed = path.join(fixture.dir, 'bad-seed.json');
    await writeFile(badSeed, JSON.stringify(seed));
    const error = await openSandbox({
      dataFile: path.join(fixture.dir, 'other.json'),
      seedFile: badSeed,
    }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(InvalidSeedError);
    expect((error as Error).message)
      .to.contain('customers[2].id')
      .and.contain('customers[4].country')
      .and.contain('bad-seed.json');
  });

  it('refuses a seed whose partner type is unknown', () => {
    expect(() => parseSeed({ partner: { type: 'Distributor' } })).to.throw(InvalidSeedError, /partner\.type/);
  });

  it('loads the second seed: an indirect reseller partner', async () => {
    const reseller = await openSandbox({
      dataFile: path.join(fixture.dir, 'reseller.json'),
      seedFile: RESELLER_SEED,
    });
    expect((await reseller.partnerCenter.getPartner()).type).to.equal('IndirectReseller');
    await reseller.close();
  });
});

describe('sandbox seed consistency checks', () => {
  it('refuses duplicate customer ids and failures that name no legacy subscription of the customer', async () => {
    const seed = JSON.parse(await readFile(DEFAULT_SEED, 'utf-8')) as {
      customers: Array<{ id: string; transitionFailsFor?: string[] }>;
    };
    seed.customers[1].id = seed.customers[0].id;
    seed.customers[0].transitionFailsFor = ['16d73ab0-dac0-4d12-91c7-444d48772b6c'];
    expect(() => parseSeed(seed, 'dup.json'))
      .to.throw(InvalidSeedError)
      .with.property('message')
      .that.contains('customers[1].id: duplicate id')
      .and.contains('customers[0].transitionFailsFor[0]');
  });
});
