import { expect } from 'chai';
import { actionData, cardsIn, visibleText, waitForLastCard } from './support/fakeConnector.js';
import { startAppUnderTest, type AppUnderTest } from './support/appUnderTest.js';
import { MEGAN } from './support/teamsClient.js';

describe('HTTP end to end: MCA attestation', function () {
  this.timeout(60_000);
  let sut: AppUnderTest;

  before(async () => {
    sut = await startAppUnderTest();
  });
  after(async () => sut.stop());

  const lastCard = (conversationId: string, predicate: (json: string) => boolean) =>
    waitForLastCard(sut.connector, conversationId, predicate);

  it('attests for a seeded customer, then shows it in agreements; 20 concurrent confirms record once', async () => {
    const conversationId = 'conv-attest';
    const as = { user: MEGAN, conversationId };
    await sut.client.say('attest fabrikam', as);
    const form = await lastCard(conversationId, (json) => json.includes('Attest MCA acceptance: Fabrikam'));

    const values = {
      firstName: 'Ana',
      lastName: 'Lopez',
      email: 'ana.lopez@fabrikam.com',
      phoneNumber: '+1 206 555 0100',
      dateAgreed: '2026-01-15',
    };
    await sut.client.post(
      sut.client.activity('', {
        ...as,
        value: { ...actionData(form.content, 'Review'), ...values },
        extra: { replyToId: form.id },
      }),
    );
    const confirm = await lastCard(conversationId, (json) => json.includes('Confirm the attestation'));

    // A hurried partner (or a flaky network) sends the same confirmation 20 times at once.
    const confirmValue = actionData(confirm.content, 'Confirm');
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        sut.client.post(
          sut.client.activity('', { ...as, value: confirmValue, extra: { replyToId: confirm.id } }),
        ),
      ),
    );
    expect(responses.every((r) => r.status === 200)).to.equal(true);
    await lastCard(conversationId, (json) => json.includes('MCA acceptance recorded for Fabrikam'));

    await sut.client.say('agreements fabrikam', { user: MEGAN, conversationId: 'conv-history' });
    const history = await sut.connector.waitFor(() => sut.connector.messages('conv-history')[0]);
    const text = visibleText(history.activity);
    expect(text).to.contain('Customer Agreement history: Fabrikam, Inc.');
    expect(text.match(/Ana Lopez/g)).to.have.length(1, 'exactly one attestation');
  });

  it('a Billing admin is refused before any form is shown', async () => {
    await sut.client.say('attest fabrikam', {
      user: '00000000-0000-0000-0000-0000000000023',
      conversationId: 'conv-billing',
    });
    const [reply] = await sut.connector.waitFor(() => {
      const messages = sut.connector.messages('conv-billing');
      return messages.length ? messages : undefined;
    });
    const text = visibleText(reply.activity);
    expect(text).to.contain('You cannot attest the Microsoft Customer Agreement');
    expect(text).to.contain('Admin agent');
    expect(cardsIn(sut.connector, 'conv-billing')).to.have.length(0);
  });
});
