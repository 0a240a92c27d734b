import { expect } from 'chai';
import { fileURLToPath } from 'node:url';
import { Translator } from '../../src/i18n/translator.js';
import { answerAvailabilityQuestion, loadMarketTable } from '../../src/markets/availabilityAnswer.js';
import { MarketCsvSource } from '../../src/markets/marketCsvSource.js';
import type { MarketTable } from '../../src/domain/markets/marketTable.js';

const FILE = fileURLToPath(
  new URL(
    '../../../shared/azure-price-data/partner-center/csp_market_currencies_2021-05.csv',
    import.meta.url,
  ),
);
const today = new Date('2026-11-26T10:00:00Z');

describe('availability and currency questions end to end (real 2021-05 market table)', () => {
  let table: MarketTable;
  before(async () => {
    table = await loadMarketTable(new MarketCsvSource(FILE));
  });

  it('"Is the Azure plan available in Norway, and in which currency am I billed?" → listed, NOK, rule and date', () => {
    const r = answerAvailabilityQuestion(
      new Translator('en-US'),
      table,
      'Is the Azure plan available in Norway, and in which currency am I billed?',
      today,
    );
    expect(r.found).to.equal(true);
    expect(r.data.facts.find((f) => f.title === 'Billing currency')?.value).to.equal('NOK');
    expect(r.data.notes[0].text).to.match(/August 2021/);
    expect(r.data.footer).to.match(/May 20, 2021/);
  });

  const korean: Array<[string, string]> = [
    ['노르웨이에서 Azure 플랜 판매 가능한가요? 통화는?', 'NOK'],
    ['독일', 'EUR'],
    ['대한민국', 'KRW'],
    ['일본', 'JPY'],
    ['영국', 'GBP'],
    ['미국', 'USD'],
  ];
  for (const [text, currency] of korean) {
    it(`"${text}" → ${currency}`, () => {
      const r = answerAvailabilityQuestion(new Translator('ko-KR'), table, text, today);
      expect(r.data.facts.find((f) => f.title === '청구 통화')?.value).to.equal(currency);
    });
  }

  it('an unknown country is said plainly', () => {
    const r = answerAvailabilityQuestion(new Translator('en-US'), table, 'Atlantis', today);
    expect(r.found).to.equal(false);
    expect(r.data.title).to.match(/Atlantis/);
  });
});
