import { expect } from 'chai';
import { invoiceForUsageDate, legacyInvoiceForUsageDate } from '../../../src/domain/billing/billingPeriod.js';
import { fxMonthFor, InMemoryFxRates, rateForUsage } from '../../../src/domain/billing/fxMonth.js';
import { Decimal } from 'decimal.js';
import { DomainError } from '../../../src/domain/errors.js';

describe('Azure plan billing calendar (rule 22)', () => {
  it('usage on 15 October is on the calendar-month October invoice of 8 November 00:00 UTC, due net 60', () => {
    expect(invoiceForUsageDate('2026-10-15')).to.deep.equal({
      usageDate: '2026-10-15',
      periodStart: '2026-10-01',
      periodEnd: '2026-10-31',
      invoiceDate: '2026-11-08T00:00:00.000Z',
      dueDate: '2027-01-07',
    });
  });
  it('December usage rolls into the January invoice of the next year', () => {
    const r = invoiceForUsageDate('2026-12-31');
    expect(r.invoiceDate).to.equal('2027-01-08T00:00:00.000Z');
    expect(r.dueDate).to.equal('2027-03-09');
  });
  it('February of a leap year ends on the 29th', () => {
    expect(invoiceForUsageDate('2028-02-10').periodEnd).to.equal('2028-02-29');
  });
  it('rejects an impossible date', () => {
    expect(() => invoiceForUsageDate('2026-02-30')).to.throw(DomainError);
  });
  it('legacy offer contrast: the period starts on the billing anniversary, invoice two days after it closes', () => {
    const r = legacyInvoiceForUsageDate('2026-10-15', 20);
    expect([r.periodStart, r.periodEnd, r.invoiceDate, r.dueDate]).to.deep.equal([
      '2026-09-20',
      '2026-10-19',
      '2026-10-22T00:00:00.000Z',
      null,
    ]);
    expect(legacyInvoiceForUsageDate('2026-10-25', 20).periodStart).to.equal('2026-10-20');
  });
});

describe('FX month rule (rule 18)', () => {
  it('usage is converted at the rate of its own month, published the day before the 1st', () => {
    expect(fxMonthFor('2026-11-30')).to.include({ month: '2026-11', publishedOn: '2026-10-31' });
    expect(fxMonthFor('2027-03-01')).to.include({ month: '2027-03', publishedOn: '2027-02-28' });
  });
  it('never falls back to another month when the month rate is missing', () => {
    const fx = new InMemoryFxRates([
      { currency: 'EUR', month: '2026-10', pcToBcRate: new Decimal('0.846202666') },
    ]);
    expect(rateForUsage(fx, 'EUR', '2026-10-31').rate.toFixed()).to.equal('0.846202666');
    expect(() => rateForUsage(fx, 'EUR', '2026-11-01'))
      .to.throw(DomainError)
      .with.property('code', 'fx_rate_missing');
  });
});
