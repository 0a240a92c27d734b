import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import { MonthlyBillEstimator, type UsageLine } from '../../../src/domain/billing/monthlyBillEstimate.js';
import { InMemoryFxRates } from '../../../src/domain/billing/fxMonth.js';
import type { AccessGrant } from '../../../src/domain/pec/pecEligibility.js';
import { DomainError } from '../../../src/domain/errors.js';

const SUB = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
const resource = {
  subscriptionId: SUB,
  resourceGroup: 'rg1',
  resourceUri: `/subscriptions/${SUB}/resourceGroups/rg1/providers/Microsoft.Compute/virtualMachines/vm1`,
};
const fx = new InMemoryFxRates([
  { currency: 'EUR', month: '2026-07', pcToBcRate: new Decimal('0.846202666') },
]);
const day = (n: number): string => `2026-07-${String(n).padStart(2, '0')}`;
const line = (n: number, quantity: string, over: Partial<UsageLine> = {}): UsageLine => ({
  usageDate: day(n),
  meterId: 'm-868',
  meterName: 'Test meter',
  resource,
  quantity: new Decimal(quantity),
  unitPrice: new Decimal('0.868'),
  ...over,
});
// Documented pattern: eligible 1–3 July, not eligible 4–7 July, eligible 8–31 July.
const grants: AccessGrant[] = [
  {
    role: 'Owner',
    scope: { level: 'subscription', subscriptionId: SUB },
    from: '2026-07-01',
    to: '2026-07-04',
  },
  { role: 'Owner', scope: { level: 'subscription', subscriptionId: SUB }, from: '2026-07-08', to: null },
];

describe('monthly bill estimate', () => {
  it('applies PEC per day and bills at most two lines per meter, floored, in EUR at the month rate', () => {
    const lines = Array.from({ length: 31 }, (_, i) => line(i + 1, '1'));
    const bill = new MonthlyBillEstimator().estimate({
      month: '2026-07',
      currency: 'EUR',
      lines,
      grants,
      fx,
    });
    expect(bill.lines).to.have.length(2);
    const [withPec, without] = bill.lines;
    expect(withPec.withPec).to.equal(true);
    expect(withPec.quantity.toFixed()).to.equal('27');
    expect(withPec.pricingTotal.toFixed(2)).to.equal('19.92'); // floor(27 × 0.868 × 0.85, 2) = floor(19.9206)
    expect(without.quantity.toFixed()).to.equal('4');
    expect(without.pricingTotal.toFixed(2)).to.equal('3.47'); // floor(3.472)
    expect(bill.billedUsd.toFixed(2)).to.equal('23.39');
    expect(bill.pecUsd.toFixed(2)).to.equal('3.51'); // 23.43 list − 19.92
    expect(bill.billedTotal.toFixed(2)).to.equal(withPec.billingTotal.plus(without.billingTotal).toFixed(2));
    expect(withPec.billingTotal.toFixed(2)).to.equal('16.85'); // floor(19.92 × 0.846202666, 2)
    expect(bill.invoice.invoiceDate).to.equal('2026-08-08T00:00:00.000Z');
  });

  it('matches the documented EUR example for 29 eligible units: 18.10', () => {
    const lines = Array.from({ length: 29 }, (_, i) => line(i + 1, '1'));
    const all: AccessGrant[] = [
      {
        role: 'Contributor',
        scope: { level: 'subscription', subscriptionId: SUB },
        from: '2026-06-01',
        to: null,
      },
    ];
    const bill = new MonthlyBillEstimator().estimate({
      month: '2026-07',
      currency: 'EUR',
      lines,
      grants: all,
      fx,
    });
    expect(bill.billedUsd.toFixed(2)).to.equal('21.39');
    expect(bill.billedTotal.toFixed(2)).to.equal('18.10');
  });

  it('gives Spot usage no PEC even with Owner access all month', () => {
    const lines = [
      line(9, '10', {
        meterId: 'spot',
        meterName: 'D2s v3 Spot',
        unitPrice: new Decimal('0.022176'),
        meter: { meterName: 'D2s v3 Spot' },
      }),
    ];
    const bill = new MonthlyBillEstimator().estimate({
      month: '2026-07',
      currency: 'USD',
      lines,
      grants,
      fx,
    });
    expect(bill.pecUsd.toFixed(2)).to.equal('0.00');
    expect(bill.billedTotal.toFixed(2)).to.equal('0.22');
  });

  it('refuses usage from another month (never mix months)', () => {
    expect(() =>
      new MonthlyBillEstimator().estimate({
        month: '2026-07',
        currency: 'EUR',
        lines: [line(1, '1', { usageDate: '2026-08-01' })],
        grants,
        fx,
      }),
    ).to.throw(DomainError);
  });
});
