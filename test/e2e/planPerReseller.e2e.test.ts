import { expect } from 'chai';
import { actionData, waitForLastCard } from './support/fakeConnector.js';
import { startAppUnderTest, type AppUnderTest } from './support/appUnderTest.js';
import { MEGAN } from './support/teamsClient.js';

/**
 * Rule 12 over HTTP: an indirect provider buys a second Azure plan for a customer that already has
 * one under another reseller of record. The card explains the existing plan and asks which reseller.
 */
describe('HTTP end to end: one Azure plan per reseller of record (indirect provider)', function () {
  this.timeout(90_000);
  let sut: AppUnderTest;

  before(async () => {
    sut = await startAppUnderTest();
  });
  after(async () => sut.stop());

  const lastCard = (conversationId: string, predicate: (json: string) => boolean) =>
    waitForLastCard(sut.connector, conversationId, predicate);

  it('Contoso Pharmaceuticals has a plan under Trey: the card asks which reseller, and a plan under Proseware is bought', async () => {
    await sut.client.say('buy azure plan contosopharma', { user: MEGAN, conversationId: 'conv-rr' });
    const confirm = await lastCard('conv-rr', (json) => json.includes('Buy the Azure plan for'));
    const json = JSON.stringify(confirm.content);
    expect(json).to.contain(
      'Contoso Pharmaceuticals already has an Azure plan for the reseller of record Trey Research Solutions (4412873)',
    );
    expect(json).to.contain('each reseller of record can have its own Azure plan for the same customer');
    expect(json).to.contain('which reseller is this new plan for?');
    expect(json).to.contain('Proseware Cloud Services (5120934)');
    expect(json, 'the reseller that already has a plan is not prefilled').to.not.contain('"value":"4412873"');

    await sut.client.post(
      sut.client.activity('', {
        user: MEGAN,
        conversationId: 'conv-rr',
        value: { ...actionData(confirm.content, 'Buy Azure plan'), resellerMpnId: '5120934' },
        extra: { replyToId: confirm.id },
      }),
    );
    const done = await lastCard('conv-rr', (text) =>
      text.includes('Azure plan bought for Contoso Pharmaceuticals'),
    );
    expect(JSON.stringify(done.content)).to.contain('Proseware Cloud Services (5120934)');

    await sut.client.say('subscriptions contosopharma', { user: MEGAN, conversationId: 'conv-rr-subs' });
    const subs = await lastCard('conv-rr-subs', (text) =>
      text.includes('Azure subscriptions of Contoso Pharmaceuticals'),
    );
    expect(JSON.stringify(subs.content).match(/Azure plan [0-9a-f-]{36}/g)).to.have.length(2, 'two plans');
  });
});
