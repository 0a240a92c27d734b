import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import { Translator } from '../../../src/i18n/translator.js';
import { answerPecQuestion, type PecPriceInput } from '../../../src/features/pec/pecAnswer.js';

// D4s v5 Linux westeurope list price as in the 2026-08-22 snapshot slice (hand-typed).
const d4sv5: PecPriceInput = {
  unitPrice: new Decimal('0.23'),
  quantity: new Decimal(730),
  unitOfMeasure: '1 Hour',
  meterLabel: 'D4s v5, West Europe',
  meter: { type: 'Consumption', meterName: 'D4s v5', skuName: 'D4s v5' },
  priceSource: 'Azure Retail Prices API (azure-pricing-radar, MIT)',
  snapshot: 'snapshot of Aug 22, 2026',
};
const today = new Date('2026-09-15T08:00:00Z');
const en = new Translator('en-US');
const ko = new Translator('ko-KR');

describe('PEC questions end to end (text + price → card data or a question back)', () => {
  it('"PEC on 730 h of D4s v5 in West Europe, Owner access for 20 days" → estimate with list, PEC, EUP, blended rate, why', () => {
    const r = answerPecQuestion(
      en,
      'PEC on 730 h of D4s v5 in West Europe, Owner access for 20 days',
      d4sv5,
      { today },
    );
    expect(r.kind).to.equal('card');
    if (r.kind !== 'card') return;
    expect(r.estimate.listPrice.toFixed(2)).to.equal('167.90');
    // One rounding on the unrounded amount: floor(167.9 × (30 − 0.15 × 20) ÷ 30, 2) = 151.11.
    expect(r.estimate.billedAmount.toFixed(2)).to.equal('151.11');
    expect(r.data.facts.find((f) => f.title === 'PEC')?.value).to.equal('$16.79');
    expect(r.data.reasons.map((x) => x.text).join(' ')).to.match(/20 of 30 days/);
  });

  it('asks for the role when it is missing, then for the days, keeping what was said', () => {
    const first = answerPecQuestion(en, 'PEC on 730 h of D4s v5', d4sv5, { today });
    expect(first).to.deep.include({ kind: 'ask', missing: 'role' });
    const second = answerPecQuestion(en, 'Contributor', d4sv5, {
      today,
      previous: first.kind === 'ask' ? first.access : {},
    });
    expect(second).to.deep.include({ kind: 'ask', missing: 'days' });
    const third = answerPecQuestion(en, 'all month', d4sv5, {
      today,
      previous: second.kind === 'ask' ? second.access : {},
    });
    expect(third.kind === 'card' && third.estimate.blendedRate.toFixed(2)).to.equal('0.15');
  });

  it('answers Reader straight away: no PEC, and says why (no need to ask the days)', () => {
    const r = answerPecQuestion(en, 'Reader role', d4sv5, { today });
    expect(r.kind === 'card' && r.data.verdict).to.equal('No PEC');
  });

  it('"오너 권한 20일" answers in Korean', () => {
    const r = answerPecQuestion(ko, '오너 권한 20일', d4sv5, { today });
    expect(r.kind === 'card' && r.data.facts.find((f) => f.title === '권한 보유 일수')?.value).to.equal(
      '30일 중 20일',
    );
  });

  it('Spot usage is excluded whatever the role', () => {
    const spot = { ...d4sv5, meter: { meterName: 'D4s v5 Spot', skuName: 'D4s v5 Spot' } };
    const r = answerPecQuestion(en, 'Owner all month', spot, { today });
    expect(r.kind === 'card' && r.data.reasons.map((x) => x.text).join(' ')).to.match(
      /Spot virtual machines/,
    );
  });

  it('an indirect reseller is told the credit goes to its indirect provider', () => {
    const r = answerPecQuestion(en, 'Owner all month', d4sv5, { today, partnerType: 'IndirectReseller' });
    expect(r.kind === 'card' && r.data.facts.find((f) => f.title === 'Paid to')?.value).to.equal(
      'Your indirect provider',
    );
  });
});
