import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import {
  countsWholeMonthsOfHours,
  defaultUsageQuantity,
  usageQuantity,
} from '../../../src/domain/prices/usageDefaults.js';

describe('usage a question means when it names none (domain/prices/usageDefaults)', () => {
  const cases: [string, string][] = [
    ['1 Hour', '730'],
    ['1 GB', '1'],
    ['10K', '1'],
    ['1/Month', '1'],
  ];
  for (const [unit, expected] of cases) {
    it(`a meter priced per "${unit}" → ${expected}`, () => {
      expect(defaultUsageQuantity(unit).toString()).to.equal(expected);
    });
  }

  it('what the question said wins over the default', () => {
    expect(usageQuantity(new Decimal(100), '1 Hour').toString()).to.equal('100');
    expect(usageQuantity(null, '1 Hour').toString()).to.equal('730');
    expect(usageQuantity(undefined, '1 GB').toString()).to.equal('1');
  });
});

describe('when a price answer says a month is 730 hours (domain/prices/usageDefaults)', () => {
  const cases: [string, string | null, boolean][] = [
    ['1 Hour', '730', true],
    ['1 Hour', '1460', true],
    ['1 Hour', '100', false],
    ['1 Hour', null, false],
    ['1 Hour', '0', false],
    ['100 Hours', '730', true],
    ['1 GB/Month', '730', false],
  ];
  for (const [unit, hours, expected] of cases) {
    it(`${hours ?? 'no'} hours of a "${unit}" meter → ${expected ? 'says so' : 'says nothing'}`, () => {
      expect(countsWholeMonthsOfHours(unit, hours === null ? null : new Decimal(hours))).to.equal(expected);
    });
  }
});
