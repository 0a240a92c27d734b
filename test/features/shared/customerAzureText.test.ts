import { expect } from 'chai';
import { azureText } from '../../../src/features/shared/customerPresenter.js';
import type { CustomerSummary } from '../../../src/domain/services/customerDirectory.js';
import { Translator } from '../../../src/i18n/translator.js';

function summary(country: string): CustomerSummary {
  return {
    customer: {
      id: 'c',
      companyName: 'Fourth Coffee',
      domain: 'fourthcoffee.onmicrosoft.com',
      country,
      resellerOfRecord: null,
      relationship: 'Reseller',
    },
    mca: { kind: 'none' },
    azurePlanIds: [],
    legacySubscriptionIds: [],
    upgrade: null,
  };
}

describe('customer list: the Azure column never says "yet" where the plan is never sold', () => {
  const cases = [
    { locale: 'en-US', country: 'CN', expected: 'No Azure plan: not sold in China' },
    { locale: 'ko-KR', country: 'CN', expected: 'Azure 플랜 없음: 중국에서는 판매하지 않음' },
    { locale: 'en-US', country: 'US', expected: 'No Azure yet' },
  ] as const;
  for (const { locale, country, expected } of cases) {
    it(`${locale}, customer in ${country}: "${expected}"`, () => {
      expect(azureText(new Translator(locale), summary(country))).to.equal(expected);
    });
  }
});
