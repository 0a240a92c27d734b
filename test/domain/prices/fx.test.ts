import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import { FxTable, monthOf } from '../../../src/domain/prices/fx.js';

describe('FX conversion (USD → local currency, monthly rate)', () => {
  // Monthly EUR values quoted by a distributor for 2024 (domain/prices.md §4), as USD per EUR.
  const table = new FxTable([
    { currency: 'EUR', usdPerUnit: new Decimal('1.1105'), month: '2024-01' },
    { currency: 'EUR', usdPerUnit: new Decimal('1.07985'), month: '2024-02' },
  ]);

  it('converts with the rate of exactly the month asked about and names it', () => {
    const result = table.convertUsd(new Decimal('87.60'), 'eur', '2024-02');
    expect(result.ok).to.equal(true);
    if (!result.ok) return;
    expect(result.month).to.equal('2024-02');
    expect(result.currency).to.equal('EUR');
    expect(result.amount.toDecimalPlaces(6).toFixed()).to.equal('81.122378');
  });

  it('gives a different amount for another month (months are never mixed)', () => {
    const january = table.convertUsd(new Decimal('87.60'), 'EUR', '2024-01');
    expect(january.ok && january.amount.toDecimalPlaces(6).toFixed()).to.equal('78.883386');
  });

  it('says there is no rate for a month it does not have, instead of borrowing another month', () => {
    expect(table.convertUsd(new Decimal(1), 'EUR', '2024-03')).to.deep.include({
      ok: false,
      reason: 'noRateForMonth',
      month: '2024-03',
    });
  });

  it('says there is no FX table when none is loaded', () => {
    expect(new FxTable([]).convertUsd(new Decimal(1), 'EUR', '2024-01')).to.deep.include({
      ok: false,
      reason: 'noFxTable',
    });
  });

  it('leaves USD unchanged', () => {
    const result = new FxTable([]).convertUsd(new Decimal('0.12'), 'USD', '2026-08');
    expect(result.ok && result.amount.toFixed()).to.equal('0.12');
  });

  it('reads the billing month of a snapshot date', () => {
    expect(monthOf('2026-08-22T20:59:40Z')).to.equal('2026-08');
  });
});
