import { expect } from 'chai';
import { attestOver } from '../../support/attestSupport.js';
import { BuyAzurePlanDialog } from '../../../src/features/purchase/buyAzurePlanDialog.js';
import { fixedClock } from '../../../src/domain/clock.js';
import { CustomerDirectory } from '../../../src/domain/services/customerDirectory.js';
import { PurchaseService } from '../../../src/domain/services/purchaseService.js';
import { isAzurePlan } from '../../../src/domain/subscriptions/subscription.js';
import { cards } from '../../support/botHarness.js';
import { DialogDriver, textOfActivities } from '../../support/dialogDriver.js';
import { servicesOver } from '../../support/services.js';
import {
  CUSTOMERS,
  sandboxFixture,
  USERS,
  type SandboxFixture,
} from '../../partnerCenter/sandbox/sandboxFixture.js';

const NOW = '2026-11-26T12:00:00.000Z';

const SIGNATORY = {
  firstName: 'Ana',
  lastName: 'Lopez',
  email: 'ana@fabrikam.com',
  phoneNumber: '',
  country: 'US',
  language: 'en-US',
};

describe('BuyAzurePlanDialog (botbuilder-testing)', function () {
  this.timeout(20_000);
  let fixture: SandboxFixture;

  async function start(customerQuery: string, user: string = USERS.meganSalesAgent) {
    const clock = fixedClock(NOW);
    fixture = await sandboxFixture({ clock });
    const services = servicesOver(fixture.sandbox, clock);
    const directory = new CustomerDirectory(services.partnerCenter);
    const attest = attestOver(fixture.sandbox, services, directory, clock).newDialog();
    const dialog = new BuyAzurePlanDialog(new PurchaseService(services), directory, attest, cards, clock);
    const driver = new DialogDriver(dialog, await fixture.actor(user), { customerQuery });
    const first = await driver.send('buy azure plan');
    return { driver, first };
  }

  async function plans(customerId: string) {
    return (await fixture.sandbox.partnerCenter.listSubscriptions(customerId)).filter(isAzurePlan);
  }

  async function press(driver: DialogDriver, title: string, values: Record<string, unknown> = {}) {
    const card = driver.lastCard();
    return driver.send({ ...driver.actionData(card.content, title), ...values }, card.id);
  }

  afterEach(async () => fixture?.dispose());

  it('happy path: shows what is bought, buys once, replaces the card with order, plan and first subscription', async () => {
    const { driver, first } = await start('northwind');
    const text = textOfActivities(first);
    expect(text).to.contain('Buy the Azure plan for Northwind Traders Ltd');
    expect(text).to.contain('Calendar month, invoice on the 8th (UTC), net 60 days');
    expect(text).to.contain('DZH318Z0BPS6:0001:');
    expect(JSON.stringify(driver.lastCard().content)).to.contain('"value":"5120934"');
    const confirm = driver.lastCard();
    await press(driver, 'Buy Azure plan', { resellerMpnId: '5120934' });
    const result = driver.lastCard();
    expect(result.id).to.equal(confirm.id);
    const json = JSON.stringify(result.content);
    expect(json).to.contain('Azure plan bought for Northwind Traders Ltd');
    expect(json).to.contain('First Azure subscription');
    const bought = await plans(CUSTOMERS.northwindAttested);
    expect(bought).to.have.length(1);
    expect(json).to.contain(bought[0].id);
  });

  it('no MCA: leads into the enhanced attestation (link for the signatory); the purchase resumes once the agreement exists', async () => {
    const { driver, first } = await start('fabrikam');
    expect(textOfActivities(first)).to.contain('has not accepted the Microsoft Customer Agreement');
    await press(driver, 'Attest MCA now');
    expect(JSON.stringify(driver.lastCard().content)).to.contain('Attest MCA acceptance: Fabrikam, Inc.');
    await press(driver, 'Review', SIGNATORY);
    const text = textOfActivities(await press(driver, 'Confirm'));
    expect(text).to.contain('Send this link to Ana');
    expect(text).not.to.contain(
      'Buy the Azure plan for Fabrikam, Inc.',
      'no order before the agreement exists',
    );
    expect(await plans(CUSTOMERS.fabrikamNoMca)).to.have.length(0);
    // The signatory accepts, the agreement is created: the purchase then goes through.
    const [attestation] = await fixture.sandbox.attestations.listEnhancedAttestations(
      CUSTOMERS.fabrikamNoMca,
    );
    await fixture.sandbox.attestations.accept(attestation.attestationId);
    await fixture.sandbox.attestations.createAgreementFromAttestation(
      CUSTOMERS.fabrikamNoMca,
      attestation.attestationId,
    );
    const again = await driver.send('buy azure plan');
    expect(textOfActivities(again)).to.contain('Buy the Azure plan for Fabrikam, Inc.');
  });

  it('no MCA: the customer accepts in the admin center while the form is open — the purchase goes on', async () => {
    const { driver } = await start('fabrikam');
    await press(driver, 'Attest MCA now');
    await press(driver, 'Review', SIGNATORY);
    // Rule 8: a direct acceptance satisfies the order precondition as an attestation does.
    await fixture.sandbox.store.mutate((data) => void data.directlySigned.push(CUSTOMERS.fabrikamNoMca));
    const text = textOfActivities(await press(driver, 'Confirm'));
    expect(text).to.contain('No attestation needed');
    expect(text).not.to.contain('Attestation not recorded');
    expect(text).to.contain('Buy the Azure plan for Fabrikam, Inc.');
    await press(driver, 'Buy Azure plan', { resellerMpnId: '4412873' });
    expect(await plans(CUSTOMERS.fabrikamNoMca)).to.have.length(1);
  });

  const blocked: Array<[string, string, RegExp, string | undefined]> = [
    [
      'a legacy customer is told to transition',
      'woodgrove',
      /legacy Microsoft Azure offer \(MS-AZR-0145P\)/,
      'Transition to Azure plan',
    ],
    [
      'a country without the Azure plan is refused',
      'fourth coffee',
      /not sold in China \(CN\).*21Vianet/,
      undefined,
    ],
  ];
  for (const [what, query, message, next] of blocked) {
    it(`${what}, with the next step`, async () => {
      const { driver, first } = await start(query);
      const text = textOfActivities(first);
      expect(text).to.match(message);
      if (next) expect(text).to.contain(next);
      expect(driver.status).to.equal('complete');
    });
  }

  it('rule 12: a customer with a plan under Trey gets a plan under another reseller; the card explains and asks which', async () => {
    const { driver, first } = await start('contosopharma');
    const text = textOfActivities(first);
    expect(text).to.contain('Buy the Azure plan for Contoso Pharmaceuticals');
    expect(text).to.contain(
      'Contoso Pharmaceuticals already has an Azure plan for the reseller of record Trey Research Solutions (4412873)',
    );
    expect(text).to.contain('which reseller is this new plan for?');
    expect(text).to.contain(
      'Resellers without an Azure plan for Contoso Pharmaceuticals: Proseware Cloud Services (5120934)',
    );
    expect(JSON.stringify(driver.lastCard().content), 'no reseller prefilled').to.contain('"value":""');

    const card = driver.lastCard();
    await press(driver, 'Buy Azure plan', { resellerMpnId: '4412873' });
    expect(driver.lastCard().id).to.equal(card.id);
    expect(JSON.stringify(driver.lastCard().content)).to.contain(
      'Trey Research Solutions (4412873) already has an Azure plan for this customer (f80c27d0-528b-4ad2-97b4-482a7a15d2f6). Choose another reseller.',
    );
    expect(await plans(CUSTOMERS.contosoWithPlan)).to.have.length(1);

    await press(driver, 'Buy Azure plan', { resellerMpnId: '5120934' });
    const done = JSON.stringify(driver.lastCard().content);
    expect(done).to.contain('Azure plan bought for Contoso Pharmaceuticals');
    expect(done, 'reseller shown by name with its id').to.contain('Proseware Cloud Services (5120934)');
    const bought = await plans(CUSTOMERS.contosoWithPlan);
    expect(bought.map((p) => p.partnerIdOnRecord).sort()).to.deep.equal(['4412873', '5120934']);
  });

  it('rule 12 in Korean: the card explains the existing plan and asks which reseller', async () => {
    const clock = fixedClock(NOW);
    fixture = await sandboxFixture({ clock });
    const services = servicesOver(fixture.sandbox, clock);
    const directory = new CustomerDirectory(services.partnerCenter);
    const attest = attestOver(fixture.sandbox, services, directory, clock).newDialog();
    const dialog = new BuyAzurePlanDialog(new PurchaseService(services), directory, attest, cards, clock);
    const driver = new DialogDriver(
      dialog,
      await fixture.actor(USERS.meganSalesAgent),
      { customerQuery: 'contosopharma' },
      'ko-KR',
    );
    const text = textOfActivities(await driver.send('Azure 플랜 구매'));
    expect(text).to.contain('기록상 재판매인 Trey Research Solutions (4412873)의 Azure 플랜이 있습니다');
    expect(text).to.contain('새 플랜은 어느 재판매인의 것인가요?');
  });

  it('a customer in China: not sold, and the card never says "yet"', async () => {
    const { first } = await start('fourth coffee');
    const text = textOfActivities(first);
    expect(text).to.contain(
      'The Azure plan cannot be bought for Fourth Coffee (Shanghai) Co., Ltd. in China',
    );
    expect(text).to.not.match(/\byet\b/);
  });

  it('while a transition is in progress, the purchase is refused (900112/900113)', async () => {
    const clock = fixedClock(NOW);
    fixture = await sandboxFixture({ clock });
    await fixture.sandbox.partnerCenter.createUpgrade(CUSTOMERS.woodgroveLegacyTwoResellers);
    const services = servicesOver(fixture.sandbox, clock);
    const directory = new CustomerDirectory(services.partnerCenter);
    const attest = attestOver(fixture.sandbox, services, directory, clock).newDialog();
    const dialog = new BuyAzurePlanDialog(new PurchaseService(services), directory, attest, cards, clock);
    const driver = new DialogDriver(dialog, await fixture.actor(USERS.meganSalesAgent), {
      customerQuery: 'woodgrove',
    });
    const text = textOfActivities(await driver.send('buy'));
    expect(text).to.match(/transition to the Azure plan is (pending|in progress)/);
    expect(text).to.contain('Transition status');
  });

  it('the reseller of record is required, validated and must be known (800016)', async () => {
    const { driver } = await start('northwind');
    const cases: Array<[string, string]> = [
      ['', "Enter the reseller's MPN ID."],
      ['12ab', 'An MPN ID is 6 to 10 digits.'],
      ['9999999', '9999999 is not one of your indirect resellers (800016).'],
    ];
    for (const [value, message] of cases) {
      const before = driver.lastCard();
      await press(driver, 'Buy Azure plan', { resellerMpnId: value });
      const again = driver.lastCard();
      expect(again.id).to.equal(before.id);
      expect(JSON.stringify(again.content)).to.contain(message);
    }
    expect(await plans(CUSTOMERS.northwindAttested)).to.have.length(0);
    await press(driver, 'Buy Azure plan', { resellerMpnId: '5120934' });
    expect(await plans(CUSTOMERS.northwindAttested)).to.have.length(1);
  });

  it('cancel on the confirmation orders nothing', async () => {
    const { driver } = await start('northwind');
    await press(driver, 'Cancel');
    expect(JSON.stringify(driver.lastCard().content)).to.contain('Purchase cancelled');
    expect(await plans(CUSTOMERS.northwindAttested)).to.have.length(0);
  });
});
