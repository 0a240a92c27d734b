import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import { PecEstimator, type PecEstimateInput } from '../../../src/domain/pec/pecEstimate.js';
import { meterCharge } from '../../../src/domain/pec/effectiveUnitPrice.js';
import { billingPreTaxTotal } from '../../../src/domain/billing/rounding.js';
import { PecRateSchedule } from '../../../src/domain/pec/pecRate.js';
import { DomainError } from '../../../src/domain/errors.js';

const d = (v: string | number): Decimal => new Decimal(v);
const estimator = new PecEstimator();
const base = (over: Partial<PecEstimateInput> = {}): PecEstimateInput => ({
  unitPrice: d('0.12'),
  quantity: d(730),
  month: '2026-09',
  access: { kind: 'fullMonth' },
  role: 'Owner',
  ...over,
});
const codes = (input: PecEstimateInput): string[] => estimator.estimate(input).reasons.map((r) => r.code);

describe('PEC estimate (azure-plan.md §5–§6 worked examples)', () => {
  it('0.868/h × 29 units with PEC bills floor(29 × 0.868 × 0.85, 2) = 21.39 and saves 3.78', () => {
    const r = estimator.estimate(base({ unitPrice: d('0.868'), quantity: d(29) }));
    expect(r.listPrice.toFixed(2)).to.equal('25.17');
    expect(r.billedAmount.toFixed(2)).to.equal('21.39');
    expect(r.pecAmount.toFixed(2)).to.equal('3.78');
    expect(r.effectiveUnitPrice.toFixed(6)).to.equal('0.737586');
  });

  it('reproduces the effective-unit-price sequence 29 → 21.39, 210.950039 → 155.63, 555.950039 → 410.17', () => {
    const rate = d('0.15');
    const cases: Array<[string, string, string]> = [
      ['29', '21.39', '0.7375862'],
      ['210.950039', '155.63', '0.7377576'],
      ['555.950039', '410.17', '0.7377821'],
    ];
    for (const [quantity, billed, eup] of cases) {
      const charge = meterCharge(d('0.868'), d(quantity), rate);
      expect(charge.billedCost.toFixed(2), quantity).to.equal(billed);
      expect(charge.effectiveUnitPrice.toFixed(7, Decimal.ROUND_DOWN), quantity).to.equal(eup);
    }
  });

  it('converts the EUR example: floor(0.737586… × 29 × 0.846202666, 2) = 18.10', () => {
    const { effectiveUnitPrice } = meterCharge(d('0.868'), d(29), d('0.15'));
    expect(billingPreTaxTotal(effectiveUnitPrice, d(29), d('0.846202666')).toFixed(2)).to.equal('18.10');
  });

  it('D2s v3 0.12 × 730 h with PEC for 10 of 30 days → 83.22 (blended rate 5 %)', () => {
    const r = estimator.estimate(base({ access: { kind: 'days', days: 10 } }));
    expect(r.listPrice.toFixed(2)).to.equal('87.60');
    expect(r.billedAmount.toFixed(2)).to.equal('83.22');
    expect(r.pecAmount.toFixed(2)).to.equal('4.38');
    expect(r.blendedRate.toFixed(4)).to.equal('0.0500');
    expect(r.effectiveUnitPrice.toFixed(3)).to.equal('0.114');
    expect(codes(base({ access: { kind: 'days', days: 10 } }))).to.include('partialMonth');
  });

  it('D2s v3 0.12 × 730 h with PEC all month → 74.46, effective 0.102/h, blended 15 %', () => {
    const r = estimator.estimate(base());
    expect(r.billedAmount.toFixed(2)).to.equal('74.46');
    expect(r.effectiveUnitPrice.toFixed(3)).to.equal('0.102');
    expect(r.blendedRate.toFixed(2)).to.equal('0.15');
    expect(r.eligible).to.equal(true);
  });

  it('states the rate in force with its effective-from date and source', () => {
    const r = estimator.estimate(base());
    expect(r.rate.rate.toFixed()).to.equal('0.15');
    expect(r.rate.effectiveFrom).to.match(/^\d{4}-\d{2}-\d{2}$/);
    expect(r.rate.source).to.match(/Partner Center/);
  });

  it('uses a later dated rate when the schedule has one', () => {
    const schedule = new PecRateSchedule([
      { rate: d('0.15'), effectiveFrom: '2020-07-10', source: 'a' },
      { rate: d('0.10'), effectiveFrom: '2030-01-01', source: 'b' },
    ]);
    const r = new PecEstimator(schedule).estimate(base({ month: '2030-03' }));
    expect(r.pecAmount.toFixed(2)).to.equal('8.76');
  });

  it('rejects more access days than the month has, and malformed months', () => {
    expect(() => estimator.estimate(base({ access: { kind: 'days', days: 31 } }))).to.throw(DomainError);
    expect(() => estimator.estimate(base({ month: '2026-13' }))).to.throw(DomainError);
  });
});

describe('PEC eligibility rules in the estimate', () => {
  const cases: Array<{ rule: string; input: Partial<PecEstimateInput>; eligible: boolean; code: string }> = [
    {
      rule: 'qualifying role: Owner earns PEC',
      input: { role: 'Owner' },
      eligible: true,
      code: 'roleQualifies',
    },
    {
      rule: 'qualifying role: Contributor earns PEC',
      input: { role: 'contributor' },
      eligible: true,
      code: 'roleQualifies',
    },
    {
      rule: 'qualifying role: Backup Operator earns PEC',
      input: { role: 'Backup Operator' },
      eligible: true,
      code: 'roleQualifies',
    },
    {
      rule: 'read-only never qualifies: Reader',
      input: { role: 'Reader' },
      eligible: false,
      code: 'roleReadOnly',
    },
    {
      rule: 'read-only never qualifies: Billing Reader',
      input: { role: 'Billing Reader' },
      eligible: false,
      code: 'roleReadOnly',
    },
    {
      rule: 'read-only never qualifies: an unlisted "… Reader" role',
      input: { role: 'Azure Kubernetes Service Cluster Reader' },
      eligible: false,
      code: 'roleReadOnly',
    },
    {
      rule: 'unknown role is not assumed eligible',
      input: { role: 'Fancy Operator' },
      eligible: false,
      code: 'roleUnknown',
    },
    {
      rule: 'missing role is not assumed eligible',
      input: { role: undefined },
      eligible: false,
      code: 'roleMissing',
    },
    {
      rule: 'excluded usage: Spot',
      input: { meter: { meterName: 'D2s v3 Spot' } },
      eligible: false,
      code: 'meterExcluded',
    },
    {
      rule: 'excluded usage: reservations',
      input: { meter: { type: 'Reservation' } },
      eligible: false,
      code: 'meterExcluded',
    },
    {
      rule: 'excluded usage: Third Party tag',
      input: { meter: { tags: 'Third Party' } },
      eligible: false,
      code: 'meterExcluded',
    },
    {
      rule: 'excluded usage: marketplace',
      input: { meter: { marketplace: true } },
      eligible: false,
      code: 'meterExcluded',
    },
    {
      rule: 'excluded usage: savings plan',
      input: { meter: { savingsPlan: true } },
      eligible: false,
      code: 'meterExcluded',
    },
    {
      rule: 'no access days earns nothing',
      input: { access: { kind: 'days', days: 0 } },
      eligible: false,
      code: 'noAccessDays',
    },
    {
      rule: 'scope: subscription access covers what rolls up',
      input: { scope: 'subscription' },
      eligible: true,
      code: 'scopeRollsUp',
    },
    {
      rule: 'scope: resource-group access covers what rolls up',
      input: { scope: 'resourceGroup' },
      eligible: true,
      code: 'scopeRollsUp',
    },
    {
      rule: 'indirect model: the indirect provider earns it',
      input: { partnerType: 'IndirectProvider' },
      eligible: true,
      code: 'indirectProviderEarns',
    },
    {
      rule: 'indirect model: resellers never receive it directly',
      input: { partnerType: 'IndirectReseller' },
      eligible: true,
      code: 'resellerNeverDirect',
    },
  ];
  for (const c of cases) {
    it(`rule — ${c.rule}`, () => {
      const r = estimator.estimate(base(c.input));
      expect(r.eligible).to.equal(c.eligible);
      expect(r.reasons.map((x) => x.code)).to.include(c.code);
      if (!c.eligible) expect(r.pecAmount.toFixed(2)).to.equal('0.00');
    });
  }

  it('rule — whole-day rule: access from 10:00 on the 11th counts from the 12th', () => {
    const r = estimator.estimate(
      base({
        access: {
          kind: 'intervals',
          intervals: [{ from: '2026-09-11T10:00:00Z', to: '2026-09-21T00:00:00Z' }],
        },
      }),
    );
    expect(r.eligibleDays).to.equal(9);
    expect(r.reasons.find((x) => x.code === 'noWholeDay')?.params?.days).to.equal('2026-09-11');
  });

  it('rule — indirect model: the reseller earns nothing itself; the credit goes to the provider', () => {
    expect(estimator.estimate(base({ partnerType: 'IndirectReseller' })).recipient).to.equal(
      'indirectProvider',
    );
    expect(estimator.estimate(base({ partnerType: 'DirectBill' })).recipient).to.equal('partner');
  });
});
