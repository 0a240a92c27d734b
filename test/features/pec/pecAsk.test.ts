import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import { CardRenderer, defaultCardDirectories } from '../../../src/cards/cardRenderer.js';
import { Translator } from '../../../src/i18n/translator.js';
import { answerPecQuestion, type PecPriceInput } from '../../../src/features/pec/pecAnswer.js';
import { FLOW_CANCEL_VERB, pecCardAnswer, PEC_ANSWER_VERB } from '../../../src/features/pec/pecCards.js';
import { adaptiveCardProblems } from '../../cards/adaptiveCardValidator.js';

const renderer = new CardRenderer(defaultCardDirectories());
const price: PecPriceInput = {
  unitPrice: new Decimal('0.23'),
  quantity: new Decimal(730),
  unitOfMeasure: '1 Hour',
  meterLabel: 'D4s v5, West Europe',
  meter: { type: 'Consumption', meterName: 'D4s v5', skuName: 'D4s v5' },
  priceSource: 'Azure Retail Prices API',
  snapshot: 'snapshot of Aug 22, 2026',
};
const today = new Date('2026-09-15T08:00:00Z');
const ask = { flowId: 'flow-1', userId: 'aad-megan' };

describe('PEC ask cards (presenter)', () => {
  for (const locale of ['en-US', 'ko-KR'] as const) {
    const t = new Translator(locale);
    const asks: Array<[string, string]> = [
      ['role', 'PEC on 730 h of D4s v5'],
      ['days', 'Owner'],
      ['too many days', 'Owner for 31 days'],
    ];
    for (const [label, text] of asks) {
      it(`${locale}: the ${label} question renders as a valid card with a cancel button`, () => {
        const r = answerPecQuestion(t, text, price, { today, ask });
        expect(r.kind).to.equal('ask');
        if (r.kind !== 'ask') return;
        const card = renderer.render(r.card, r.data);
        expect(adaptiveCardProblems(card)).to.deep.equal([]);
        expect(r.data.cancel).to.deep.equal({
          label: t.t('pec.ask.cancel'),
          data: { verb: FLOW_CANCEL_VERB, ...ask },
        });
        for (const group of r.data.groups)
          for (const choice of group.choices)
            expect(choice.data).to.include({ verb: PEC_ANSWER_VERB, ...ask });
      });
    }

    it(`${locale}: usage that never earns PEC without a price renders as a valid card`, () => {
      const r = answerPecQuestion(t, 'marketplace Owner', undefined, { today });
      expect(r.kind).to.equal('noPec');
      if (r.kind !== 'noPec') return;
      expect(adaptiveCardProblems(renderer.render(r.card, r.data))).to.deep.equal([]);
    });
  }

  it('the role question groups roles that earn PEC and roles that never do', () => {
    const r = answerPecQuestion(new Translator('en-US'), 'PEC on 730 h of D4s v5', price, { today, ask });
    expect(
      r.kind === 'ask' && r.data.groups.map((g) => [g.title, g.choices.map((c) => c.data.role)]),
    ).to.deep.equal([
      ['Earn PEC', ['Owner', 'Contributor', 'User Access Administrator', 'Virtual Machine Contributor']],
      ['Never earn PEC (read-only)', ['Reader', 'Billing Reader']],
    ]);
  });

  it('refuses 31 days in September 2026 and names its 30 days; the refused number is not kept', () => {
    const r = answerPecQuestion(new Translator('en-US'), 'Owner for 31 days', price, { today, ask });
    expect(r.kind === 'ask' && r.text).to.equal(
      'September 2026 has 30 days, so the access cannot have lasted 31 days. For how many days of September 2026 did it last?',
    );
    expect(r.kind === 'ask' && r.access).to.deep.equal({ role: 'Owner' });
  });

  it('refuses in Korean too', () => {
    const r = answerPecQuestion(new Translator('ko-KR'), '소유자 권한 31일', price, { today, ask });
    expect(r.kind === 'ask' && r.text).to.match(/^2026년 9월은\(는\) 30일까지라서 31일 동안/);
  });

  const clicks: Array<[string, unknown, unknown]> = [
    ['a role button', { verb: PEC_ANSWER_VERB, flowId: 'flow-1', role: 'Owner' }, { role: 'Owner' }],
    ['"all month"', { verb: PEC_ANSWER_VERB, flowId: 'flow-1', fullMonth: true }, { fullMonth: true }],
    ['a button of another dialog', { verb: PEC_ANSWER_VERB, flowId: 'flow-0', role: 'Owner' }, undefined],
    ['another flow’s verb', { verb: 'buy.confirm', flowId: 'flow-1' }, undefined],
    ['an empty role', { verb: PEC_ANSWER_VERB, flowId: 'flow-1', role: ' ' }, undefined],
    ['not an object', 'Owner', undefined],
  ];
  for (const [label, value, expected] of clicks) {
    it(`a click on ${label} is read as ${JSON.stringify(expected)}`, () => {
      expect(pecCardAnswer(value, 'flow-1')).to.deep.equal(expected);
    });
  }

  it('a click answers: "Contributor" then "all month" gives the full-month estimate', () => {
    const t = new Translator('en-US');
    const first = answerPecQuestion(t, 'PEC on 730 h of D4s v5', price, { today, ask });
    const role = first.kind === 'ask' ? first.data.groups[0].choices[1].data : undefined;
    const second = answerPecQuestion(t, '', price, {
      today,
      ask,
      previous: { ...(first.kind === 'ask' ? first.access : {}), ...pecCardAnswer(role, 'flow-1') },
    });
    expect(second.kind === 'ask' && second.missing).to.equal('days');
    const allMonth = second.kind === 'ask' ? second.data.groups[0].choices[0].data : undefined;
    const third = answerPecQuestion(t, '', price, {
      today,
      previous: { ...(second.kind === 'ask' ? second.access : {}), ...pecCardAnswer(allMonth, 'flow-1') },
    });
    expect(third.kind === 'card' && third.estimate.blendedRate.toFixed(2)).to.equal('0.15');
    expect(third.kind === 'card' && third.data.facts.find((f) => f.title === 'Azure role')?.value).to.equal(
      'Contributor',
    );
  });

  const payees: Array<['en-US' | 'ko-KR', 'DirectBill' | 'IndirectProvider' | 'IndirectReseller', string]> = [
    ['en-US', 'DirectBill', 'You (direct-bill partner)'],
    ['en-US', 'IndirectProvider', 'You (indirect provider)'],
    ['en-US', 'IndirectReseller', 'Your indirect provider'],
    ['ko-KR', 'DirectBill', '귀사(직접 청구 파트너)'],
    ['ko-KR', 'IndirectProvider', '귀사(간접 공급자)'],
    ['ko-KR', 'IndirectReseller', '귀사의 간접 공급자'],
  ];
  for (const [locale, partnerType, paidTo] of payees) {
    it(`${locale} ${partnerType}: "Paid to" is "${paidTo}"`, () => {
      const t = new Translator(locale);
      const r = answerPecQuestion(t, 'Owner all month', price, { today, partnerType });
      expect(
        r.kind === 'card' && r.data.facts.find((f) => f.title === t.t('pec.fact.recipient'))?.value,
      ).to.equal(paidTo);
    });
  }
});
