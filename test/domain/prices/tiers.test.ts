import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import {
  graduatedCost,
  tierMinimumFromPriceSheet,
  type PriceTier,
} from '../../../src/domain/prices/tiers.js';

const tiers = (...pairs: [string, string][]): PriceTier[] =>
  pairs.map(([min, price]) => ({ minimumUnits: new Decimal(min), unitPrice: new Decimal(price) }));

describe('graduated tier pricing', () => {
  // Partner Center doc example: 1–100 @ 1.00, 101–100,000 @ 0.80, above @ 0.50 (ranges as in the price sheet).
  const documented = tiers(
    [tierMinimumFromPriceSheet('1').toFixed(), '1.00'],
    [tierMinimumFromPriceSheet('101').toFixed(), '0.80'],
    [tierMinimumFromPriceSheet('100001').toFixed(), '0.50'],
  );
  const cases: [string, string][] = [
    ['0', '0'],
    ['50', '50'],
    ['100', '100'],
    ['101', '100.8'],
    ['100000', '80020'],
    ['100002', '80021'],
    ['100.5', '100.4'],
  ];
  for (const [quantity, expected] of cases) {
    it(`${quantity} units of the documented example cost ${expected}`, () => {
      expect(graduatedCost(documented, new Decimal(quantity)).toFixed()).to.equal(expected);
    });
  }

  it('prices the Retail API Network Watcher tiers (first 10 free) exactly, in any row order', () => {
    const networkWatcher = tiers(
      ['240010', '0.1'],
      ['0', '0'],
      ['10', '0.3'],
      ['750010', '0.05'],
      ['1000010', '0.02'],
    );
    // 10 free + 240,000 × 0.3 + 10 × 0.1
    expect(graduatedCost(networkWatcher, new Decimal(240020)).toFixed()).to.equal('72001');
  });

  it('keeps decimal precision where floats would not (0.1 × 3 = 0.3)', () => {
    expect(graduatedCost(tiers(['0', '0.1']), new Decimal(3)).toFixed()).to.equal('0.3');
  });

  it('refuses a negative quantity', () => {
    expect(() => graduatedCost(documented, new Decimal(-1))).to.throw('DomainError validation');
  });
});
