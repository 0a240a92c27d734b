import { expect } from 'chai';
import { Translator } from '../../../src/i18n/translator.js';
import { answerAvailabilityQuestion, loadMarketTable } from '../../../src/features/availability/availabilityAnswer.js';
import { MarketCsvSource } from '../../../src/priceData/marketCsvSource.js';
import { MARKET_TABLE } from '../../priceData/fixtures.js';
import type { MarketTable } from '../../../src/domain/markets/marketTable.js';

const FILE = MARKET_TABLE;
const today = new Date('2026-11-26T10:00:00Z');
const contoso = { name: 'Contoso Cloud Partners', country: 'US' };
const seoulPartner = { name: '서울 클라우드 파트너스', country: 'KR' };

describe('availability and currency questions end to end (real 2021-05 market table)', () => {
  let table: MarketTable;
  before(async () => {
    table = await loadMarketTable(new MarketCsvSource(FILE));
  });

  it('"Is the Azure plan available in Norway, and in which currency am I billed?" (US partner) → listed, USD by the partner rule', () => {
    const r = answerAvailabilityQuestion(
      new Translator('en-US'),
      table,
      'Is the Azure plan available in Norway, and in which currency am I billed?',
      today,
      contoso,
    );
    expect(r.found).to.equal(true);
    expect(r.data.facts.find((f) => f.title === 'Billing currency')?.value).to.match(/^USD /);
    expect(r.data.facts.find((f) => f.title === "Customer country's currency")?.value).to.equal('NOK');
    expect(r.data.notes[0].text).to.match(/August 2021/);
    expect(r.data.footer).to.match(/May 20, 2021/);
  });

  // A Korean partner is billed in KRW whatever the customer's country; the customer's own currency is shown beside it.
  const korean: Array<[string, string]> = [
    ['노르웨이에서 Azure 플랜 판매 가능한가요? 통화는?', 'NOK'],
    ['독일', 'EUR'],
    ['대한민국', 'KRW'],
    ['일본', 'JPY'],
    ['영국', 'GBP'],
    ['미국', 'USD'],
  ];
  for (const [text, customerCurrency] of korean) {
    it(`"${text}" (Korean partner) → billed in KRW; customer's currency ${customerCurrency}`, () => {
      const r = answerAvailabilityQuestion(new Translator('ko-KR'), table, text, today, seoulPartner);
      expect(r.data.facts.find((f) => f.title === '청구 통화')?.value).to.match(/^KRW/);
      expect(r.data.facts.find((f) => f.title === '고객 국가의 통화')?.value).to.equal(customerCurrency);
    });
  }

  const china: Array<{ locale: 'en-US' | 'ko-KR'; text: string; title: string; reason: RegExp }> = [
    {
      locale: 'en-US',
      text: 'China',
      title: 'The Azure plan is not sold in China (CN)',
      reason: /operated by 21Vianet/,
    },
    {
      locale: 'en-US',
      text: 'CN',
      title: 'The Azure plan is not sold in China (CN)',
      reason: /operated by 21Vianet/,
    },
    {
      locale: 'ko-KR',
      text: '중국',
      title: '중국(CN)에서는 Azure 플랜을 판매하지 않습니다',
      reason: /21Vianet이 운영/,
    },
    {
      locale: 'ko-KR',
      text: 'CN',
      title: '중국(CN)에서는 Azure 플랜을 판매하지 않습니다',
      reason: /21Vianet이 운영/,
    },
    {
      locale: 'en-US',
      text: '중국',
      title: 'The Azure plan is not sold in China (CN)',
      reason: /not through global CSP/,
    },
    {
      locale: 'ko-KR',
      text: 'China',
      title: '중국(CN)에서는 Azure 플랜을 판매하지 않습니다',
      reason: /글로벌 CSP가 아니라/,
    },
  ];
  for (const { locale, text, title, reason } of china) {
    it(`${locale} "${text}" → not sold in China, and why (never "not found")`, () => {
      const r = answerAvailabilityQuestion(new Translator(locale), table, text, today, contoso);
      expect(r.kind).to.equal('notSold');
      expect(r.data.title).to.equal(title);
      expect(r.data.notes[0].text).to.match(reason);
      expect(r.data.facts.find((f) => f.value === 'CN')).to.not.equal(undefined);
      expect(JSON.stringify(r.data)).to.not.match(/could not find|찾지 못했|\byet\b|아직/);
    });
  }

  it('an unknown country is said plainly', () => {
    const r = answerAvailabilityQuestion(new Translator('en-US'), table, 'Atlantis', today, contoso);
    expect(r.found).to.equal(false);
    expect(r.data.title).to.match(/Atlantis/);
  });
});
