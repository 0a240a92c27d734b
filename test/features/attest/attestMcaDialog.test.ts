import { expect } from 'chai';
import { AttestMcaDialog } from '../../../src/features/attest/attestMcaDialog.js';
import { fixedClock, type Clock } from '../../../src/domain/clock.js';
import { AttestationService } from '../../../src/domain/services/attestationService.js';
import { CustomerDirectory } from '../../../src/domain/services/customerDirectory.js';
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
const VALID = {
  firstName: 'Ana',
  lastName: 'Lopez',
  email: 'ana.lopez@fabrikam.com',
  phoneNumber: '',
  dateAgreed: '2026-11-20',
};

describe('AttestMcaDialog (botbuilder-testing)', function () {
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
    const dialog = new AttestMcaDialog(
      new AttestationService(services),
      new CustomerDirectory(services.partnerCenter),
      cards,
      clock,
    );
    const driver = new DialogDriver(dialog, await fixture.actor(user), { customerQuery }, locale);
    const first = await driver.send('attest');
    return { driver, first };
  }

  async function submitForm(driver: DialogDriver, values: Record<string, string>) {
    const form = driver.lastCard();
    const data = driver.actionData(form.content, 'Review');
    return driver.send({ ...data, ...values }, form.id);
  }

  afterEach(async () => fixture?.dispose());

  it('happy path: form → confirm → recorded once, card replaced by a read-only result', async () => {
    const { driver, first } = await start('fabrikam');
    expect(textOfActivities(first)).to.contain('Attest MCA acceptance: Fabrikam, Inc.');
    await submitForm(driver, VALID);
    const confirm = driver.lastCard();
    expect(JSON.stringify(confirm.content)).to.contain('Ana Lopez (ana.lopez@fabrikam.com)');
    await driver.send(driver.actionData(confirm.content, 'Confirm'), confirm.id);
    const result = driver.lastCard();
    expect(result.id).to.equal(confirm.id, 'the confirmation card is replaced in place');
    expect(JSON.stringify(result.content)).to.contain('MCA acceptance recorded for Fabrikam, Inc.');
    expect((result.content.actions as Array<{ title: string }>).map((a) => a.title)).to.deep.equal([
      'Buy Azure plan',
    ]);
    const agreements = await fixture.sandbox.partnerCenter.listMcaAgreements(CUSTOMERS.fabrikamNoMca);
    expect(agreements).to.have.length(1);
    expect(agreements[0].dateAgreed).to.equal('2026-11-20T00:00:00.000Z');
    expect(agreements[0].userId).to.equal(USERS.meganSalesAgent);
    expect(driver.status).to.equal('complete');
  });

  const invalid: Array<[string, Record<string, string>, string]> = [
    ['first name missing', { firstName: '' }, 'This field is required.'],
    ['last name missing', { lastName: '  ' }, 'This field is required.'],
    ['email missing', { email: '' }, 'This field is required.'],
    ['email without domain', { email: 'ana@fabrikam' }, 'Enter a valid email address'],
    ['phone of spaces only', { phoneNumber: '   ' }, 'spaces alone are not a number'],
    ['date missing', { dateAgreed: '' }, 'This field is required.'],
    ['date that does not exist', { dateAgreed: '2026-02-30' }, 'Pick a valid date.'],
    [
      'date tomorrow in UTC',
      { dateAgreed: '2026-11-27' },
      'Nov 27, 2026 is in the future in UTC: today in UTC is Nov 26, 2026.',
    ],
  ];
  for (const [what, change, message] of invalid) {
    it(`invalid field (${what}): the form comes back with the message at that field and the values kept`, async () => {
      const { driver } = await start('fabrikam');
      const form = driver.lastCard();
      await submitForm(driver, { ...VALID, ...change });
      const again = driver.lastCard();
      expect(again.id).to.equal(form.id, 'the same form is re-shown in place');
      const json = JSON.stringify(again.content);
      expect(json).to.contain(message);
      expect(json).to.contain('Please correct the highlighted fields.');
      if (!('email' in change)) expect(json).to.contain(VALID.email, 'values are kept');
      if (!('firstName' in change)) expect(json).to.contain(VALID.firstName, 'values are kept');
      expect(await fixture.sandbox.partnerCenter.listMcaAgreements(CUSTOMERS.fabrikamNoMca)).to.have.length(
        0,
      );
    });
  }

  describe('the UTC edge: a partner in Seoul at 08:30 on the 27th', () => {
    it('cannot enter the 27th while it is still the 26th in UTC', async () => {
      const { driver } = await start(
        'fabrikam',
        USERS.meganSalesAgent,
        fixedClock('2026-11-26T23:30:00.000Z'),
      );
      expect(JSON.stringify(driver.lastCard().content)).to.contain('today in UTC is Nov 26, 2026');
      await submitForm(driver, { ...VALID, dateAgreed: '2026-11-27' });
      expect(JSON.stringify(driver.lastCard().content)).to.contain('is in the future in UTC');
    });

    it('can enter the 27th once it is the 27th in UTC', async () => {
      const { driver } = await start(
        'fabrikam',
        USERS.meganSalesAgent,
        fixedClock('2026-11-27T00:30:00.000Z'),
      );
      await submitForm(driver, { ...VALID, dateAgreed: '2026-11-27' });
      expect(JSON.stringify(driver.lastCard().content)).to.contain('Confirm the attestation');
    });
  });

  describe('a date in the future (point 3)', () => {
    /** The Input.Date element of a form card. */
    function dateInput(card: Record<string, unknown>): Record<string, unknown> {
      const body = card.body as Array<Record<string, unknown>>;
      return body.find((element) => element.type === 'Input.Date')!;
    }

    it('reaches the bot (no client-side limit that says only "pick a date"), which says it is in the future in UTC', async () => {
      const { driver } = await start('fabrikam', USERS.meganSalesAgent, fixedClock('2026-12-15T10:00:00Z'));
      const input = dateInput(driver.lastCard().content);
      // Teams and the Playground check `max` themselves and then show the input's only message,
      // "Pick the date the customer accepted.", and the message vanishing moves the Review button.
      expect(input).to.not.have.property('max');
      expect(input.errorMessage).to.equal('Pick the date the customer accepted.');
      await submitForm(driver, { ...VALID, dateAgreed: '2026-12-20' });
      const json = JSON.stringify(driver.lastCard().content);
      expect(json).to.contain('Dec 20, 2026 is in the future in UTC: today in UTC is Dec 15, 2026.');
      expect(json).to.not.contain('Pick a valid date');
    });

    it('after correcting it, ONE press of Review goes to the confirmation', async () => {
      const { driver } = await start('fabrikam', USERS.meganSalesAgent, fixedClock('2026-12-15T10:00:00Z'));
      await submitForm(driver, { ...VALID, dateAgreed: '2026-12-20' });
      expect(JSON.stringify(driver.lastCard().content)).to.contain('is in the future in UTC');
      await submitForm(driver, { ...VALID, dateAgreed: '2026-12-14' });
      const confirm = JSON.stringify(driver.lastCard().content);
      expect(confirm).to.contain('Confirm the attestation');
      expect(confirm).to.contain('Dec 14, 2026');
    });

    it('says so in Korean too', async () => {
      const { driver } = await start(
        'fabrikam',
        USERS.meganSalesAgent,
        fixedClock('2026-12-15T10:00:00Z'),
        'ko-KR',
      );
      const form = driver.lastCard();
      await driver.send(
        { ...driver.actionData(form.content, '검토'), ...VALID, dateAgreed: '2026-12-20' },
        form.id,
      );
      expect(JSON.stringify(driver.lastCard().content)).to.contain(
        '2026년 12월 20일은(는) UTC 기준으로 미래 날짜입니다. UTC 기준 오늘은 2026년 12월 15일입니다.',
      );
    });
  });

  it('identical contact data for an attested customer ends as "already attested" (600061), nothing new recorded', async () => {
    const { driver, first } = await start('northwind');
    expect(textOfActivities(first)).to.contain('Already attested on');
    await submitForm(driver, {
      firstName: 'Oliver',
      lastName: 'Bennett',
      email: 'oliver.bennett@northwindtraders.co.uk',
      phoneNumber: '+44 20 7946 0321',
      dateAgreed: '2026-11-25',
    });
    const confirm = driver.lastCard();
    await driver.send(driver.actionData(confirm.content, 'Confirm'), confirm.id);
    expect(JSON.stringify(driver.lastCard().content)).to.contain('Already attested with these details');
    expect(await fixture.sandbox.partnerCenter.listMcaAgreements(CUSTOMERS.northwindAttested)).to.have.length(
      1,
    );
  });

  it('different contact data for an attested customer is kept as a new attestation in the history', async () => {
    const { driver } = await start('northwind');
    await submitForm(driver, {
      ...VALID,
      firstName: 'Priya',
      lastName: 'Shah',
      email: 'priya.shah@northwindtraders.co.uk',
    });
    const confirm = driver.lastCard();
    await driver.send(driver.actionData(confirm.content, 'Confirm'), confirm.id);
    expect(await fixture.sandbox.partnerCenter.listMcaAgreements(CUSTOMERS.northwindAttested)).to.have.length(
      2,
    );
  });

  it('a customer who accepted directly needs no attestation', async () => {
    const { driver, first } = await start('hanbitsoft');
    expect(textOfActivities(first)).to.contain('no attestation is needed');
    expect(driver.status).to.equal('complete');
  });

  it('a confirm from a tampered card (another customer) is refused and records nothing', async () => {
    const { driver } = await start('fabrikam');
    await submitForm(driver, VALID);
    const confirm = driver.lastCard();
    const data = { ...driver.actionData(confirm.content, 'Confirm'), customerId: CUSTOMERS.contosoWithPlan };
    const replies = await driver.send(data, confirm.id);
    expect(textOfActivities(replies)).to.contain('no longer active');
    expect(await fixture.sandbox.partnerCenter.listMcaAgreements(CUSTOMERS.contosoWithPlan)).to.have.length(
      1,
    );
    expect(await fixture.sandbox.partnerCenter.listMcaAgreements(CUSTOMERS.fabrikamNoMca)).to.have.length(0);
  });

  it('Edit goes back to the form with the values kept', async () => {
    const { driver } = await start('fabrikam');
    await submitForm(driver, VALID);
    const confirm = driver.lastCard();
    await driver.send(driver.actionData(confirm.content, 'Edit'), confirm.id);
    const form = JSON.stringify(driver.lastCard().content);
    expect(form).to.contain('Attest MCA acceptance');
    expect(form).to.contain('ana.lopez@fabrikam.com');
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
    expect(JSON.stringify(driver.lastCard().content)).to.contain('Attest MCA acceptance: Fabrikam, Inc.');
  });

  it('speaks Korean to a ko-KR user', async () => {
    const { first } = await start('fabrikam', USERS.meganSalesAgent, fixedClock(NOW), 'ko-KR');
    expect(textOfActivities(first)).to.contain('MCA 동의 증명: Fabrikam, Inc.');
  });
});
