import { expect } from 'chai';
import { CardRenderer, defaultCardDirectories } from '../../../src/cards/cardRenderer.js';
import { fixedClock } from '../../../src/domain/clock.js';
import { readCheapestRegionQuestion } from '../../../src/domain/prices/cheapestRegion.js';
import { buildRankingCard, rankingText } from '../../../src/features/prices/rankingCard.js';
import { Translator } from '../../../src/i18n/translator.js';
import { PriceService } from '../../../src/priceData/priceService.js';
import { adaptiveCardProblems } from '../../cards/adaptiveCardValidator.js';
import { EU_SNAPSHOT, FINOPS_DIR } from '../../priceData/fixtures.js';

describe('cheapest region: the snapshot regions ranked by the price of one thing', () => {
  const service = new PriceService({
    paths: { snapshotDir: EU_SNAPSHOT, finopsDir: FINOPS_DIR, fxFile: null, cacheDir: null },
    clock: fixedClock('2026-08-25T10:00:00Z'),
  });
  before(() => service.load());

  it('reads the question without its ranking words, in English and Korean', () => {
    expect(readCheapestRegionQuestion('cheapest region for D4s v5 windows')).to.equal('D4s v5 windows');
    expect(readCheapestRegionQuestion('which region is cheapest for a D2s v3?')).to.equal('a D2s v3');
    expect(readCheapestRegionQuestion('D4s v5 윈도우 가장 싼 지역은 어디')).to.equal('D4s v5 윈도우');
    expect(readCheapestRegionQuestion('D4s v5 windows west europe')).to.equal(null);
  });

  const cases = [
    {
      locale: 'en-US' as const,
      q: 'cheapest region for D4s v5 windows',
      expect: [
        'Cheapest regions for D4s v5 (Windows)',
        'All 5 regions with a price, cheapest first',
        '1–3 of 5 regions',
        'This snapshot covers',
      ],
    },
    {
      locale: 'ko-KR' as const,
      q: 'D4s v5 윈도우 가장 싼 지역',
      expect: [
        'D4s v5(윈도우) 가격이 가장 낮은 지역',
        '가격이 있는 지역 5개 전체, 낮은 가격순',
        '지역 5개 중 1–3',
        '이 스냅샷에 포함된 지역',
      ],
    },
  ];
  for (const c of cases) {
    it(`${c.locale}: "${c.q}" ranks every region cheapest first and names the covered regions`, () => {
      const ranking = service.rankRegions(readCheapestRegionQuestion(c.q)!);
      if (ranking?.kind !== 'ranking') throw new Error('not ranked');
      const prices = ranking.ranked.map((r) => r.row.unitPrice.toNumber());
      expect(prices).to.deep.equal([...prices].sort((a, b) => a - b));
      expect(ranking.ranked.every((r) => /Windows/.test(r.row.productName))).to.equal(true);
      expect(ranking.covered).to.have.length(5);
      const westEurope = ranking.ranked.find((r) => r.regionId === 'westeurope');
      expect(westEurope?.row.unitPriceText).to.equal('0.414');
      const data = buildRankingCard(ranking, new Translator(c.locale), 3);
      const text = rankingText(data);
      for (const part of c.expect) expect(text).to.include(part);
      expect(data.rows).to.have.length(3);
      expect(data.rows[1].value).to.match(/\(\+\d/);
      const card = new CardRenderer(defaultCardDirectories()).render('price-ranking', data);
      expect(adaptiveCardProblems(card)).to.deep.equal([]);
    });
  }

  it('a size the snapshot lacks is not ranked: the plain answer says what is missing', () => {
    const ranking = service.rankRegions('Z99 v9');
    expect(ranking?.kind).to.equal('notRanked');
  });
});
