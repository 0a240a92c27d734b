import { expect } from 'chai';
import { MarketTable } from '../../../src/domain/markets/marketTable.js';
import { availabilityAnswer } from '../../../src/domain/markets/billingCurrency.js';
import { notSoldIn } from '../../../src/domain/markets/notSold.js';
import type { Market } from '../../../src/domain/markets/market.js';

const m = (
  countryCode: string,
  countryNameEn: string,
  currency: string | null,
  marketRegion = 'europe',
): Market => ({
  countryCode,
  countryNameEn,
  currency,
  marketRegion,
});
const table = new MarketTable([
  m('NO', 'Norway', 'NOK'),
  m('DE', 'Germany', 'EUR'),
  m('IE', 'Ireland', 'EUR'),
  m('GB', 'United Kingdom', 'GBP'),
  m('KR', 'South Korea', 'KRW', 'korea-republic-of'),
  m('US', 'United States', 'USD', 'united-states'),
  m('JP', 'Japan', 'JPY', 'japan'),
  m('FR', 'France', 'EUR'),
  m('VA', 'Vatican City', null),
]);

describe('market lookup', () => {
  const cases: Array<[string, string | undefined]> = [
    ['NO', 'NO'],
    ['norway', 'NO'],
    ['노르웨이', 'NO'],
    ['독일', 'DE'],
    ['한국', 'KR'],
    ['대한민국', 'KR'],
    ['미국', 'US'],
    ['영국', 'GB'],
    ['UK', 'GB'],
    ['일본', 'JP'],
    ['프랑스', 'FR'],
    ['Is the Azure plan available in Norway, and in which currency am I billed?', 'NO'],
    ['노르웨이에서 Azure plan 판매 가능한가요?', 'NO'],
    ['Germny', 'DE'],
    ['Atlantis', undefined],
  ];
  for (const [text, code] of cases) {
    it(`finds "${text}" → ${code ?? 'nothing'}`, () => expect(table.find(text)?.countryCode).to.equal(code));
  }
});

describe('billing currency rule (the partner location decides, not the customer country)', () => {
  it('since August 2021 a US partner asking about a customer in Norway is billed in USD, not NOK', () => {
    const a = availabilityAnswer(table.find('NO')!, '2026-11-26', table.find('US'));
    expect(a).to.include({
      availability: 'listed',
      billingCurrency: 'USD',
      customerCurrency: 'NOK',
      rule: 'partnerLocation',
      currencyFrom: 'partner',
      ruleFrom: '2021-08-01',
      pricedIn: 'USD',
    });
    expect(a.market.countryCode).to.equal('NO');
    expect(a.dataSource.asOf).to.equal('2021-05-20');
  });
  it('a Korean partner with a German customer is billed in KRW', () => {
    expect(availabilityAnswer(table.find('독일')!, '2026-11-26', table.find('KR'))).to.include({
      billingCurrency: 'KRW',
      rule: 'partnerLocation',
    });
  });
  it('before 2021 the customer currency applied: an Irish partner with a Norwegian customer got NOK invoices', () => {
    const a = availabilityAnswer(table.find('NO')!, '2020-10-01', table.find('IE'));
    expect(a).to.include({
      billingCurrency: 'NOK',
      rule: 'customerLocation',
      currencyFrom: 'customer',
      ruleFrom: null,
      euEftaUkTransition: false,
    });
  });
  it('between 28 Jan and Aug 2021 only EU/EFTA/UK partners were already on their own currency', () => {
    expect(availabilityAnswer(table.find('NO')!, '2021-03-01', table.find('IE'))).to.include({
      rule: 'euEftaUkPartnerLocation',
      billingCurrency: 'EUR',
      ruleFrom: '2021-01-28',
      euEftaUkTransition: true,
    });
    expect(availabilityAnswer(table.find('NO')!, '2021-03-01', table.find('US'))).to.include({
      rule: 'customerLocation',
      billingCurrency: 'NOK',
    });
  });
  it('does not guess a currency where the table cell is blank', () => {
    expect(availabilityAnswer(table.find('VA')!, '2020-06-01', table.find('US'))).to.include({
      availability: 'listedNoCurrency',
      billingCurrency: null,
    });
    expect(availabilityAnswer(table.find('NO')!, '2026-11-26', undefined)).to.include({
      billingCurrency: null,
      currencyFrom: 'partner',
    });
  });
});

describe('countries where the Azure plan is not sold (never "not found")', () => {
  const cases: Array<[string, string, string]> = [
    ['China', 'CN', 'operatedBy21Vianet'],
    ['CN', 'CN', 'operatedBy21Vianet'],
    ['cn', 'CN', 'operatedBy21Vianet'],
    ['중국', 'CN', 'operatedBy21Vianet'],
    ["People's Republic of China", 'CN', 'operatedBy21Vianet'],
    ['Is the Azure plan available in China?', 'CN', 'operatedBy21Vianet'],
    ['중국에서 Azure 플랜 판매 가능한가요?', 'CN', 'operatedBy21Vianet'],
    ['North Korea', 'KP', 'embargoed'],
    ['Iran', 'IR', 'embargoed'],
  ];
  for (const [text, code, reason] of cases) {
    it(`"${text}" → not sold in ${code} (${reason})`, () => {
      const found = table.lookup(text);
      expect(found?.kind).to.equal('notSold');
      if (found?.kind !== 'notSold') return;
      expect(found.country).to.include({ countryCode: code, reason });
      expect(notSoldIn(code)?.reason).to.equal(reason);
      expect(table.find(text), 'find() returns markets only').to.equal(undefined);
    });
  }
  it('"이란" alone is Iran, but the particle "~이란" inside a sentence is not', () => {
    expect(table.lookup('이란')).to.deep.include({ kind: 'notSold' });
    expect(table.lookup('노르웨이란 나라에서 판매 가능한가요?')?.kind).to.equal('market');
    expect(table.lookup('PEC이란 무엇인가요?')).to.equal(undefined);
  });

  it('a CSP market is still a market ("Korea" is South Korea, "Hong Kong SAR China" is HK)', () => {
    expect(table.lookup('korea')).to.deep.include({ kind: 'market' });
    expect(notSoldIn('KR')).to.equal(undefined);
    expect(notSoldIn('NO')).to.equal(undefined);
  });
});
