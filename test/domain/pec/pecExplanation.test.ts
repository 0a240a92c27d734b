import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import { PecEstimator, type PecEstimateInput } from '../../../src/domain/pec/pecEstimate.js';
import type { PartnerType } from '../../../src/domain/pec/pecEligibility.js';

const estimator = new PecEstimator();
const base = (over: Partial<PecEstimateInput> = {}): PecEstimateInput => ({
  unitPrice: new Decimal('0.12'),
  quantity: new Decimal(730),
  month: '2026-09',
  access: { kind: 'fullMonth' },
  role: 'Owner',
  ...over,
});

/** Reasons that only make sense when the credit is earned on those days. */
const EARNING_REASONS = ['fullMonth', 'partialMonth', 'wholeDayRule'];

describe('PEC: the explanation never contradicts the amounts', () => {
  const noPec: Array<[string, Partial<PecEstimateInput>]> = [
    ['Reader, all month', { role: 'Reader' }],
    ['Billing Reader, 20 days', { role: 'Billing Reader', access: { kind: 'days', days: 20 } }],
    ['an unknown role, all month', { role: 'Fancy Operator' }],
    ['Reader, days not given', { role: 'Reader', access: { kind: 'notGiven' } }],
    ['Owner on a Spot VM, all month', { meter: { meterName: 'D2s v3 Spot' } }],
    [
      'Owner on a reservation, 12 days',
      { meter: { type: 'Reservation' }, access: { kind: 'days', days: 12 } },
    ],
    [
      'Reader with intervals covering whole days',
      {
        role: 'Reader',
        access: { kind: 'intervals', intervals: [{ from: '2026-09-01', to: '2026-09-11' }] },
      },
    ],
  ];
  for (const [label, over] of noPec) {
    it(`${label}: PEC 0 and no reason says the rate applies`, () => {
      const r = estimator.estimate(base(over));
      expect(r.pecAmount.toFixed(2)).to.equal('0.00');
      expect(r.eligible).to.equal(false);
      const codes = r.reasons.map((x) => x.code);
      for (const code of EARNING_REASONS) expect(codes, label).to.not.include(code);
    });
  }

  it('an ineligible role is told why: read-only, never earns PEC', () => {
    const r = estimator.estimate(base({ role: 'Reader' }));
    expect(r.reasons[0]).to.deep.equal({ code: 'roleReadOnly', params: { role: 'Reader' } });
  });

  it('excluded usage comes first; the role is not said to "qualify" as if it earned PEC here', () => {
    const r = estimator.estimate(base({ meter: { meterName: 'D2s v3 Spot' } }));
    expect(r.reasons.slice(0, 2)).to.deep.equal([
      { code: 'meterExcluded', params: { meterReason: 'spot' } },
      { code: 'roleQualifiesUsageExcluded', params: { role: 'Owner' } },
    ]);
  });

  it('a qualifying role with all days still says the full rate applies', () => {
    const r = estimator.estimate(base());
    expect(r.reasons.map((x) => x.code)).to.include('fullMonth');
    expect(r.blendedRate.toFixed(2)).to.equal('0.15');
  });
});

describe('PEC: who is paid, by the asking partner type', () => {
  const cases: Array<[PartnerType | undefined, string]> = [
    ['DirectBill', 'partner'],
    ['IndirectProvider', 'partner'],
    ['IndirectReseller', 'indirectProvider'],
    [undefined, 'partner'],
  ];
  for (const [partnerType, recipient] of cases) {
    it(`${partnerType ?? 'unknown type'} → ${recipient}`, () => {
      const r = estimator.estimate(base({ partnerType }));
      expect(r.recipient).to.equal(recipient);
      expect(r.partnerType).to.equal(partnerType);
    });
  }
});
