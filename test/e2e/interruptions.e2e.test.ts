import { expect } from 'chai';
import { actionData, cardsIn, visibleText, type SentCard } from './support/fakeConnector.js';
import { startAppUnderTest, type AppUnderTest } from './support/appUnderTest.js';
import { ADELE, MEGAN } from './support/teamsClient.js';

describe('HTTP end to end: interruptions in a flow (help, cancel, another flow)', function () {
  this.timeout(60_000);
  let sut: AppUnderTest;

  before(async () => {
    sut = await startAppUnderTest();
  });
  after(async () => sut.stop());

  /** The newest card in the conversation (updates applied) that satisfies `predicate`. */
  async function card(conversationId: string, predicate: (json: string) => boolean): Promise<SentCard> {
    return sut.connector.waitFor(() =>
      [...cardsIn(sut.connector, conversationId)].reverse().find((c) => predicate(JSON.stringify(c.content))),
    );
  }

  /** The card with this id as the user sees it now. */
  function now(conversationId: string, id: string): string {
    const found = cardsIn(sut.connector, conversationId).find((c) => c.id === id);
    return JSON.stringify(found?.content ?? {});
  }

  async function press(
    as: { user: string; conversationId: string },
    sent: SentCard,
    title: string,
    values: Record<string, unknown> = {},
  ): Promise<void> {
    await sut.client.post(
      sut.client.activity('', {
        ...as,
        value: { ...actionData(sent.content, title), ...values },
        extra: { replyToId: sent.id },
      }),
    );
  }

  function texts(conversationId: string): string[] {
    return sut.connector.messages(conversationId).map((call) => visibleText(call.activity));
  }

  it('help during the attest form: help card, the form again below with the values so far, the old one read-only', async () => {
    const conversationId = 'conv-help-mid-form';
    const as = { user: MEGAN, conversationId };
    await sut.client.say('attest fabrikam', as);
    const form = await card(conversationId, (json) => json.includes('Attest MCA acceptance: Fabrikam'));
    const values = {
      firstName: 'Ana',
      lastName: 'Lopez',
      email: 'ana@fabrikam',
      phoneNumber: '',
      dateAgreed: '2026-12-01',
    };
    await press(as, form, 'Review', values);
    await card(conversationId, (json) => json.includes('Enter a valid email address'));

    await sut.client.say('help', as);
    await card(conversationId, (json) => json.includes('What you can do'));
    const again = await card(
      conversationId,
      (json) => json.includes('Attest MCA acceptance: Fabrikam') && json.includes('ana@fabrikam'),
    );
    expect(again.id).to.not.equal(form.id);
    expect(texts(conversationId).some((text) => text.includes('Back to the MCA attestation'))).to.equal(true);
    expect(now(conversationId, form.id)).to.contain('This card is no longer active');
    expect(now(conversationId, form.id)).to.not.contain('Review');

    await press(as, again, 'Review', { ...values, email: 'ana.lopez@fabrikam.com' });
    await sut.connector.waitFor(() => now(conversationId, again.id).includes('Confirm the attestation'));
  });

  it('cancel during the transition confirmation ends it, says so, and its Start button no longer starts anything', async () => {
    const conversationId = 'conv-cancel-mid-flow';
    const as = { user: ADELE, conversationId };
    await sut.client.say('transition woodgrove', as);
    const confirm = await card(conversationId, (json) => json.includes('Transition Woodgrove Bank'));
    await sut.client.say('cancel', as);
    await sut.connector.waitFor(() =>
      texts(conversationId).some((text) =>
        text.includes('Cancelled the transition to the Azure plan. Nothing was changed.'),
      ),
    );
    const readOnly = now(conversationId, confirm.id);
    expect(readOnly).to.contain('You cancelled the transition to the Azure plan.');
    expect(readOnly).to.not.contain('Start transition');

    // A client that still shows the old card: its press is answered as stale, nothing starts.
    const before = sut.connector.messages(conversationId).length;
    await press(as, confirm, 'Start transition');
    const stale = await sut.connector.waitFor(() =>
      sut.connector.messages(conversationId).slice(before).at(-1),
    );
    expect(visibleText(stale.activity)).to.contain('no longer active');
    await sut.client.say('transition status woodgrove', as);
    await sut.connector.waitFor(() =>
      texts(conversationId).some((text) => text.includes('No transition was ever started for Woodgrove')),
    );
  });

  it('another flow during a flow asks to drop it; Yes drops it and starts the other one', async () => {
    const conversationId = 'conv-drop';
    const as = { user: ADELE, conversationId };
    await sut.client.say('attest fabrikam', as);
    const form = await card(conversationId, (json) => json.includes('Attest MCA acceptance: Fabrikam'));
    await sut.client.say('buy azure plan northwind', as);
    const ask = await card(conversationId, (json) =>
      json.includes('You are in the middle of the MCA attestation'),
    );
    await press(as, ask, 'Yes, drop it');
    await card(conversationId, (json) => json.includes('Buy the Azure plan for Northwind'));
    expect(now(conversationId, form.id)).to.contain('You dropped the MCA attestation');
    expect(now(conversationId, ask.id)).to.contain('Dropped the MCA attestation');
  });
});
