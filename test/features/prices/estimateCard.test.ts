import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { CardRenderer, defaultCardDirectories } from '../../../src/cards/cardRenderer.js';
import { fixedClock } from '../../../src/domain/clock.js';
import { splitEstimateLines } from '../../../src/domain/prices/estimate.js';
import { buildEstimateCard, estimateCsv } from '../../../src/features/prices/estimateCard.js';
import { Translator } from '../../../src/i18n/translator.js';
import { PriceService } from '../../../src/priceData/priceService.js';
import { adaptiveCardProblems } from '../../cards/adaptiveCardValidator.js';
import { FINOPS_DIR, FIXTURE_SNAPSHOT } from '../../priceData/fixtures.js';

describe('several-line estimate: each line with PEC, the total, the FX month, and its CSV', () => {
  let dir: string;
  let service: PriceService;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'estimate-fx-'));
    // A published monthly EUR rate (prices.md §4: January 2024, 1.1105).
    writeFileSync(join(dir, 'fx.csv'), '"CurrencyCode","USDPerUnit","Month"\n"EUR","1.1105","2024-01"\n');
    service = new PriceService({
      paths: { snapshotDir: FIXTURE_SNAPSHOT, finopsDir: FINOPS_DIR, fxFile: join(dir, 'fx.csv') },
      clock: fixedClock('2026-08-25T10:00:00Z'),
    });
    service.load();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('one thing is no estimate; "+", new lines and ";" separate lines', () => {
    expect(splitEstimateLines('D4s v5 west europe')).to.equal(null);
    expect(splitEstimateLines('D4s v5 + P30 disk')).to.deep.equal(['D4s v5', 'P30 disk']);
    expect(splitEstimateLines('D4s v5\nP30 disk; E10 disk')).to.deep.equal([
      'D4s v5',
      'P30 disk',
      'E10 disk',
    ]);
  });

  const cases = [
    {
      locale: 'en-US' as const,
      q: '3 D2s v3 730h + P30 disk in west europe in EUR for January 2024, Owner all month',
      expect: [
        '1. D2s v3 in West Europe',
        '$262.80',
        '$39.42 (15%)',
        '$349.76',
        '€314.96 after PEC (FX rate of 2024-01: 1 EUR = 1.1105 USD)',
        'Owner access all month',
      ],
    },
    {
      locale: 'ko-KR' as const,
      q: '서유럽 D2s v3 3대 730시간 + P30 디스크, EUR 2024년 1월, Owner 한 달 내내',
      expect: [
        '1. 서유럽 D2s v3',
        'US$262.80',
        'US$349.76',
        '2024-01 환율: 1 EUR = 1.1105 USD',
        '한 달 내내 Owner 권한',
      ],
    },
  ];
  for (const c of cases) {
    it(`${c.locale}: ${c.q}`, () => {
      const estimate = service.estimate(c.q);
      if (!estimate) throw new Error('no estimate');
      expect(estimate.lines).to.have.length(2);
      const data = buildEstimateCard(estimate, new Translator(c.locale));
      const text = JSON.stringify(data);
      for (const part of c.expect) expect(text).to.include(part);
      expect(
        adaptiveCardProblems(new CardRenderer(defaultCardDirectories()).render('price-estimate', data)),
      ).to.deep.equal([]);
      const csv = estimateCsv(estimate).split('\r\n');
      expect(csv[0]).to.match(/,NetEUR,FxMonth,USDPerEUR$/);
      expect(csv[1]).to.match(
        /^1,.*,0\.12,2190,262\.80,0\.15,39\.42,223\.38,f052e8d7-f936-4165-af21-bf7c12c22216,201\.15,2024-01,1\.1105$/,
      );
      expect(csv[3]).to.equal('Total,,,,,,,,,411.48,,61.72,349.76,,314.96,2024-01,1.1105');
    });
  }

  it('Contributor for 10 of 31 days: PEC per whole day; a Reader earns none', () => {
    const partial = service.estimate('D2s v3 730h + P30 disk in west europe, Contributor for 10 days')!;
    expect(partial.pecBasis).to.deep.equal({ kind: 'days', role: 'Contributor', days: 10, monthDays: 31 });
    expect(partial.lines[0].pec.toDecimalPlaces(4).toFixed()).to.equal('4.2387');
    const reader = service.estimate('D2s v3 730h + P30 disk in west europe, Reader all month')!;
    expect(reader.pec.isZero()).to.equal(true);
    expect(JSON.stringify(buildEstimateCard(reader, new Translator('en-US')))).to.include(
      'Reader access does not earn PEC',
    );
  });
});
