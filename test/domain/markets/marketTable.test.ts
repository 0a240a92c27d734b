import { expect } from 'chai';
import { MarketTable } from '../../../src/domain/markets/marketTable.js';
import { availabilityAnswer } from '../../../src/domain/markets/billingCurrency.js';
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

describe('billing currency rule', () => {
  it('since August 2021 a partner in Norway is billed in NOK whatever the customer country', () => {
    const a = availabilityAnswer(table.find('NO')!, '2026-11-26', table.find('DE'));
    expect(a).to.include({
      availability: 'listed',
      billingCurrency: 'NOK',
      rule: 'partnerLocation',
      ruleFrom: '2021-08-01',
      pricedIn: 'USD',
    });
    expect(a.dataSource.asOf).to.equal('2021-05-20');
  });
  it('before 2021 the customer currency applied: an Irish partner with a Norwegian customer got NOK invoices', () => {
    const a = availabilityAnswer(table.find('IE')!, '2020-10-01', table.find('NO'));
    expect(a).to.include({
      billingCurrency: 'NOK',
      rule: 'customerLocation',
      ruleFrom: null,
      euEftaUkTransition: false,
    });
  });
  it('flags the EU/EFTA/UK transition window between 28 Jan and Aug 2021', () => {
    expect(availabilityAnswer(table.find('IE')!, '2021-03-01', table.find('NO')).euEftaUkTransition).to.equal(
      true,
    );
  });
  it('does not guess a currency where the table cell is blank', () => {
    expect(availabilityAnswer(table.find('VA')!, '2026-11-26')).to.include({
      availability: 'listedNoCurrency',
      billingCurrency: null,
    });
  });
});
