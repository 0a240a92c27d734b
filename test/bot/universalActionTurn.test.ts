import { expect } from 'chai';
import {
  CardFactory,
  MemoryStorage,
  MessageFactory,
  TestAdapter,
  TurnContext,
  type Activity,
} from 'botbuilder';
import { CardTurn, CardViewStore } from '../../src/bot/universalActionTurn.js';
import { Translator } from '../../src/i18n/translator.js';

const t = new Translator('en-US');
const card = (title: string, data: Record<string, unknown> = { verb: 'x' }) => ({
  type: 'AdaptiveCard',
  version: '1.5',
  body: [{ type: 'TextBlock', text: title }],
  actions: [{ type: 'Action.Execute', title: 'Go', verb: data.verb, data }],
});

/** One invoke turn on a test adapter; returns what reached the chat (sent/updated) and the answer. */
async function invokeTurn(
  run: (context: TurnContext) => Promise<unknown>,
  conversationType = 'personal',
): Promise<{
  sent: Partial<Activity>[];
  updated: Partial<Activity>[];
  answer: { type: string; value: unknown };
}> {
  const adapter = new TestAdapter();
  const sent: Partial<Activity>[] = [];
  const updated: Partial<Activity>[] = [];
  adapter.sendActivities = async (_context, activities) => {
    sent.push(...activities);
    return activities.map((_, index) => ({ id: `sent-${sent.length + index}` }));
  };
  adapter.updateActivity = async (_context, activity) => {
    updated.push(activity);
  };
  const context = new TurnContext(adapter, {
    type: 'invoke',
    name: 'adaptiveCard/action',
    channelId: 'msteams',
    replyToId: 'card-1',
    from: { id: '29:megan', name: 'Megan Bowen', aadObjectId: 'megan' },
    recipient: { id: '28:bot', name: 'bot' },
    conversation: { id: 'c1', conversationType, isGroup: conversationType !== 'personal', name: '' },
    serviceUrl: 'http://127.0.0.1',
  } as Partial<Activity> as Activity);
  const turn = new CardTurn(context, {
    views: new CardViewStore(new MemoryStorage()),
    t,
    invoke: { mode: 'execute' },
  });
  await run(context);
  const answer = (await turn.response()) as { type: string; value: unknown };
  return { sent, updated, answer };
}

const replace = (context: TurnContext, id: string, content: object) =>
  context.updateActivity({ ...MessageFactory.attachment(CardFactory.adaptiveCard(content)), id });

describe('CardTurn (the invoke answer of a Universal Actions turn)', () => {
  it('the card replacing the clicked card is the answer, and the message is updated too', async () => {
    const next = card('Confirm the attestation', { verb: 'attest.confirm' });
    const { answer, updated } = await invokeTurn((context) => replace(context, 'card-1', next));
    expect(answer).to.deep.include({ type: 'application/vnd.microsoft.card.adaptive', value: next });
    expect(updated.map((a) => a.id)).to.deep.equal(['card-1']);
  });

  it('the last replacement of the clicked card wins (in progress, then done); other cards are not the answer', async () => {
    const { answer } = await invokeTurn(async (context) => {
      await replace(context, 'card-1', card('In progress'));
      await replace(context, 'other-card', card('Moved below'));
      await replace(context, 'card-1', card('Done'));
    });
    expect(JSON.stringify(answer.value)).to.contain('Done');
  });

  it('a turn that only answers with a text answers with that text as a message, and posts nothing', async () => {
    const { answer, sent } = await invokeTurn(async (context) => {
      await context.sendActivity('That card is no longer active.');
    });
    expect(answer).to.deep.include({
      type: 'application/vnd.microsoft.activity.message',
      value: 'That card is no longer active.',
    });
    expect(sent).to.have.length(0);
  });

  it('a text followed by another reply is posted first, in order; the answer then says where to look', async () => {
    const { answer, sent } = await invokeTurn(async (context) => {
      await context.sendActivity('First a note.');
      await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card('A new card'))));
    });
    expect(sent.map((a) => a.text ?? 'card')).to.deep.equal(['First a note.', 'card']);
    expect(answer).to.deep.include({
      type: 'application/vnd.microsoft.activity.message',
      value: t.t('core.cardAnswered'),
    });
  });

  it('a text held as the answer still reaches the chat when a card replaces the clicked one after it', async () => {
    const { answer, sent } = await invokeTurn(async (context) => {
      await context.sendActivity('A note.');
      await replace(context, 'card-1', card('Next'));
    });
    expect(JSON.stringify(answer.value)).to.contain('Next');
    expect(sent.map((a) => a.text)).to.deep.equal(['A note.']);
  });

  it('in a group chat the chat gets the read-only view and the clicker the card with buttons, both refreshing for the clicker only', async () => {
    const next = card('Confirm the attestation', { verb: 'attest.confirm', flowId: 'f1' });
    const { answer, updated } = await invokeTurn((context) => replace(context, 'card-1', next), 'groupChat');
    const personal = answer.value as { actions: unknown[]; refresh: { userIds: string[] } };
    expect(personal.actions).to.have.length(1);
    expect(personal.refresh.userIds).to.deep.equal(['29:megan']);
    const shared = updated[0]!.attachments![0]!.content as {
      actions: Array<{ verb: string }>;
      refresh: { userIds: string[] };
    };
    expect(
      shared.actions.map((action) => action.verb),
      'only a manual refresh',
    ).to.deep.equal(['card.refresh']);
    expect(JSON.stringify(shared)).to.contain('Started by Megan Bowen');
    expect(shared.refresh.userIds).to.deep.equal(['29:megan']);
  });
});
