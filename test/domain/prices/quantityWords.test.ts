import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import { quantityInUnits } from '../../../src/domain/prices/quantity.js';
import { readQuantityFacts } from '../../../src/domain/prices/quantityWords.js';

/** [question, unit of measure, block size, expected quantity in that unit or null] */
const cases: [string, string, number, string | null][] = [
  ['E8s v5 in weu, 730 hours', '1 Hour', 1, '730'],
  ['1,500 hours of D2s v3', '1 Hour', 1, '1500'],
  ['D4s v5 730h', '1 Hour', 1, '730'],
  ['E16ds v5 Windows for a month', '1 Hour', 1, '730'],
  ["B4s v2 - what's the monthly cost?", '1 Hour', 1, '730'],
  ['3 VMs D4ds v5 for 100 hours', '1 Hour', 1, '300'],
  ['we need 2x D8ds v5 running 24/7 for a month', '1 Hour', 1, '1460'],
  ['E32s v3 windows, 5 servers for 2 weeks', '1 Hour', 1, '1680'],
  ['E16 v5 price per day', '1 Hour', 1, '24'],
  ['D2s v3 for 3 days', '1 Hour', 1, '72'],
  ['D2s v3 for a year', '1 Hour', 1, '8760'],
  ['D2s v3 for 2 months on 4 nodes', '1 Hour', 1, '5840'],
  ['D8s v5 windows hourly rate', '1 Hour', 1, null],
  ['D8s v5 x3 for 10 hours', '1 Hour', 1, '30'],
  ['3 D4s v5 for 100 hours', '1 Hour', 1, '300'],
  ['2 P30 disks in North Europe', '1/Month', 1, '2'],
  ['how much is a D2s v3 in West Europe?', '1 Hour', 1, null],
  ['two VMs for a week', '1 Hour', 1, '336'],
  ['D2s v3 1-year savings plan price', '1 Hour', 1, null],
  ['스웨덴 중부 E8ds v5 한 달 요금', '1 Hour', 1, '730'],
  ['벨기에 중부에서 E4s v5 3대 100시간 돌리면 얼마?', '1 Hour', 1, '300'],
  ['북유럽 Standard_E2s_v5 리눅스 월 비용', '1 Hour', 1, '730'],
  ['북유럽 B2s v2 시간당 가격', '1 Hour', 1, null],
  ['D2s v3 2주', '1 Hour', 1, '336'],
  ['D2s v3 1년', '1 Hour', 1, '8760'],
  ['4 x P20 disks for 3 months', '1/Month', 1, '12'],
  ['P20 디스크 3개 4개월', '1/Month', 1, '12'],
  ['P30 disk in North Europe', '1/Month', 1, null],
  ['P30 disk price per month', '1/Month', 1, null],
  ['Standard SSD disk transactions, 2 million transactions', '10K', 10000, '200'],
  ['Standard SSD disk transactions price per 10K', '10K', 10000, null],
  ['Standard HDD disk transactions 5 million in Paris', '10K', 10000, '500'],
  ['block blob write operations: 250K', '10K', 10000, '25'],
  ['Premium SSD v2 capacity 512 GiB for a month', '1 GiB/Hour', 1, '373760'],
  ['Premium SSD v2 capacity price per GiB-hour', '1 GiB/Hour', 1, null],
];

describe('quantities in the row unit of measure', () => {
  for (const [question, unit, block, expected] of cases) {
    it(`"${question}" → ${expected ?? 'no quantity'} (${unit})`, () => {
      const quantity = quantityInUnits(readQuantityFacts(question), unit, new Decimal(block));
      expect(quantity ? quantity.toFixed() : null).to.equal(expected);
    });
  }
});
