import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import { Translator } from '../../../src/i18n/translator.js';
import { PecEstimator, type PecEstimateInput } from '../../../src/domain/pec/pecEstimate.js';
import { pecEstimateCard, reasonText } from '../../../src/features/pec/pecCards.js';
import type { PecReasonCode } from '../../../src/domain/pec/pecEligibility.js';

const price = {
  meterLabel: 'D2s v3, West Europe',
  unitOfMeasure: '1 Hour',
  priceSource: 'Azure Retail Prices API',
  snapshot: 'snapshot of Aug 22, 2026',
};
const input = (over: Partial<PecEstimateInput> = {}): PecEstimateInput => ({
  unitPrice: new Decimal('0.12'),
  quantity: new Decimal(730),
  month: '2026-09',
  access: { kind: 'days', days: 10 },
  role: 'Owner',
  ...over,
});
const card = (locale: 'en-US' | 'ko-KR', over: Partial<PecEstimateInput> = {}) => {
  const i = input(over);
  return pecEstimateCard(
    new Translator(locale),
    new PecEstimator().estimate(i),
    { ...price, role: i.role },
    i.quantity,
    i.unitPrice,
  );
};
const fact = (c: ReturnType<typeof card>, title: string): string | undefined =>
  c.facts.find((f) => f.title === title)?.value;

describe('PEC estimate card', () => {
  it('shows list price, PEC, billed amount, effective price and blended rate for 10 of 30 days', () => {
    const c = card('en-US');
    expect(fact(c, 'List price')).to.equal('$87.60');
    expect(fact(c, 'PEC')).to.equal('$4.38');
    expect(fact(c, 'Billed before tax (estimate)')).to.equal('$83.22');
    expect(fact(c, 'Effective unit price')).to.equal('$0.114');
    expect(fact(c, 'Blended PEC rate for the month')).to.equal('5%');
    expect(c.verdict).to.equal('Earns PEC');
  });

  it('says why not for Reader, in English and Korean', () => {
    expect(
      card('en-US', { role: 'Reader' })
        .reasons.map((r) => r.text)
        .join(' '),
    ).to.match(/read-only roles never earn PEC/);
    const ko = card('ko-KR', { role: 'Reader' });
    expect(ko.verdict).to.equal('PEC 미적용');
    expect(ko.reasons[0].text).to.match(/읽기 전용/);
  });

  it('states it is an estimate, with the rate date and the price source', () => {
    const c = card('en-US');
    expect(c.footer)
      .to.match(/^Estimate/)
      .and.match(/Jul 10, 2020/)
      .and.match(/Azure Retail Prices API/);
    expect(card('ko-KR').footer).to.match(/예상 금액/);
  });

  it('has a message for every reason code and excluded-usage kind in both languages', () => {
    const codes: PecReasonCode[] = [
      'roleQualifies',
      'roleQualifiesUsageExcluded',
      'wholeDaysOnly',
      'roleReadOnly',
      'roleUnknown',
      'roleMissing',
      'meterExcluded',
      'wholeDayRule',
      'noWholeDay',
      'scopeRollsUp',
      'fullMonth',
      'partialMonth',
      'noAccessDays',
      'indirectProviderEarns',
      'resellerNeverDirect',
    ];
    for (const locale of ['en-US', 'ko-KR'] as const) {
      const t = new Translator(locale);
      for (const code of codes) {
        const text = reasonText(t, {
          code,
          params: {
            role: 'Owner',
            meterReason: 'spot',
            scope: 'resourceGroup',
            days: '2026-09-11',
            wholeDays: 1,
            partialDays: 1,
            daysInMonth: 30,
            stated: 9.5,
          },
        });
        expect(text, `${locale} ${code}`).to.not.match(/^pec\.|\{\w+\}|pec\.(meterReason|scope)/);
      }
    }
  });
});
