import { expect } from 'chai';
import type { PriceService } from '../../../src/priceData/priceService.js';
import { cardWith, fixturePrices, FlowChat, type SeenMessage } from '../../support/flowChat.js';
import { USERS } from '../../partnerCenter/sandbox/sandboxFixture.js';

/** The data of the button titled `title` anywhere on a card (action sets in the body included). */
function buttonData(message: SeenMessage, title: string): Record<string, unknown> {
  let found: Record<string, unknown> | undefined;
  const walk = (node: unknown): void => {
    if (found || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    const element = node as Record<string, unknown>;
    if (typeof element.type === 'string' && element.type.startsWith('Action.') && element.title === title)
      found = element.data as Record<string, unknown>;
    else Object.values(element).forEach(walk);
  };
  walk(message.activity.attachments?.[0]?.content);
  if (!found) throw new Error(`no button "${title}"`);
  return found;
}

describe('PEC questions: an answered question card is closed', function () {
  this.timeout(30_000);
  let prices: PriceService;
  let chat: FlowChat | undefined;

  before(() => {
    prices = fixturePrices();
  });
  afterEach(async () => {
    await chat?.dispose();
    chat = undefined;
  });

  const cases = [
    { locale: 'en-US', question: 'pec D2s v3 west europe 730h', role: 'Owner', closed: 'Azure role: Owner' },
    { locale: 'ko-KR', question: 'pec 서유럽 D2s v3 730시간', role: '소유자', closed: 'Azure 역할: 소유자' },
  ];
  for (const { locale, question, role, closed } of cases) {
    it(`${locale}: clicking "${role}" replaces the role card by a read-only one naming the answer`, async () => {
      chat = await FlowChat.start(USERS.adeleAdminAgent, { prices, locale });
      const ask = cardWith(await chat.say(question), role);
      await chat.say(buttonData(ask, role), ask.id);
      const now = chat.messages.get(ask.id)!;
      const card = now.attachments?.[0]?.content as { actions?: unknown[]; body: unknown[] };
      expect(JSON.stringify(card)).to.contain(closed);
      expect(JSON.stringify(card)).not.to.contain('"Action.');
    });
  }
});
