import { expect } from 'chai';
import { adaptiveCardProblems } from '../cards/adaptiveCardValidator.js';
import { cardsIn, visibleText, type SentCard, waitForLastCard } from './support/fakeConnector.js';
import { startAppUnderTest, type AppUnderTest } from './support/appUnderTest.js';
import { ADELE, MEGAN, PARTNER_TENANT } from './support/teamsClient.js';
import {
  answerCard,
  execute,
  executeAction,
  executeActionsOf,
  type InvokeResult,
} from './support/universalActions.js';

/** The buttons of a card that do something (not the "Refresh" of a read-only view). */
const buttons = (card: unknown) => executeActionsOf(card).filter((a) => a.verb !== 'card.refresh');
const text = (card: unknown): string => visibleText({ attachments: [{ contentType: 'x', content: card }] });

describe('HTTP end to end: Universal Actions (adaptiveCard/action invokes)', function () {
  this.timeout(90_000);
  let sut: AppUnderTest;

  before(async () => {
    sut = await startAppUnderTest();
  });
  after(async () => sut.stop());

  const lastCard = (conversationId: string, predicate: (json: string) => boolean) =>
    waitForLastCard(sut.connector, conversationId, predicate);

  /** Presses the Action.Execute with this title on a card the bot sent, as Teams would. */
  async function press(
    conversationId: string,
    card: SentCard | { id: string; content: unknown },
    title: string,
    values: Record<string, unknown> = {},
    user = MEGAN,
  ): Promise<InvokeResult> {
    const { verb, data } = executeAction(card.content, title);
    return execute(sut.client, verb, { ...data, ...values }, { user, conversationId, replyToId: card.id });
  }

  it('the buttons of flow cards are Action.Execute with an Action.Submit fallback carrying the same data', async () => {
    await sut.client.say('attest fabrikam', { user: MEGAN, conversationId: 'conv-ua-shape' });
    const form = await lastCard('conv-ua-shape', (json) => json.includes('Attest MCA acceptance: Fabrikam'));
    const actions = executeActionsOf(form.content);
    expect(actions.map((a) => a.title)).to.include('Review');
    for (const action of actions) {
      expect(action.fallback).to.deep.equal({
        type: 'Action.Submit',
        title: action.title,
        data: action.data,
        ...(action.style ? { style: action.style } : {}),
        ...(action.associatedInputs ? { associatedInputs: action.associatedInputs } : {}),
      });
      expect((action.data as { verb: string }).verb).to.equal(action.verb);
    }
    expect(JSON.stringify(form.content)).to.not.match(/"type":"Action\.Submit","title":"Review"/);
  });

  it('attest: form → review → confirm are answered with the next card; a second confirm records nothing', async () => {
    const conversationId = 'conv-ua-attest';
    await sut.client.say('attest fabrikam', { user: MEGAN, conversationId });
    const form = await lastCard(conversationId, (json) => json.includes('Attest MCA acceptance: Fabrikam'));

    const reviewed = await press(conversationId, form, 'Review', {
      firstName: 'Ana',
      lastName: 'Lopez',
      email: 'ana.lopez@fabrikam.com',
      phoneNumber: '',
      dateAgreed: '2026-01-15',
    });
    expect(reviewed.status).to.equal(200);
    const confirm = answerCard(reviewed);
    expect(text(confirm)).to.contain('Confirm the attestation').and.to.contain('Ana Lopez');
    // The message itself shows the same card for every device (updated in place).
    expect(
      JSON.stringify(
        (await lastCard(conversationId, (json) => json.includes('Confirm the attestation'))).content,
      ),
    ).to.contain('Ana Lopez');

    const [first, second] = [
      await press(conversationId, { id: form.id, content: confirm }, 'Confirm'),
      await press(conversationId, { id: form.id, content: confirm }, 'Confirm'),
    ];
    const linkCard = answerCard(first);
    expect(text(linkCard)).to.contain('Send this link to Ana');
    expect(executeActionsOf(linkCard).map((a) => a.title)).to.include('Check status');
    expect(second.body.type).to.equal('application/vnd.microsoft.activity.message');
    expect(String(second.body.value)).to.contain('no longer active');

    // The link card is live: opened again after the signatory accepted, it offers the agreement.
    const refresh = (linkCard.refresh as { action: { verb: string; data: Record<string, unknown> } }).action;
    expect(refresh.verb).to.equal('mca.status');
    const link = new URL(String(JSON.stringify(linkCard).match(/http:[^"]*mca-acceptance[^"]*/)?.[0]));
    const accepted = await fetch(new URL('/emulator/mca-acceptance/accept', link), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `attestationId=${link.searchParams.get('attestationId')}`,
    });
    expect(accepted.status).to.equal(200);
    const reopened = await execute(sut.client, refresh.verb, refresh.data, {
      user: MEGAN,
      conversationId,
      replyToId: form.id,
      trigger: 'automatic',
    });
    expect(executeActionsOf(answerCard(reopened)).map((a) => a.title)).to.deep.equal(['Create agreement']);
  });

  it('buy: the confirm is answered with the result card; two confirms buy one plan', async () => {
    const conversationId = 'conv-ua-buy';
    await sut.client.say('buy azure plan northwind', { user: MEGAN, conversationId });
    const confirm = await lastCard(conversationId, (json) => json.includes('Buy the Azure plan for'));
    const [one, two] = await Promise.all([
      press(conversationId, confirm, 'Buy Azure plan', { resellerMpnId: '5120934' }),
      press(conversationId, confirm, 'Buy Azure plan', { resellerMpnId: '5120934' }),
    ]);
    expect([one.status, two.status]).to.deep.equal([200, 200]);
    const answers = [one, two].map((result) =>
      result.body.type === 'application/vnd.microsoft.card.adaptive'
        ? text(result.body.value)
        : String(result.body.value),
    );
    expect(answers.some((answer) => answer.includes('Azure plan bought for Northwind Traders Ltd'))).to.equal(
      true,
    );

    await sut.client.say('subscriptions northwind', { user: MEGAN, conversationId: 'conv-ua-buy-subs' });
    const subs = await lastCard('conv-ua-buy-subs', (json) =>
      json.includes('Azure subscriptions of Northwind'),
    );
    expect(JSON.stringify(subs.content).match(/Azure plan [0-9a-f-]{36}/g)).to.have.length(1, 'one plan');
  });

  it('subscriptions: a rename is answered with the refreshed list; the same click again changes nothing', async () => {
    const conversationId = 'conv-ua-subs';
    await sut.client.say('subscriptions northwind', { user: ADELE, conversationId });
    const list = await lastCard(conversationId, (json) => json.includes('Azure subscriptions of Northwind'));
    const rename = executeAction(list.content, 'verb:subs.rename');
    const data = { ...rename.data, [String(rename.data.inputId)]: 'Renamed by Execute' };
    const first = await execute(sut.client, rename.verb, data, {
      user: ADELE,
      conversationId,
      replyToId: list.id,
    });
    const refreshed = answerCard(first);
    expect(text(refreshed)).to.contain('Renamed to "Renamed by Execute"');
    const again = await execute(sut.client, rename.verb, data, {
      user: ADELE,
      conversationId,
      replyToId: list.id,
    });
    expect(again.status).to.equal(200);
    await sut.client.say('subscriptions northwind', { user: ADELE, conversationId: 'conv-ua-subs-2' });
    const after = await lastCard('conv-ua-subs-2', (json) =>
      json.includes('Azure subscriptions of Northwind'),
    );
    // One subscription carries the new name (the list looks exactly as the first answer showed it).
    const named = (card: unknown) => JSON.stringify(card).match(/"text":"Renamed by Execute"/g)?.length ?? 0;
    expect([named(refreshed), named(after.content)]).to.deep.equal([1, 1]);
    expect(text(after.content).match(/Renamed to/g)).to.equal(null);
  });

  it('transition: start is answered with the progress card, which refreshes on open with the current status', async () => {
    const conversationId = 'conv-ua-transition';
    await sut.client.say('transition woodgrove', { user: ADELE, conversationId });
    const confirm = await lastCard(conversationId, (json) => json.includes('Start transition'));
    const [started, double] = [
      await press(conversationId, confirm, 'Start transition', {}, ADELE),
      await press(conversationId, confirm, 'Start transition', {}, ADELE),
    ];
    const progress = answerCard(started);
    expect(text(progress)).to.contain('Transition of Woodgrove Bank to the Azure plan');
    expect(double.body.type).to.equal('application/vnd.microsoft.activity.message');
    const refresh = (progress.refresh as { action: { verb: string; data: Record<string, unknown> } }).action;
    expect(refresh.verb).to.equal('transition.show');

    // Opened later (the worker moves on meanwhile): the refresh answers with the current status.
    const before = sut.connector.calls.length;
    const reopened = await execute(sut.client, refresh.verb, refresh.data, {
      user: ADELE,
      conversationId,
      replyToId: confirm.id,
      trigger: 'automatic',
    });
    const current = answerCard(reopened);
    expect(text(current)).to.contain('Transition of Woodgrove Bank to the Azure plan');
    expect((current.refresh as { action: { verb: string } }).action.verb).to.equal('transition.show');
    expect(
      sut.connector.calls
        .slice(before)
        .filter((call) => call.path.includes(conversationId) && call.activity.type === 'message'),
      'a refresh posts nothing to the chat',
    ).to.have.length(0);
  });

  it('a malformed action is a 400 with an error body, not a chat message', async () => {
    const result = await execute(sut.client, '', {}, { user: MEGAN, conversationId: 'conv-ua-bad' });
    expect(result.status).to.equal(400);
    expect(result.body.type).to.equal('application/vnd.microsoft.error');
    expect(sut.connector.messages('conv-ua-bad')).to.have.length(0);
  });
});

describe('HTTP end to end: Universal Actions in a group chat', function () {
  this.timeout(60_000);
  let sut: AppUnderTest;
  const group = {
    id: 'group-ua',
    tenantId: PARTNER_TENANT,
    conversationType: 'groupChat',
    isGroup: true,
    name: 'CSP team chat',
  };
  const from = (user: string, name: string) => ({ id: `29:${user}`, name, aadObjectId: user });
  const as = (user: string, name: string) => ({
    user,
    conversationId: group.id,
    extra: { conversation: group, from: from(user, name) },
  });

  before(async () => {
    sut = await startAppUnderTest();
  });
  after(async () => sut.stop());

  it("the initiator's refresh shows the buttons, another user's shows who started it; a forged press is refused", async () => {
    await sut.client.say('attest fabrikam', as(MEGAN, 'Megan Bowen'));
    const shared = await sut.connector.waitFor(() =>
      cardsIn(sut.connector, group.id).find((card) => JSON.stringify(card.content).includes('Fabrikam')),
    );
    // What everyone sees in the chat: read-only, who started it, refreshed for Megan only.
    expect(buttons(shared.content)).to.have.length(0);
    expect(executeActionsOf(shared.content).map((a) => a.title)).to.deep.equal(['Refresh']);
    expect(adaptiveCardProblems(shared.content), 'the read-only view is a valid card').to.deep.equal([]);
    expect(JSON.stringify(shared.content)).to.not.contain('Input.');
    expect(text(shared.content))
      .to.contain('Attest MCA acceptance: Fabrikam')
      .and.to.contain('Started by Megan Bowen');
    const refresh = shared.content.refresh as {
      action: { verb: string; data: Record<string, unknown> };
      userIds: string[];
    };
    expect(refresh.userIds).to.deep.equal([`29:${MEGAN}`]);

    const refreshAs = (user: string, name: string) =>
      execute(sut.client, refresh.action.verb, refresh.action.data, {
        ...as(user, name),
        replyToId: shared.id,
        trigger: 'automatic',
      });
    const meganView = answerCard(await refreshAs(MEGAN, 'Megan Bowen'));
    expect(executeActionsOf(meganView).map((a) => a.title)).to.include('Review');
    expect(JSON.stringify(meganView)).to.contain('Input.Text');
    expect(adaptiveCardProblems(meganView)).to.deep.equal([]);
    const adeleView = answerCard(await refreshAs(ADELE, 'Adele Vance'));
    expect(buttons(adeleView)).to.have.length(0);
    expect(text(adeleView)).to.contain('Started by Megan Bowen');

    // Adele sends Megan's action anyway (edited client): refused, Megan's card is unchanged.
    const review = executeAction(meganView, 'Review');
    const values = {
      firstName: 'Ana',
      lastName: 'Lopez',
      email: 'ana@fabrikam.com',
      phoneNumber: '',
      dateAgreed: '2026-11-20',
    };
    const before = sut.connector.calls.length;
    const forged = await execute(
      sut.client,
      review.verb,
      { ...review.data, ...values },
      {
        ...as(ADELE, 'Adele Vance'),
        replyToId: shared.id,
      },
    );
    expect(forged.body.type).to.equal('application/vnd.microsoft.activity.message');
    expect(String(forged.body.value)).to.contain('started by someone else');
    expect(sut.connector.calls.slice(before).filter((call) => call.method === 'PUT')).to.have.length(0);

    // Megan's press answers her with the next card; the chat shows its read-only view.
    const pressed = await execute(
      sut.client,
      review.verb,
      { ...review.data, ...values },
      {
        ...as(MEGAN, 'Megan Bowen'),
        replyToId: shared.id,
      },
    );
    const confirm = answerCard(pressed);
    expect(text(confirm)).to.contain('Confirm the attestation');
    expect(executeActionsOf(confirm).map((a) => a.title)).to.include('Confirm');
    expect((confirm.refresh as { userIds: string[] }).userIds).to.deep.equal([`29:${MEGAN}`]);
    const updated = cardsIn(sut.connector, group.id).find((card) => card.id === shared.id)!;
    expect(text(updated.content))
      .to.contain('Confirm the attestation')
      .and.to.contain('Started by Megan Bowen');
    expect(buttons(updated.content)).to.have.length(0);
  });
});
