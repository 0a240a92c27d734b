import { expect } from 'chai';
import { CardFactory, MessageFactory, TestAdapter, type Activity } from 'botbuilder';
import { carriesCardActions, saveStateBeforeCards } from '../../src/bot/saveStateBeforeCards.js';

const card = (body: object) => MessageFactory.attachment(CardFactory.adaptiveCard(body)) as Partial<Activity>;

describe('the turn state is saved before a card with buttons goes out', () => {
  const cases: Array<[string, Partial<Activity>, boolean]> = [
    ['a card with Action.Submit', card({ type: 'AdaptiveCard', actions: [{ type: 'Action.Submit' }] }), true],
    [
      'a submit inside an ActionSet',
      card({ type: 'AdaptiveCard', body: [{ type: 'ActionSet', actions: [{ type: 'Action.Execute' }] }] }),
      true,
    ],
    [
      'a submit inside a ShowCard',
      card({
        type: 'AdaptiveCard',
        actions: [{ type: 'Action.ShowCard', card: { actions: [{ type: 'Action.Submit' }] } }],
      }),
      true,
    ],
    ['a card with only a link', card({ type: 'AdaptiveCard', actions: [{ type: 'Action.OpenUrl' }] }), false],
    ['plain text', MessageFactory.text('hello') as Partial<Activity>, false],
  ];
  for (const [name, activity, expected] of cases) {
    it(`${name}: ${expected ? 'saves first' : 'no extra save'}`, () => {
      expect(carriesCardActions(activity)).to.equal(expected);
    });
  }

  it('the save finishes before the card is handed to the channel, text goes out without one', async () => {
    const events: string[] = [];
    const adapter = new TestAdapter(async (context) => {
      saveStateBeforeCards(context, async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        events.push('saved');
      });
      context.onSendActivities(async (_c, activities, next) => {
        events.push(`sent ${activities[0].attachments ? 'card' : 'text'}`);
        return next();
      });
      await context.sendActivity('thinking');
      await context.sendActivity(cases[0][1]);
    });
    await adapter.send('go');
    expect(events).to.deep.equal(['sent text', 'saved', 'sent card']);
  });
});
