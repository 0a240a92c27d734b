import { expect } from 'chai';
import type { PriceService } from '../../../src/priceData/priceService.js';
import { textOf } from '../../support/botHarness.js';
import { allText, cardWith, fixturePrices, FlowChat, type SeenMessage } from '../../support/flowChat.js';
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

/** The ids of the dialogs waiting in this chat (private conversation state of the user), innermost first. */
async function waitingDialogs(chat: FlowChat): Promise<string[]> {
  const key = `msteams/conversations/conv-1/users/29:${USERS.adeleAdminAgent}/`;
  const items = await chat.harness.storage.read([key]);
  const state = items[key] as { dialogState?: { dialogStack?: Array<{ id: string }> } } | undefined;
  return (state?.dialogState?.dialogStack ?? []).map((instance) => instance.id);
}

const CASES = [
  {
    locale: 'en-US',
    questions: [
      'pec D2s v3 west europe 730 hours all month',
      'pec D4s v5 west europe 730 hours all month',
      'pec E2s v5 west europe 730 hours all month',
    ],
    role: 'Owner',
    roleQuestion: 'Which Azure role',
    replaced: 'Replaced by your newer question',
    stale: /no longer active/,
  },
  {
    locale: 'ko-KR',
    questions: [
      'pec 서유럽 D2s v3 730시간 한 달 내내',
      'pec 서유럽 D4s v5 730시간 한 달 내내',
      'pec 서유럽 E2s v5 730시간 한 달 내내',
    ],
    role: '소유자',
    roleQuestion: 'Azure 역할',
    replaced: '새 질문으로 바뀌었습니다',
    stale: /더 이상 사용할 수 없습니다/,
  },
];

describe('PEC questions: a newer question replaces the one waiting for its role', function () {
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

  for (const c of CASES) {
    it(`${c.locale}: three questions leave one PEC question waiting, the newest; older cards say they were replaced`, async () => {
      chat = await FlowChat.start(USERS.adeleAdminAgent, { prices, locale: c.locale });
      const asks: SeenMessage[] = [];
      for (const question of c.questions) {
        const replies = await chat.say(question);
        asks.push(cardWith(replies, c.role));
        expect(await waitingDialogs(chat)).to.deep.equal(['pecEstimate'], `after "${question}"`);
        // Only the new question: the replaced one is not shown again below it.
        expect(replies).to.have.length(1);
      }
      for (const older of asks.slice(0, -1)) {
        const now = chat.now(older.id);
        expect(now).to.contain(c.replaced);
        expect(now).to.not.contain(c.roleQuestion);
        expect(JSON.stringify(chat.messages.get(older.id)?.attachments)).to.not.contain('"Action.');
      }
      expect(chat.now(asks[2].id)).to.contain(c.roleQuestion);
      // The answer is for the newest question (E2s v5), and the flow ends.
      const answer = allText(await chat.say(buttonData(asks[2], c.role), asks[2].id));
      expect(answer).to.contain('E2s v5').and.not.contain('D4s v5').and.not.contain('D2s v3');
      expect(await waitingDialogs(chat)).to.deep.equal([]);
    });

    it(`${c.locale}: a click on a replaced question's card is not taken as the answer`, async () => {
      chat = await FlowChat.start(USERS.adeleAdminAgent, { prices, locale: c.locale });
      const first = cardWith(await chat.say(c.questions[0]), c.role);
      const second = cardWith(await chat.say(c.questions[1]), c.role);
      const [reply, ...more] = await chat.say(buttonData(first, c.role), first.id);
      expect(more).to.have.length(0);
      expect(reply.activity.attachments ?? []).to.have.length(0, 'no estimate for the replaced question');
      expect(textOf(reply.activity)).to.match(c.stale);
      // The newer question still waits and takes its own click.
      expect(await waitingDialogs(chat)).to.deep.equal(['pecEstimate']);
      const answer = allText(await chat.say(buttonData(second, c.role), second.id));
      expect(answer).to.contain('D4s v5').and.not.contain('D2s v3');
    });
  }
});
