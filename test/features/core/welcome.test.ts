import { expect } from 'chai';
import { BotHarness, cardOf, textOf } from '../../support/botHarness.js';
import { FakeDirectory, PARTNER, user } from '../../support/fakeDirectory.js';

const LEE = user('aad-lee', 'Lee Gu', ['BillingAdmin']);
const MEGAN = user('aad-megan', 'Megan Bowen', ['SalesAgent']);
const directory = new FakeDirectory([LEE, MEGAN]);

/** Issue point 14: the welcome card offers only what this user may do. */
describe('welcome card (app installed)', () => {
  async function welcome(aadObjectId: string, locale = 'en-US') {
    const bot = new BotHarness(directory);
    const [reply] = await bot.say({ aadObjectId, locale }, '', {
      type: 'installationUpdate',
      action: 'add',
    });
    return reply;
  }

  const buttons = (reply: Awaited<ReturnType<typeof welcome>>) =>
    ((cardOf(reply)?.actions as Array<{ title: string }> | undefined) ?? []).map((a) => a.title);

  it('a Billing admin is not offered to buy an Azure plan or attest', async () => {
    const reply = await welcome(LEE.aadObjectId);
    const text = textOf(reply);
    expect(text).to.contain('Welcome to the Azure plan assistant');
    expect(text).to.contain('As Billing admin you can');
    expect(text).to.contain('ask billing questions');
    expect(text).to.not.match(/\bbuy\b/i);
    expect(text).to.not.match(/attest/i);
    expect(buttons(reply)).to.not.include('buy azure plan');
    expect(buttons(reply)).to.include('help');
  });

  it('in Korean too: no purchase for a Billing admin', async () => {
    const text = textOf(await welcome(LEE.aadObjectId, 'ko-KR'));
    expect(text).to.contain('청구 관리자 역할로 할 수 있는 일');
    expect(text).to.not.contain('구매');
  });

  it('a Sales agent is offered to buy, with a button for it', async () => {
    const reply = await welcome(MEGAN.aadObjectId);
    expect(textOf(reply)).to.contain('buy Azure plans');
    expect(buttons(reply)).to.include('buy azure plan');
  });

  it('an unknown user gets no offer at all', async () => {
    const reply = await welcome('aad-stranger');
    expect(textOf(reply)).to.contain(`I help ${PARTNER.name} staff with the Azure plan in Partner Center.`);
    expect(textOf(reply)).to.not.match(/\bbuy\b/i);
    expect(buttons(reply)).to.deep.equal(['help']);
  });
});
