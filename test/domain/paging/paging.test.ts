import { expect } from 'chai';
import {
  countParams,
  jsonBytes,
  normalizeOffset,
  pageOf,
  pageSizeForBudget,
  pageWindow,
} from '../../../src/domain/paging/paging.js';

describe('paging rules', () => {
  const cases: [string, { offset: number; size: number }, number, object][] = [
    [
      'first page',
      { offset: 0, size: 50 },
      4812,
      { first: 1, last: 50, hasPrevious: false, hasNext: true, nextOffset: 50 },
    ],
    [
      'second page',
      { offset: 50, size: 50 },
      4812,
      { first: 51, last: 100, hasPrevious: true, previousOffset: 0, nextOffset: 100 },
    ],
    ['last, partial page', { offset: 4800, size: 50 }, 4812, { first: 4801, last: 4812, hasNext: false }],
    [
      'an offset past the end goes to the last page',
      { offset: 99_999, size: 50 },
      4812,
      { first: 4801, last: 4812 },
    ],
    ['an unaligned offset is aligned down', { offset: 57, size: 50 }, 4812, { first: 51, last: 100 }],
    ['an empty list', { offset: 0, size: 10 }, 0, { first: 0, last: 0, hasPrevious: false, hasNext: false }],
    ['exactly one page', { offset: 0, size: 10 }, 10, { first: 1, last: 10, hasNext: false }],
  ];
  for (const [name, request, total, expected] of cases) {
    it(name, () => expect(pageWindow(request, total)).to.include(expected));
  }

  it('a forged offset (negative, NaN, text) is the first page', () => {
    for (const offset of [-5, Number.NaN, '10' as unknown])
      expect(normalizeOffset(offset, 10, 100)).to.equal(0);
  });

  it('pageOf slices the items of the page', () => {
    const { items, window } = pageOf([1, 2, 3, 4, 5], { offset: 2, size: 2 });
    expect(items).to.deep.equal([3, 4]);
    expect(countParams(window)).to.deep.equal({ first: 3, last: 4, total: 5 });
  });

  it('the page size fits the budget, at least one and at most max', () => {
    expect(
      pageSizeForBudget({ fixedBytes: 2000, perItemBytes: 1000, max: 50, budgetBytes: 12_000 }),
    ).to.equal(10);
    expect(pageSizeForBudget({ fixedBytes: 2000, perItemBytes: 100, max: 50, budgetBytes: 12_000 })).to.equal(
      50,
    );
    expect(
      pageSizeForBudget({ fixedBytes: 20_000, perItemBytes: 1000, max: 50, budgetBytes: 12_000 }),
    ).to.equal(1);
  });

  it('counts bytes as UTF-8 (Korean: 3 bytes a character)', () => {
    expect(jsonBytes('가나')).to.equal(8);
    expect(jsonBytes('ab')).to.equal(4);
  });
});
