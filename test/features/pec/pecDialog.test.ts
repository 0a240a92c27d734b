import { expect } from 'chai';
import type { Activity } from 'botbuilder';
import { knowledgeFeatures } from '../../support/knowledgeFeatures.js';
import { fixedClock, type Clock } from '../../../src/domain/clock.js';
import type { Partner } from '../../../src/domain/identity/actor.js';
import type { PartnerType } from '../../../src/domain/identity/roles.js';
import { resolvePricePaths } from '../../../src/priceData/pricePaths.js';
import { PriceService } from '../../../src/priceData/priceService.js';
import { BotHarness, cardOf, textOf } from '../../support/botHarness.js';
import { FakeDirectory, PARTNER, user } from '../../support/fakeDirectory.js';

const MEGAN = user('aad-megan', 'Megan Bowen', ['SalesAgent']);
const EN = { aadObjectId: MEGAN.aadObjectId };
const KO = { aadObjectId: MEGAN.aadObjectId, locale: 'ko-KR' };
const NOV_2026 = fixedClock('2026-11-26T12:00:00.000Z');

interface CardAction {
  type: string;
  title: string;
  data?: Record<string, unknown>;
}

/** Every button of a card (body action sets and the card's own actions), as the user sees them. */
function buttons(reply: Partial<Activity>): CardAction[] {
  const card = cardOf(reply);
  if (!card) return [];
  const found: CardAction[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const element = node as Record<string, unknown>;
      if (typeof element.type === 'string' && element.type.startsWith('Action.'))
        found.push(element as unknown as CardAction);
      Object.values(element).forEach(walk);
    }
  };
  walk(card);
  return found;
}

function button(reply: Partial<Activity>, title: string): CardAction {
  const all = buttons(reply);
  const match = all.find((b) => b.title === title);
  if (!match) throw new Error(`no button "${title}"; buttons: ${all.map((b) => b.title).join(', ')}`);
  return match;
}

/** The value of a fact on the estimate card ("PEC" → "$25.18"). */
function fact(reply: Partial<Activity>, title: string): string | undefined {
  const card = cardOf(reply) as {
    body: Array<{ type: string; facts?: Array<{ title: string; value: string }> }>;
  };
  return card.body.find((e) => e.type === 'FactSet')?.facts?.find((f) => f.title === title)?.value;
}

describe('PEC dialog in chat (price fixture, fixed clocks)', function () {
  this.timeout(30_000);
  let prices: PriceService;

  before(() => {
    prices = new PriceService({
      paths: resolvePricePaths({
        PRICE_DATA_DIR: 'test/fixtures/azure-price-data/retail-prices-fixture-westeurope',
      }),
      clock: NOV_2026,
    });
    prices.load();
  });

  const bot = (clock: Clock = NOV_2026, partnerType: PartnerType = PARTNER.type): BotHarness => {
    const partner: Partner = { ...PARTNER, type: partnerType };
    return new BotHarness(new FakeDirectory([MEGAN], partner), knowledgeFeatures(prices, undefined, clock));
  };

  describe('point 2 — a question that expects a choice shows the choices', () => {
    it('asks for the role with buttons for roles that earn PEC, roles that never do, and cancel', async () => {
      const [ask] = await bot().say(EN, 'pec D2s v3 west europe 730 hours');
      const text = textOf(ask);
      expect(text).to.contain('Which Azure role');
      expect(text).to.contain('Earn PEC').and.contain('Never earn PEC');
      const titles = buttons(ask).map((b) => b.title);
      expect(titles).to.include.members(['Owner', 'Contributor', 'Reader', 'Billing Reader', 'Cancel']);
      // The host's interruption policy ends the flow whose state holds this flowId.
      expect(button(ask, 'Cancel').data).to.deep.equal({
        verb: 'flow.cancel',
        flowId: button(ask, 'Owner').data!.flowId,
        userId: MEGAN.aadObjectId,
      });
    });

    it('clicking "Contributor" answers the question; the days are asked with "all month" and a hint', async () => {
      const chat = bot();
      const [askRole] = await chat.say(EN, 'pec D2s v3 west europe 730 hours');
      const [askDays] = await chat.say(EN, button(askRole, 'Contributor').data!);
      expect(textOf(askDays)).to.contain('For how many days of November 2026');
      expect(textOf(askDays)).to.match(/Only whole UTC days count/);
      expect(buttons(askDays).map((b) => b.title)).to.include.members(['All month (30 days)', 'Cancel']);
      const [answer] = await chat.say(EN, button(askDays, 'All month (30 days)').data!);
      expect(fact(answer, 'Azure role')).to.equal('Contributor');
      expect(fact(answer, 'Access days')).to.equal('30 of 30 days');
      expect(fact(answer, 'Blended PEC rate for the month')).to.equal('15%');
    });

    it('clicking "Reader" answers at once: no PEC, and why', async () => {
      const chat = bot();
      const [askRole] = await chat.say(EN, 'pec D2s v3 west europe 730 hours');
      const [answer] = await chat.say(EN, button(askRole, 'Reader').data!);
      expect(textOf(answer)).to.contain('No PEC').and.contain('read-only roles never earn PEC');
    });

    it('in Korean the buttons carry the portal names and still answer', async () => {
      const chat = bot();
      const [askRole] = await chat.say(KO, 'pec 서유럽 D2s v3 730시간');
      expect(buttons(askRole).map((b) => b.title)).to.include.members([
        '소유자',
        '기여자',
        '읽기 권한자',
        '취소',
      ]);
      expect(button(askRole, '취소').data).to.include({ verb: 'flow.cancel' });
      const [askDays] = await chat.say(KO, button(askRole, '소유자').data!);
      expect(buttons(askDays).map((b) => b.title)).to.include('한 달 내내(30일)');
      const [answer] = await chat.say(KO, '20일');
      expect(fact(answer, '권한 보유 일수')).to.equal('30일 중 20일');
    });

    it('a click on an older card is not taken as the answer', async () => {
      const chat = bot();
      const [first] = await chat.say(EN, 'pec D2s v3 west europe 730 hours');
      const stale = button(first, 'Owner').data!;
      await chat.say(EN, 'pec D4s v5 west europe 730 hours');
      const [reply] = await chat.say(EN, stale);
      expect(cardOf(reply)).to.equal(undefined);
      expect(reply.text).to.match(/older card|no longer|card/i);
    });

    it('"cancel" typed (what the Cancel button sends) ends the dialog', async () => {
      const chat = bot();
      await chat.say(EN, 'pec D2s v3 west europe 730 hours');
      const [cancelled] = await chat.say(EN, 'cancel');
      expect(cancelled.text).to.contain('Cancelled');
      const [after] = await chat.say(EN, 'Owner');
      expect(textOf(after)).to.not.contain('how many days');
    });
  });

  describe('point 4 — usage that never earns PEC, named in the question', () => {
    const questions: Array<[typeof EN | typeof KO, string, RegExp]> = [
      [EN, 'pec D4s v5 reserved instance west europe Owner all month', /Azure plan reservations/],
      [EN, 'pec D4s v5 reservation west europe Owner all month', /Azure plan reservations/],
      [EN, 'pec savings plan D4s v5 west europe Owner all month', /savings plan/],
      [EN, 'pec third-party D4s v5 west europe Owner all month', /Third Party/],
      [EN, 'pec marketplace product Owner all month', /Marketplace items/],
      [EN, 'pec reservations, Contributor for 20 days', /Azure plan reservations/],
      [EN, 'pec E2s v5 spot west europe 730 hours Owner all month', /Spot virtual machines/],
      [KO, 'pec 서유럽 D4s v5 예약 인스턴스 730시간 소유자 한 달 내내', /Azure 플랜 예약/],
      [KO, 'pec 서유럽 D4s v5 절약 플랜 소유자 한 달 내내', /절약 플랜/],
      [KO, 'pec 서유럽 D4s v5 스팟 730시간 소유자 한 달 내내', /스팟 가상 머신/],
      [KO, 'pec 타사 제품 소유자', /Third Party/],
      [KO, 'pec 마켓플레이스 제품 기여자 20일', /마켓플레이스 항목/],
      [KO, 'pec 예약 인스턴스', /Azure 플랜 예약/],
    ];
    for (const [sender, question, reason] of questions) {
      it(`"${question}" → no PEC, with the reason, asked nothing`, async () => {
        const [reply] = await bot().say(sender, question);
        const text = textOf(reply);
        expect(text).to.match(sender === KO ? /PEC 미적용/ : /No PEC/);
        expect(text).to.match(reason);
        expect(text).to.not.match(/15\s?%\n|Earns PEC|PEC 적용\n/);
        const pec = fact(reply, 'PEC');
        if (pec !== undefined) expect(pec).to.match(/\$0\.00/);
        expect(text).to.not.match(/full rate applies|전체 비율이 적용/);
      });
    }
  });

  describe('point 5 — whole days, and no more days than the month has', () => {
    it('"for 9.5 days" counts 9 whole days, and the 9.5 days are not priced as usage', async () => {
      const [reply] = await bot().say(EN, 'pec D4s v5 west europe Owner for 9.5 days');
      expect(fact(reply, 'Access days')).to.equal('9 of 30 days');
      expect(fact(reply, 'Quantity')).to.equal('730 × 1 Hour');
      expect(textOf(reply)).to.contain('9.5 days of access count as 9 days');
    });

    const refusals: Array<{
      clock: string;
      days: number;
      refused: boolean;
      month: string;
      monthDays: number;
    }> = [
      { clock: '2026-12-10T12:00:00.000Z', days: 32, refused: true, month: 'December 2026', monthDays: 31 },
      { clock: '2027-02-10T12:00:00.000Z', days: 29, refused: true, month: 'February 2027', monthDays: 28 },
      { clock: '2028-02-10T12:00:00.000Z', days: 29, refused: false, month: 'February 2028', monthDays: 29 },
    ];
    for (const c of refusals) {
      it(`${c.days} days in ${c.month} (${c.monthDays} days) ${c.refused ? 'are refused, naming the month’s days' : 'are allowed'}`, async () => {
        const chat = bot(fixedClock(c.clock));
        const [reply] = await chat.say(EN, `pec D4s v5 west europe Owner for ${c.days} days`);
        const text = textOf(reply);
        if (c.refused) {
          expect(text).to.contain(`${c.month} has ${c.monthDays} days`);
          expect(buttons(reply).map((b) => b.title)).to.include(`All month (${c.monthDays} days)`);
          const [answer] = await chat.say(EN, '10 days');
          expect(fact(answer, 'Access days')).to.equal(`10 of ${c.monthDays} days`);
        } else {
          expect(fact(reply, 'Access days')).to.equal(`${c.days} of ${c.monthDays} days`);
          expect(fact(reply, 'Blended PEC rate for the month')).to.equal('15%');
        }
      });
    }
  });

  describe('point 6 — the explanation matches the amounts; "paid to" names the right party', () => {
    it('a Reader is not told "the full rate applies"', async () => {
      const [reply] = await bot().say(EN, 'pec D4s v5 west europe Reader all month');
      const text = textOf(reply);
      expect(fact(reply, 'PEC')).to.equal('$0.00');
      expect(text).to.contain('read-only roles never earn PEC');
      expect(text).to.not.contain('full rate applies');
    });

    const payees: Array<[PartnerType, string]> = [
      ['DirectBill', 'You (direct-bill partner)'],
      ['IndirectProvider', 'You (indirect provider)'],
      ['IndirectReseller', 'Your indirect provider'],
    ];
    for (const [type, paidTo] of payees) {
      it(`${type}: paid to "${paidTo}"`, async () => {
        const [reply] = await bot(NOV_2026, type).say(EN, 'pec D4s v5 west europe Owner all month');
        expect(fact(reply, 'Paid to')).to.equal(paidTo);
      });
    }
  });

  describe('point 7 — one rounding on the unrounded amount', () => {
    it('D4s v5 0.23 × 730 h, Owner for 20 of 30 days: PEC $16.79 (two rounded lines would give $16.80)', async () => {
      const [reply] = await bot().say(EN, 'pec 730 h of D4s v5 in West Europe, Owner access for 20 days');
      expect(fact(reply, 'List price')).to.equal('$167.90');
      expect(fact(reply, 'Billed before tax (estimate)')).to.equal('$151.11');
      expect(fact(reply, 'PEC')).to.equal('$16.79');
    });
  });
});
