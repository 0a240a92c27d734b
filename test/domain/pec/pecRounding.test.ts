import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import { PecEstimator } from '../../../src/domain/pec/pecEstimate.js';
import { floorToCents } from '../../../src/domain/billing/rounding.js';

/**
 * PEC is computed on the unrounded amount and the result is rounded once, as the docs' worked example
 * does (floor(25.172 × 0.85, 2) = 21.39, azure-plan.md §6). Rounding parts separately (an eligible
 * line and a non-eligible line, each floored) loses a cent in these cases.
 */
const cases: Array<{
  label: string;
  unitPrice: string;
  quantity: string;
  month: string;
  days: number;
  listPrice: string;
  billed: string;
  pec: string;
}> = [
  {
    label: '$1.00 for 10 of 30 days',
    unitPrice: '1',
    quantity: '1',
    month: '2026-09',
    days: 10,
    listPrice: '1.00',
    billed: '0.95',
    pec: '0.05',
  },
  {
    label: 'D4s v5 0.23 × 730 h for 20 of 30 days',
    unitPrice: '0.23',
    quantity: '730',
    month: '2026-09',
    days: 20,
    listPrice: '167.90',
    billed: '151.11',
    pec: '16.79',
  },
  {
    label: 'the docs example 0.868 × 29 all month',
    unitPrice: '0.868',
    quantity: '29',
    month: '2026-07',
    days: 31,
    listPrice: '25.17',
    billed: '21.39',
    pec: '3.78',
  },
];

/** What rounding each part separately would give (the old two-line sum). */
function separatelyRounded(unit: Decimal, qty: Decimal, days: number, monthDays: number): Decimal {
  const total = unit.times(qty);
  const eligible = floorToCents(total.times(days).times('0.85').dividedBy(monthDays));
  const other = floorToCents(total.times(monthDays - days).dividedBy(monthDays));
  return floorToCents(total).minus(eligible.plus(other));
}

describe('PEC rounding: computed unrounded, rounded once', () => {
  for (const c of cases) {
    it(`${c.label}: list ${c.listPrice}, billed ${c.billed}, PEC ${c.pec}`, () => {
      const r = new PecEstimator().estimate({
        unitPrice: new Decimal(c.unitPrice),
        quantity: new Decimal(c.quantity),
        month: c.month,
        access: { kind: 'days', days: c.days },
        role: 'Owner',
      });
      expect(r.listPrice.toFixed(2)).to.equal(c.listPrice);
      expect(r.billedAmount.toFixed(2)).to.equal(c.billed);
      expect(r.pecAmount.toFixed(2)).to.equal(c.pec);
      expect(r.listPrice.minus(r.billedAmount).toFixed(2)).to.equal(c.pec);
    });
  }

  it('the partial-month cases are a cent off when each part is rounded separately', () => {
    for (const c of cases.slice(0, 2)) {
      const separate = separatelyRounded(new Decimal(c.unitPrice), new Decimal(c.quantity), c.days, 30);
      expect(separate.minus(c.pec).abs().toFixed(2), c.label).to.equal('0.01');
    }
  });
});
