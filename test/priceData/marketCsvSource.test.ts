import { expect } from 'chai';
import { MarketCsvError, MarketCsvSource, parseMarketCsv } from '../../src/priceData/marketCsvSource.js';
import { MARKET_TABLE as REAL_FILE } from './fixtures.js';
const HEADER = 'market_region,country_code,country_en,country_es_as_published,currency_as_published';

describe('CSP market table adapter', () => {
  it('reads the real 2021-05 table shipped in reference/ (gzip): Norway bills in NOK, Korea in KRW', async () => {
    const markets = await new MarketCsvSource(REAL_FILE).load();
    expect(markets.length).to.be.greaterThan(200);
    expect(markets.find((m) => m.countryCode === 'NO')?.currency).to.equal('NOK');
    expect(markets.find((m) => m.countryCode === 'KR')?.currency).to.equal('KRW');
    expect(markets.find((m) => m.countryCode === 'VA')?.currency).to.equal(null);
  });

  it('reads the shipped table by default, so no ../shared folder is needed', async () => {
    const markets = await new MarketCsvSource().load();
    expect(markets.find((m) => m.countryCode === 'NO')?.currency).to.equal('NOK');
  });

  it('reports every bad row with its line number', () => {
    const text = [
      HEADER,
      'europe,NO,"Norway","Noruega",NOK',
      'europe,xx,"Bad","Bad",EUR',
      'europe,SE,"Sweden","Suecia",kr',
      'europe,DK,"Denmark"',
    ].join('\n');
    try {
      parseMarketCsv(text, 'test.csv');
      expect.fail('should have thrown');
    } catch (error) {
      expect(error).to.be.instanceOf(MarketCsvError);
      const problems = (error as MarketCsvError).problems;
      expect(problems.some((p) => p.startsWith('line 3: country_code'))).to.equal(true);
      expect(problems.some((p) => p.startsWith('line 4: currency_as_published'))).to.equal(true);
      expect(problems.some((p) => p.startsWith('line 5: expected 5 columns'))).to.equal(true);
    }
  });

  it('rejects a file with the wrong header', () => {
    expect(() => parseMarketCsv('a,b\n1,2', 'x.csv')).to.throw(MarketCsvError, /line 1/);
  });

  it('accepts a repeated code (BQ islands) only with the same currency', () => {
    const ok = [
      HEADER,
      'lac,BQ,"Caribbean Netherlands","Bonaire",USD',
      'lac,BQ,"Caribbean Netherlands","Saba",USD',
    ].join('\n');
    expect(parseMarketCsv(ok)).to.have.length(1);
    const bad = [
      HEADER,
      'lac,BQ,"Caribbean Netherlands","Bonaire",USD',
      'lac,BQ,"Caribbean Netherlands","Saba",EUR',
    ].join('\n');
    expect(() => parseMarketCsv(bad)).to.throw(MarketCsvError, /line 3/);
  });
});
