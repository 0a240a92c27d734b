import { expect } from 'chai';
import { UnitTable } from '../../src/domain/prices/units.js';
import { readTextFileSync } from '../../src/priceData/compressedFiles.js';
import { importPricingUnitsCsv, importRegionsCsv } from '../../src/priceData/finopsImport.js';
import { billingMonth, importFxRatesCsv } from '../../src/priceData/fxRatesImport.js';
import { FINOPS_DIR } from './fixtures.js';

describe('FX rates CSV import', () => {
  it('imports monthly rates as decimals and normalises the month', () => {
    const csv =
      '"CurrencyCode","USDPerUnit","Month"\n"EUR","1.1105","2024-01"\n"eur","1.07985","02/2024"\n"GBP","1.27","2024-03-01"\n';
    const report = importFxRatesCsv('fx.csv', csv);
    expect(report.rows.map((rate) => [rate.currency, rate.usdPerUnit.toFixed(), rate.month])).to.deep.equal([
      ['EUR', '1.1105', '2024-01'],
      ['EUR', '1.07985', '2024-02'],
      ['GBP', '1.27', '2024-03'],
    ]);
  });

  it('skips bad rows with line numbers', () => {
    const csv =
      '"CurrencyCode","USDPerUnit","Month"\n"EUR","1.1","2024-01"\n"EURO","1.1","2024-01"\n"EUR","-1","2024-01"\n"EUR","1.1","January"\n';
    const report = importFxRatesCsv('fx.csv', csv);
    expect({ accepted: report.accepted, skipped: report.skipped }).to.deep.equal({ accepted: 1, skipped: 3 });
    expect(report.issues.map((issue) => issue.line)).to.deep.equal([3, 4, 5]);
  });

  it('reads the usual month spellings', () => {
    expect(['2026-08', '2026-8-01', '08/2026', '8/1/2026', '2026-13', 'Aug'].map(billingMonth)).to.deep.equal(
      ['2026-08', '2026-08', '2026-08', '2026-08', null, null],
    );
  });
});

describe('FinOps open data import', () => {
  it('reads block sizes from PricingUnits.csv (10K = 10,000 operations per priced block)', () => {
    const report = importPricingUnitsCsv(
      'PricingUnits.csv',
      readTextFileSync(`${FINOPS_DIR}/PricingUnits.csv.gz`),
    );
    expect(report.ok).to.equal(true);
    expect(report.skipped).to.equal(0);
    const units = new UnitTable(report.rows);
    expect(units.blockSize('10K').toFixed()).to.equal('10000');
    expect(units.blockSize('1 Hour').toFixed()).to.equal('1');
    expect(units.blockSize('100 Hours').toFixed()).to.equal('100');
    expect(new UnitTable().blockSize('10K/Month').toFixed()).to.equal('10000');
  });

  it('reads region aliases from Regions.csv and reports bad lines', () => {
    const report = importRegionsCsv('Regions.csv', readTextFileSync(`${FINOPS_DIR}/Regions.csv.gz`));
    expect(report.skipped).to.equal(0);
    expect(report.rows.find((alias) => alias.alias === 'weu')).to.deep.equal({
      alias: 'weu',
      regionId: 'westeurope',
      displayName: 'West Europe',
    });
    const bad = importRegionsCsv(
      'r.csv',
      'OriginalValue,RegionId,RegionName\nweu,westeurope,West Europe\n,westeurope,West Europe\n',
    );
    expect(bad.issues).to.deep.equal([{ file: 'r.csv', line: 3, message: 'OriginalValue: is empty' }]);
  });
});
