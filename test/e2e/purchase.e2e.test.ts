import { expect } from 'chai';
import { actionData, visibleText, type SentCard, waitForLastCard } from './support/fakeConnector.js';
import { startAppUnderTest, type AppUnderTest } from './support/appUnderTest.js';
import { ALEX, MEGAN } from './support/teamsClient.js';

const LEE_BILLING_ADMIN = '00000000-0000-0000-0000-0000000000023';
const DIEGO_HELPDESK = '00000000-0000-0000-0000-0000000000024';

describe('HTTP end to end: buying the Azure plan', function () {
  this.timeout(90_000);
  let sut: AppUnderTest;

  before(async () => {
    sut = await startAppUnderTest();
  });
  after(async () => sut.stop());

  const lastCard = (conversationId: string, predicate: (json: string) => boolean) =>
    waitForLastCard(sut.connector, conversationId, predicate);

  async function confirmCardFor(user: string, conversationId: string, customer: string): Promise<SentCard> {
    await sut.client.say(`buy azure plan ${customer}`, { user, conversationId });
    return lastCard(conversationId, (json) => json.includes('Buy the Azure plan for'));
  }

  it('buys a plan, then lists its Azure subscriptions', async () => {
    const confirm = await confirmCardFor(MEGAN, 'conv-buy', 'northwind');
    await sut.client.post(
      sut.client.activity('', {
        user: MEGAN,
        conversationId: 'conv-buy',
        value: { ...actionData(confirm.content, 'Buy Azure plan'), resellerMpnId: '5120934' },
        extra: { replyToId: confirm.id },
      }),
    );
    await lastCard('conv-buy', (json) => json.includes('Azure plan bought for Northwind Traders Ltd'));

    await sut.client.say('subscriptions northwind', { user: MEGAN, conversationId: 'conv-subs' });
    const subs = await lastCard('conv-subs', (json) =>
      json.includes('Azure subscriptions of Northwind Traders Ltd'),
    );
    const json = JSON.stringify(subs.content);
    expect(json).to.contain('Azure plan');
    expect(json).to.contain('Active');
  });

  it('a confirm pressed again after the purchase finished is told the order it placed, never "no longer active"', async () => {
    const conversationId = 'conv-late-duplicate';
    const confirm = await confirmCardFor(MEGAN, conversationId, 'contoso pharma');
    const press = () =>
      sut.client.post(
        sut.client.activity('', {
          user: MEGAN,
          conversationId,
          value: { ...actionData(confirm.content, 'Buy Azure plan'), resellerMpnId: '5120934' },
          extra: { replyToId: confirm.id },
        }),
      );
    await press();
    await lastCard(conversationId, (json) => json.includes('Azure plan bought for'));
    const before = sut.connector.calls.length;
    // The flow has ended: the same card's confirm again (a late double click, or another instance).
    await press();
    const again = await sut.connector.waitFor(
      () =>
        sut.connector.calls
          .slice(before)
          .find((call) => JSON.stringify(call.activity).includes('Azure plan bought for')),
      10_000,
    );
    expect(JSON.stringify(again.activity)).to.not.contain('no longer active');
    await sut.client.say('subscriptions contoso pharma', { user: MEGAN, conversationId: 'conv-late-check' });
    const subs = await lastCard('conv-late-check', (json) => json.includes('Azure subscriptions of'));
    expect(JSON.stringify(subs.content).match(/DZH318Z0BPS6:0001/g) ?? []).to.have.length.at.most(2);
  });

  it('50 duplicate confirms, a redelivered activity and a second user at the same moment end with one plan', async () => {
    const megan = await confirmCardFor(MEGAN, 'conv-race-megan', 'wide world');
    const alex = await confirmCardFor(ALEX, 'conv-race-alex', 'wide world');
    const meganSubmit = sut.client.activity('', {
      user: MEGAN,
      conversationId: 'conv-race-megan',
      value: { ...actionData(megan.content, 'Buy Azure plan'), resellerMpnId: '5120934' },
      extra: { replyToId: megan.id },
    });
    const duplicates = Array.from({ length: 50 }, (_, i) => ({
      ...meganSubmit,
      id: `${meganSubmit.id}-${i}`,
    }));
    const redelivered = { ...meganSubmit }; // same activity id as the first: the channel retried
    const alexSubmit = sut.client.activity('', {
      user: ALEX,
      conversationId: 'conv-race-alex',
      value: { ...actionData(alex.content, 'Buy Azure plan'), resellerMpnId: '5120934' },
      extra: { replyToId: alex.id },
    });
    const responses = await Promise.all(
      [meganSubmit, redelivered, alexSubmit, ...duplicates].map((activity) => sut.client.post(activity)),
    );
    expect(responses.every((r) => r.status === 200)).to.equal(true);

    // The loser is told that reseller has a plan now (rule 12: another reseller could still get one).
    const settled = (json: string) =>
      json.includes('Azure plan bought') || json.includes('already has an Azure plan');
    const meganResult = await lastCard('conv-race-megan', settled);
    const alexResult = await lastCard('conv-race-alex', settled);
    const outcomes = [JSON.stringify(meganResult.content), JSON.stringify(alexResult.content)];
    expect(outcomes.filter((o) => o.includes('Azure plan bought'))).to.have.length(
      1,
      'exactly one user bought it',
    );
    expect(outcomes.find((o) => !o.includes('Azure plan bought'))).to.contain(
      'Proseware Cloud Services (5120934) already has an Azure plan for this customer',
    );

    await sut.client.say('subscriptions wide world', { user: MEGAN, conversationId: 'conv-race-check' });
    const subs = await lastCard('conv-race-check', (json) =>
      json.includes('Azure subscriptions of Wide World Importers'),
    );
    expect(JSON.stringify(subs.content).match(/Azure plan [0-9a-f-]{36}/g)).to.have.length(1, 'one plan');
  });

  it('a Billing admin gets no purchase; the server refuses even a crafted submit', async () => {
    await sut.client.say('buy azure plan northwind', { user: LEE_BILLING_ADMIN, conversationId: 'conv-lee' });
    const [reply] = await sut.connector.waitFor(() => {
      const messages = sut.connector.messages('conv-lee');
      return messages.length ? messages : undefined;
    });
    expect(visibleText(reply.activity)).to.contain('You cannot buy an Azure plan');
  });

  it('a read-only role (Helpdesk agent) sees the customer state but no buy button', async () => {
    await sut.client.say('customer northwind', { user: DIEGO_HELPDESK, conversationId: 'conv-diego' });
    await sut.connector.waitFor(() => sut.connector.messages('conv-diego')[0]);
    const text = visibleText(sut.connector.messages('conv-diego')[0].activity);
    expect(text).to.contain('Customer Agreement');
    expect(text).to.not.contain('Buy Azure plan');
  });
});
