import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import { NumberReader, numberReader } from '../../../src/domain/prices/numbers.js';
import { quantityInUnits, unusedQuantityFacts } from '../../../src/domain/prices/quantity.js';
import { readQuantityFacts } from '../../../src/domain/prices/quantityWords.js';

describe('numbers as partners type them (ICU locale data)', () => {
  /** [text, numbers read as [typed, value]] */
  const forms: [string, [string, string][]][] = [
    ['1,010,000', [['1,010,000', '1010000']]],
    ['1,500', [['1,500', '1500']]],
    ['1,234.5', [['1,234.5', '1234.5']]],
    ['1 010 000', [['1 010 000', '1010000']]],
    ['1\u202f010\u202f000', [['1\u202f010\u202f000', '1010000']]],
    ['1.5k', [['1.5k', '1500']]],
    ['250K', [['250K', '250000']]],
    ['2M', [['2M', '2000000']]],
    ['2 million', [['2 million', '2000000']]],
    ['3 thousand', [['3 thousand', '3000']]],
    ['1.5bn', [['1.5bn', '1500000000']]],
    // German-style forms only where no en-US / ko-KR reading fits.
    ['1,5', [['1,5', '1.5']]],
    ['1.010.000', [['1.010.000', '1010000']]],
    ['1.234,5', [['1.234,5', '1234.5']]],
    ['1.500', [['1.500', '1.5']]],
    // Korean myriads.
    ['10만', [['10만', '100000']]],
    ['1만 개', [['1만', '10000']]],
    ['1.5만', [['1.5만', '15000']]],
    ['3천', [['3천', '3000']]],
    ['1억 2천만', [['1억 2천만', '120000000']]],
    ['2천5백', [['2천5백', '2500']]],
    // Not numbers of their own: inside sizes, "24/7", "2 m".
    ['D2s v3 E32-8s v5 P30 24/7', []],
    [
      'x3 2026 100',
      [
        ['3', '3'],
        ['2026', '2026'],
        ['100', '100'],
      ],
    ],
  ];
  for (const [text, expected] of forms) {
    it(`reads "${text}"`, () => {
      expect(numberReader.find(text).map((m) => [m.text, m.value.toFixed()])).to.deep.equal(expected);
    });
  }

  it('takes its separators and scale words from Intl.NumberFormat, not a fixed list', () => {
    const swiss = new NumberReader(['de-CH'], []);
    expect(swiss.find("1'010'000").map((m) => m.value.toFixed())).to.deep.equal(['1010000']);
  });
});

describe('quantities from numbers as partners type them, en-US and ko-KR', () => {
  /** [question, unit of measure, block size, quantity in that unit] */
  const cases: [string, string, number, string][] = [
    ['D4s v5 x 1,010,000 hours in West Europe', '1 Hour', 1, '1010000'],
    ['D4s v5 1 010 000 hours in West Europe', '1 Hour', 1, '1010000'],
    ['D4s v5 for 1.5k hours', '1 Hour', 1, '1500'],
    ['D4s v5 for 1,5 hours', '1 Hour', 1, '1.5'],
    ['D4s v5 for 1.010.000 hours', '1 Hour', 1, '1010000'],
    ['3 VMs D4s v5 for 1,500 hours', '1 Hour', 1, '4500'],
    ['block blob write operations 2M', '10K', 10000, '200'],
    ['Standard SSD disk transactions 1.5 million', '10K', 10000, '150'],
    ['1 TB of hot LRS blob storage', '1 GB/Month', 1, '1024'],
    ['서유럽 D4s v5 10만 시간', '1 Hour', 1, '100000'],
    ['서유럽 D4s v5 1,010,000시간', '1 Hour', 1, '1010000'],
    ['서유럽 D4s v5 1 010 000 시간', '1 Hour', 1, '1010000'],
    ['서유럽 D4s v5 3대 1.5천 시간', '1 Hour', 1, '4500'],
    ['표준 SSD 디스크 1만 개 트랜잭션', '10K', 10000, '1'],
    ['블록 blob 쓰기 작업 1억 2천만 건', '10K', 10000, '12000'],
    ['서유럽 핫 LRS blob 스토리지 1TB', '1 GB/Month', 1, '1024'],
  ];
  for (const [question, unit, block, expected] of cases) {
    it(`"${question}" → ${expected} (${unit}), nothing left unread`, () => {
      const facts = readQuantityFacts(question);
      expect(quantityInUnits(facts, unit, new Decimal(block))?.toFixed() ?? null).to.equal(expected);
      expect(facts.unread).to.deep.equal([]);
      expect(unusedQuantityFacts(facts, unit)).to.deep.equal([]);
    });
  }

  /** A number that is no quantity the engine can use is kept, never dropped. */
  const kept: [string, string, string[], string[]][] = [
    ['D2s v3 5 in West Europe', '1 Hour', ['5'], []],
    ['서유럽 D2s v3 7 가격', '1 Hour', ['7'], []],
    ['P30 disk 512 GiB in West Europe', '1/Month', [], ['512 GiB']],
    ['D2s v3 3 TB in West Europe', '1 Hour', [], ['3 TB']],
    ['서유럽 P30 디스크 512GB', '1/Month', [], ['512GB']],
  ];
  for (const [question, unit, unread, unused] of kept) {
    it(`"${question}" keeps ${JSON.stringify([...unread, ...unused])} to show back`, () => {
      const facts = readQuantityFacts(question);
      expect(facts.unread).to.deep.equal(unread);
      expect(unusedQuantityFacts(facts, unit).map((kind) => facts.said[kind])).to.deep.equal(unused);
    });
  }

  it('"per 10K", "1-year savings plan", "version 3", "24/7" are not quantities left unread', () => {
    for (const question of [
      'Standard SSD disk transactions price per 10K',
      'D2s v3 1-year savings plan price',
      'D2s version 3 Windows price',
      'we need 2x D8ds v5 running 24/7 for a month',
    ]) {
      expect(readQuantityFacts(question).unread, question).to.deep.equal([]);
    }
  });
});
