import { expect } from 'chai';
import { KOREAN_REGION_NAMES, RegionResolver, type RegionAlias } from '../../../src/domain/prices/regions.js';
import { readTextFileSync } from '../../../src/priceData/compressedFiles.js';
import { importRegionsCsv } from '../../../src/priceData/finopsImport.js';
import { FINOPS_DIR } from '../../priceData/fixtures.js';

const regionsCsv = `${FINOPS_DIR}/Regions.csv.gz`;

describe('region names in questions', () => {
  const aliases: RegionAlias[] = importRegionsCsv('Regions.csv', readTextFileSync(regionsCsv)).rows;
  const resolver = new RegionResolver([...aliases, ...KOREAN_REGION_NAMES]);

  const cases: [string, string | null, boolean?][] = [
    ['how much is a D2s v3 in West Europe?', 'westeurope'],
    ['Standard_D4s_v5 price in North Europe', 'northeurope'],
    ['price for d2as_v5 in swedencentral?', 'swedencentral'],
    ['E8s v5 in weu, 730 hours', 'westeurope'],
    ['B4s v2 in EU West', 'westeurope'],
    ['D32s v6 in dublin', 'northeurope'],
    ['S4 HDD managed disk in Paris', 'francecentral'],
    ['E10 disk price Amsterdam', 'westeurope'],
    ['E2as v5 windows spot swedenc', 'swedencentral'],
    ['we need 2x D8ds v5 running 24/7 for a month in North Europe, total?', 'northeurope'],
    ['D4as v4 price in West Erope', 'westeurope', true],
    ['서유럽 D4s v5 윈도우 가격 알려줘', 'westeurope'],
    ['스웨덴 중부 E8ds v5 한 달 요금', 'swedencentral'],
    ['스웨덴중부 E8ds v5', 'swedencentral'],
    ['벨기에 중부에서 E4s v5 3대', 'belgiumcentral'],
    ['프랑스중부 B4als v2 가격 얼마에요?', 'francecentral'],
    ['북유렵 D2ds v4 가격', 'northeurope', true],
    ['E8s v5 in ne', 'northeurope'],
    ['we need a D2s v3 price', null],
    ['I am looking for D4s v5', null],
  ];
  for (const [question, region, corrected] of cases) {
    it(`"${question}" → ${region ?? 'no region'}`, () => {
      const result = resolver.resolve(question);
      if (region === null) {
        expect(result.kind).to.equal('none');
        return;
      }
      expect(result.kind).to.equal('found');
      if (result.kind !== 'found') return;
      expect({ region: result.region.regionId, corrected: result.region.corrected }).to.deep.equal({
        region,
        corrected: corrected ?? false,
      });
    });
  }

  it('offers both regions when a question names two', () => {
    const result = resolver.resolve('D2s v3 in West Europe or North Europe');
    expect(result.kind).to.equal('ambiguous');
    if (result.kind === 'ambiguous')
      expect(result.regions.map((r) => r.regionId)).to.have.members(['westeurope', 'northeurope']);
  });

  it('offers both regions when a typo is one character from two names ("dubli": Dublin or Dubai)', () => {
    const result = resolver.resolve('D2s v3 price in dubli');
    expect(result.kind).to.equal('ambiguous');
    if (result.kind === 'ambiguous')
      expect(result.regions.map((r) => r.regionId)).to.have.members(['northeurope', 'uaenorth']);
  });
});
