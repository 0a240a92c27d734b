import { expect } from 'chai';
import { fixedClock, type Clock } from '../../../src/domain/clock.js';
import { CustomerDirectory } from '../../../src/domain/services/customerDirectory.js';
import { DialogDriver, textOfActivities } from '../../support/dialogDriver.js';
import { attestOver } from '../../support/attestSupport.js';
import { servicesOver } from '../../support/services.js';
import {
  CUSTOMERS,
  sandboxFixture,
  USERS,
  type SandboxFixture,
} from '../../partnerCenter/sandbox/sandboxFixture.js';

const NOW = '2026-11-26T12:00:00.000Z';
const VALID = {
  firstName: 'Ana',
  lastName: 'Lopez',
  email: 'ana.lopez@fabrikam.com',
  phoneNumber: '',
  country: 'US',
  language: 'en-US',
};

describe('AttestMcaDialog: enhanced attestation (botbuilder-testing)', function () {
  this.timeout(20_000);
  let fixture: SandboxFixture;

  async function start(
    customerQuery: string,
    user: string = USERS.meganSalesAgent,
    clock: Clock = fixedClock(NOW),
    locale = 'en-US',
  ) {
    fixture = await sandboxFixture({ clock });
    const services = servicesOver(fixture.sandbox, clock);
    const attest = attestOver(
      fixture.sandbox,
      services,
      new CustomerDirectory(services.partnerCenter),
      clock,
    );
    const driver = new DialogDriver(attest.newDialog(), await fixture.actor(user), { customerQuery }, locale);
    const first = await driver.send('attest');
    return { driver, first, attest };
  }

  async function submitForm(driver: DialogDriver, values: Record<string, string>) {
    const form = driver.lastCard();
    return driver.send({ ...driver.actionData(form.content, 'Review'), ...values }, form.id);
  }

  const inputsOf = (card: { content: Record<string, unknown> }) => JSON.stringify(card.content);

  afterEach(async () => fixture?.dispose());

  it('status first, then the signatory form with the customer’s country and the language preset', async () => {
    const { driver, first } = await start('fabrikam');
    expect(textOfActivities(first)).to.contain('Attest MCA acceptance: Fabrikam, Inc.');
    const form = inputsOf(driver.lastCard());
    expect(form).to.contain('"id":"country"');
    expect(form).to.contain('"value":"US"');
    expect(form).to.contain('"value":"en-US"');
    expect(form).not.to.contain('dateAgreed', 'the legacy form (date agreed) is gone');
  });

  it('confirm → the attestation is created once → the link card (open, copy, e-mail draft) replaces the confirmation', async () => {
    const { driver, attest } = await start('fabrikam');
    await submitForm(driver, VALID);
    const confirm = driver.lastCard();
    const confirmData = driver.actionData(confirm.content, 'Confirm');
    expect(inputsOf(confirm)).to.contain(String(confirmData.requestId));
    await driver.send(confirmData, confirm.id);
    const link = driver.lastCard();
    expect(link.id).to.equal(confirm.id, 'replaced in place');
    const json = inputsOf(link);
    expect(json).to.contain('"id":"acceptanceLink"');
    expect(json).to.contain('Action.OpenUrl');
    expect(json).to.contain('mailto:ana.lopez%40fabrikam.com');
    const attestations = await fixture.sandbox.attestations.listEnhancedAttestations(CUSTOMERS.fabrikamNoMca);
    expect(attestations).to.have.length(1);
    expect(attestations[0].request).to.include({
      signatoryFirstName: 'Ana',
      country: 'US',
      language: 'en-US',
    });
    expect(await attest.watches.openIds()).to.deep.equal([attestations[0].attestationId]);
    expect(driver.status).to.equal('complete');
  });

  const invalid: Array<[string, Record<string, string>, string]> = [
    ['first name missing', { firstName: '' }, 'This field is required.'],
    ['email without domain', { email: 'ana@fabrikam' }, 'Enter a valid email address'],
    ['phone of spaces only', { phoneNumber: '   ' }, 'spaces alone are not a number'],
    ['country of three letters', { country: 'USA' }, 'Enter at most 2 characters.'],
  ];
  for (const [what, change, message] of invalid) {
    it(`invalid field (${what}): the form comes back with the message and the values kept`, async () => {
      const { driver } = await start('fabrikam');
      const form = driver.lastCard();
      await submitForm(driver, { ...VALID, ...change });
      const again = driver.lastCard();
      expect(again.id).to.equal(form.id);
      expect(inputsOf(again)).to.contain(message);
      expect(inputsOf(again)).to.contain('Lopez', 'values kept');
    });
  }

  it('a customer who accepted directly needs no attestation', async () => {
    const { first } = await start('hanbit');
    expect(textOfActivities(first)).to.contain('directly in the Microsoft 365 admin center');
  });

  it('a pending link is shown again instead of a new form', async () => {
    const { driver } = await start('relecloud');
    const json = inputsOf(driver.lastCard());
    expect(json).to.contain('Link sent, waiting for the customer');
    expect(json).to.contain('attestationId=a1d0c6e2-1111-4a5b-8c7d-000000000001');
  });

  it('accepted by the signatory: offers Create agreement (one button)', async () => {
    const { driver } = await start('vanarsdel');
    const card = driver.lastCard();
    const titles = (card.content.actions as Array<{ title: string }>).map((a) => a.title);
    expect(titles).to.deep.equal(['Create agreement']);
  });

  it('an expired link: the form comes back with the signatory of that link', async () => {
    const { driver } = await start('lamna');
    const json = inputsOf(driver.lastCard());
    expect(json).to.contain('The previous acceptance link expired');
    expect(json).to.contain('priya.shah@lamnahealthcare.co.uk');
    expect(json).to.contain('"value":"GB"');
  });

  it('a confirm from a tampered card (another customer) is refused and creates nothing', async () => {
    const { driver } = await start('fabrikam');
    await submitForm(driver, VALID);
    const confirm = driver.lastCard();
    const data = {
      ...driver.actionData(confirm.content, 'Confirm'),
      customerId: CUSTOMERS.northwindAttested,
    };
    await driver.send(data, confirm.id);
    expect(
      await fixture.sandbox.attestations.listEnhancedAttestations(CUSTOMERS.fabrikamNoMca),
    ).to.have.length(0);
  });

  it('Edit goes back to the form with the values kept', async () => {
    const { driver } = await start('fabrikam');
    await submitForm(driver, VALID);
    const confirm = driver.lastCard();
    await driver.send(driver.actionData(confirm.content, 'Edit'), confirm.id);
    expect(inputsOf(driver.lastCard())).to.contain('ana.lopez@fabrikam.com');
  });

  it('asks back when the customer name is ambiguous, then continues with the pick', async () => {
    const { driver, first } = await start('inc');
    expect(textOfActivities(first)).to.contain('Which customer do you mean?');
    const pick = driver.lastCard();
    // The picker: the customer field (typeahead, with the matches as static choices) and Continue.
    const actions = pick.content.actions as Array<{ title: string; data: Record<string, unknown> }>;
    const body = pick.content.body as Array<{
      type: string;
      choices?: Array<{ title: string; value: string }>;
    }>;
    const field = body.find((element) => element.type === 'Input.ChoiceSet')!;
    const fabrikam = field.choices!.find((choice) => choice.title.startsWith('Fabrikam'))!;
    const go = actions.find((a) => a.title === 'Continue')!;
    await driver.send({ ...go.data, customerId: fabrikam.value }, pick.id);
    expect(JSON.stringify(driver.lastCard().content)).to.contain('Fabrikam, Inc.');
  });

  it('speaks Korean to a ko-KR user', async () => {
    const { first } = await start('fabrikam', USERS.meganSalesAgent, fixedClock(NOW), 'ko-KR');
    expect(textOfActivities(first)).to.contain('MCA 동의 증명: Fabrikam, Inc.');
    expect(textOfActivities(first)).to.contain('서명자 이름');
  });
});
