import { expect } from 'chai';
import type { PriceService } from '../../src/priceData/priceService.js';
import { textOf } from '../support/botHarness.js';
import { allText, cardWith, fixturePrices, FlowChat, type SeenMessage } from '../support/flowChat.js';
import { USERS } from '../partnerCenter/sandbox/sandboxFixture.js';

const VALID = {
  firstName: 'Ana',
  lastName: 'Lopez',
  email: 'ana.lopez@fabrikam.com',
  phoneNumber: '',
  dateAgreed: '2026-11-20',
};

/** A flow brought to a step where it waits for the user, and how to go on from that step. */
interface FlowCase {
  name: string;
  start: string;
  /** Text of the step's prompt (a card, or a text question when `card` is false). */
  prompt: string;
  card: boolean;
  /** Another flow command, for "drop the current one?". */
  other: string;
  /** Goes on from the (re-shown) prompt; resolves to the text the next step shows. */
  goOn(chat: FlowChat, prompt: SeenMessage): Promise<string>;
  /** Text that proves the flow went on. */
  next: string;
}

const FLOWS: FlowCase[] = [
  {
    name: 'attest form',
    start: 'attest fabrikam',
    prompt: 'Attest MCA acceptance: Fabrikam, Inc.',
    card: true,
    other: 'buy azure plan northwind',
    goOn: async (chat, prompt) => allText(await chat.press(prompt, 'Review', VALID)) + chat.now(prompt.id),
    next: 'Confirm the attestation',
  },
  {
    name: 'customer pick (several customers match)',
    start: 'attest inc',
    prompt: 'Which customer do you mean?',
    card: true,
    other: 'transition woodgrove',
    goOn: async (chat, prompt) => {
      // The picker: choose Fabrikam in the customer field, then Continue.
      const card = prompt.activity.attachments![0].content as {
        body: Array<{ type: string; choices?: Array<{ title: string; value: string }> }>;
      };
      const field = card.body.find((element) => element.type === 'Input.ChoiceSet')!;
      const fabrikam = field.choices!.find((choice) => choice.title.startsWith('Fabrikam'))!;
      return allText(await chat.press(prompt, 'Continue', { customerId: fabrikam.value }));
    },
    next: 'Attest MCA acceptance: Fabrikam, Inc.',
  },
  {
    name: 'customer question (no customer typed)',
    start: 'attest',
    prompt: 'Which customer?',
    card: false,
    other: 'buy azure plan northwind',
    goOn: async (chat) => allText(await chat.say('fabrikam')),
    next: 'Attest MCA acceptance: Fabrikam, Inc.',
  },
  {
    name: 'purchase confirmation',
    start: 'buy azure plan northwind',
    prompt: 'Buy the Azure plan for Northwind',
    card: true,
    other: 'attest fabrikam',
    goOn: async (chat, prompt) =>
      allText(await chat.press(prompt, 'Buy Azure plan', { resellerMpnId: '5120934' })) + chat.now(prompt.id),
    next: 'Azure plan bought for Northwind',
  },
  {
    name: 'transition confirmation',
    start: 'transition woodgrove',
    prompt: 'Transition Woodgrove Bank to the Azure plan',
    card: true,
    other: 'attest fabrikam',
    goOn: async (chat, prompt) => {
      await chat.press(prompt, 'Start transition');
      return chat.now(prompt.id);
    },
    next: 'Woodgrove Bank',
  },
  {
    name: 'PEC role question',
    start: 'pec D2s v3 west europe 730 hours',
    prompt: 'Azure role',
    card: false,
    other: 'attest fabrikam',
    goOn: async (chat) => allText(await chat.say('Contributor')),
    next: 'how many days',
  },
];

/** Things a partner asks in the middle of a flow: answered, and the flow asks again where it was. */
const QUICK: Array<{ name: string; text: string; answer: string }> = [
  { name: 'help', text: 'help', answer: 'What you can do' },
  {
    name: 'a typed price question',
    text: 'D4s v5 windows west europe 730h',
    answer: 'D4s v5 in West Europe',
  },
  { name: 'a price command', text: 'price D2s v3 west europe', answer: 'D2s v3' },
  { name: 'a billing question', text: 'which invoice will usage on 15 October be on?', answer: 'October' },
  { name: 'whoami', text: 'whoami', answer: 'Adele' },
];

describe('One interruption policy in every flow (help, quick questions, cancel, another flow)', function () {
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

  async function begin(flow: FlowCase, locale = 'en-US'): Promise<{ chat: FlowChat; prompt: SeenMessage }> {
    chat = await FlowChat.start(USERS.adeleAdminAgent, { prices, locale });
    const replies = await chat.say(flow.start);
    expect(allText(replies)).to.contain(flow.prompt);
    return { chat, prompt: replies.at(-1)! };
  }

  /** The prompt shown again in a turn: the last reply, with the flow's prompt text. */
  function repromptIn(replies: SeenMessage[], flow: FlowCase): SeenMessage {
    const last = replies.at(-1)!;
    expect(textOf(last.activity)).to.contain(flow.prompt, 'the flow asks again where it was, last');
    return last;
  }

  for (const flow of FLOWS) {
    describe(`while the ${flow.name} waits`, () => {
      for (const quick of QUICK) {
        it(`${quick.name} is answered, the flow asks again and goes on from there`, async () => {
          const { chat, prompt } = await begin(flow);
          const replies = await chat.say(quick.text);
          const text = allText(replies);
          expect(text).to.contain(quick.answer);
          expect(text).to.contain('Type **cancel** to stop it.');
          const again = repromptIn(replies, flow);
          if (flow.card) {
            expect(again.id).to.not.equal(prompt.id, 'shown again below the answer');
            const old = chat.now(prompt.id);
            expect(old).to.contain('This card is no longer active');
            expect(old).to.match(/Shown again below: continue the .+ there\./);
            expect(old).to.not.contain(flow.prompt);
          }
          expect(await flow.goOn(chat, again)).to.contain(flow.next);
        });
      }

      for (const word of ['cancel', '취소']) {
        it(`"${word}" ends it and says so; its card becomes read-only`, async () => {
          const { chat, prompt } = await begin(flow);
          const text = allText(await chat.say(word));
          // Typed in Korean, the answer is in Korean (the bot answers in the language typed).
          const korean = word === '취소';
          expect(text).to.match(
            korean ? /을\(를\) 취소했습니다/ : /Cancelled the .+\. Nothing was changed\./,
          );
          if (flow.card) {
            const old = chat.now(prompt.id);
            expect(old).to.contain(
              korean ? '더 이상 사용할 수 없는 카드입니다' : 'This card is no longer active',
            );
            expect(old).to.match(korean ? /을\(를\) 취소했습니다/ : /You cancelled the .+\./);
          }
          // The flow is over: what would have gone on is not taken as its input any more.
          expect(await flow.goOn(chat, prompt).catch(() => '')).to.not.contain(flow.next);
        });
      }

      it(`another flow ("${flow.other}") asks first whether to drop it; No goes back to the step`, async () => {
        const { chat, prompt } = await begin(flow);
        const replies = await chat.say(flow.other);
        const confirm = cardWith(replies, 'You are in the middle of');
        expect(textOf(confirm.activity)).to.contain(`Drop it and start **${flow.other}**?`);
        expect(replies).to.have.length(1, 'nothing else happens until the user answers');
        const no = await chat.press(confirm, 'No, continue');
        expect(chat.now(confirm.id)).to.contain('Continuing the');
        expect(allText(no)).to.not.contain('Back to', 'the read-only card already says it goes on');
        const again = repromptIn(no, flow);
        if (flow.card) expect(chat.now(prompt.id)).to.match(/Shown again below: continue the .+ there\./);
        expect(await flow.goOn(chat, again)).to.contain(flow.next);
      });

      it(`another flow: Yes drops it (its card read-only) and starts "${flow.other}"`, async () => {
        const { chat, prompt } = await begin(flow);
        const confirm = cardWith(await chat.say(flow.other), 'You are in the middle of');
        const yes = await chat.press(confirm, 'Yes, drop it');
        expect(chat.now(confirm.id)).to.contain('Dropped the');
        if (flow.card) {
          expect(chat.now(prompt.id)).to.contain('This card is no longer active');
          expect(chat.now(prompt.id)).to.contain(`to start **${flow.other}**`);
        }
        const started = allText(yes);
        expect(started).to.match(/Attest MCA acceptance|Buy the Azure plan|Transition Woodgrove/);
        expect(started).to.not.contain(flow.prompt);
      });
    });
  }

  it('help during the attest form keeps the values known so far (after a check) in the form shown again', async () => {
    const { chat, prompt } = await begin(FLOWS[0]);
    const checked = await chat.press(prompt, 'Review', { ...VALID, email: 'ana@fabrikam' });
    expect(allText(checked) + chat.now(prompt.id)).to.contain('Enter a valid email address');
    const replies = await chat.say('help');
    const again = repromptIn(replies, FLOWS[0]);
    const form = textOf(again.activity);
    expect(form).to.contain('Ana');
    expect(form).to.contain('ana@fabrikam');
    expect(form).to.contain('Enter a valid email address');
    await chat.press(again, 'Review', VALID);
    expect(chat.now(again.id)).to.contain('Confirm the attestation');
  });

  it('a billing question while the PEC dialog waits for the role is answered; the role is asked again', async () => {
    const { chat } = await begin(FLOWS[5]);
    const replies = await chat.say('which invoice will usage on 15 October be on?');
    expect(allText(replies)).to.contain('October');
    expect(textOf(replies.at(-1)!.activity)).to.contain('Azure role');
    expect(allText(await chat.say('Owner'))).to.contain('how many days');
  });

  it('a PEC question during the attest form is answered, then the form is shown again', async () => {
    const { chat } = await begin(FLOWS[0]);
    const replies = await chat.say('pec 730 h of D4s v5 in West Europe, Owner access for 20 days');
    expect(allText(replies)).to.contain('Partner Earned Credit');
    repromptIn(replies, FLOWS[0]);
  });

  it('a PEC question that asks back during the attest form: the role is asked, then the form comes back', async () => {
    const { chat } = await begin(FLOWS[0]);
    expect(allText(await chat.say('pec D2s v3 west europe 730 hours'))).to.contain('Azure role');
    await chat.say('Owner');
    const replies = await chat.say('20 days');
    expect(allText(replies)).to.contain('Partner Earned Credit');
    const form = repromptIn(replies, FLOWS[0]);
    await chat.press(form, 'Review', VALID);
    expect(chat.now(form.id)).to.contain('Confirm the attestation');
  });

  it('the customer pick offers Cancel, which ends the flow like typing cancel', async () => {
    const { chat, prompt } = await begin(FLOWS[1]);
    const replies = await chat.press(prompt, 'Cancel');
    expect(allText(replies)).to.contain('Cancelled the MCA attestation. Nothing was changed.');
    expect(chat.now(prompt.id)).to.contain('This card is no longer active');
  });

  it('a Yes on an old drop card (already answered) is stale and drops nothing', async () => {
    const { chat } = await begin(FLOWS[0]);
    const confirm = cardWith(await chat.say('buy azure plan northwind'), 'You are in the middle of');
    await chat.press(confirm, 'No, continue');
    const replies = await chat.press(confirm, 'Yes, drop it');
    expect(allText(replies)).to.contain('no longer active');
    expect(allText(await chat.say('help'))).to.contain('Attest MCA acceptance: Fabrikam, Inc.');
  });

  it('a drop question left open dies with its flow: "yes" afterwards starts nothing', async () => {
    const { chat, prompt } = await begin(FLOWS[0]);
    const confirm = cardWith(await chat.say('buy azure plan northwind'), 'You are in the middle of');
    await chat.press(prompt, 'Cancel');
    expect(chat.now(prompt.id)).to.contain('Attestation cancelled');
    expect(allText(await chat.say('yes'))).to.not.contain('Buy the Azure plan');
    expect(allText(await chat.press(confirm, 'Yes, drop it'))).to.contain('no longer active');
  });

  it('a card verb named like an Object.prototype member during a flow is stale, the flow goes on', async () => {
    const { chat, prompt } = await begin(FLOWS[0]);
    for (const verb of ['constructor', 'toString', '__proto__']) {
      expect(allText(await chat.say({ verb }, prompt.id))).to.contain('no longer active');
    }
    await chat.press(prompt, 'Review', VALID);
    expect(chat.now(prompt.id)).to.contain('Confirm the attestation');
  });

  it('cancel with nothing running says there is nothing to stop', async () => {
    chat = await FlowChat.start(USERS.adeleAdminAgent, { prices });
    expect(allText(await chat.say('cancel'))).to.contain('Cancelled. Nothing was changed.');
  });

  describe('in Korean', () => {
    it('취소 ends the attest form in Korean; another flow asks in Korean; help resumes in Korean', async () => {
      chat = await FlowChat.start(USERS.adeleAdminAgent, { prices, locale: 'ko-KR' });
      const form = (await chat.say('증명 fabrikam')).at(-1)!;
      expect(textOf(form.activity)).to.contain('MCA 동의 증명: Fabrikam, Inc.');
      const help = await chat.say('도움말');
      expect(allText(help)).to.contain('MCA 동의 증명(으)로 돌아갑니다');
      expect(textOf(help.at(-1)!.activity)).to.contain('MCA 동의 증명: Fabrikam, Inc.');
      const confirm = cardWith(await chat.say('플랜 구매 northwind'), '진행하는 중입니다');
      expect(textOf(confirm.activity)).to.contain('중단하고 **플랜 구매 northwind**을(를) 시작할까요?');
      await chat.press(confirm, '아니요, 계속합니다');
      expect(allText(await chat.say('취소'))).to.contain('MCA 동의 증명을(를) 취소했습니다');
    });
  });
});
