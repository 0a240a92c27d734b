import type { Translator } from '../i18n/translator.js';
import type { AvailabilityAnswer } from '../domain/markets/billingCurrency.js';
import { koreanCountryName } from '../domain/markets/marketTable.js';
import type { Market } from '../domain/markets/market.js';
import { CSP_MARKET_TABLE_SOURCE } from '../domain/markets/market.js';
import type { FactCardData } from '../billing/cardFormat.js';

export const AVAILABILITY_ANSWER_CARD = 'availability-answer';

export function countryName(t: Translator, market: Market): string {
  return (t.locale === 'ko-KR' && koreanCountryName(market.countryCode)) || market.countryNameEn;
}

/** "Is the Azure plan available in Norway, and in which currency am I billed?" */
export function availabilityCard(t: Translator, answer: AvailabilityAnswer, onDate: string): FactCardData {
  const country = countryName(t, answer.market);
  const currency = answer.billingCurrency ?? t.t('billing.availability.value.noCurrency');
  const notes = [
    {
      text:
        answer.rule === 'partnerLocation'
          ? t.t('billing.availability.rule.partnerLocation', { country, currency })
          : t.t('billing.availability.rule.customerLocation', { date: t.date(onDate), currency }),
    },
  ];
  if (answer.euEftaUkTransition) notes.push({ text: t.t('billing.availability.euTransition') });
  return {
    title: t.t('billing.availability.title', { country }),
    subtitle: t.t(
      answer.availability === 'listed'
        ? 'billing.availability.listed'
        : 'billing.availability.listedNoCurrency',
      { country },
    ),
    facts: [
      { title: t.t('billing.availability.fact.code'), value: answer.market.countryCode },
      { title: t.t('billing.availability.fact.region'), value: answer.market.marketRegion },
      { title: t.t('billing.availability.fact.currency'), value: currency },
      { title: t.t('billing.availability.fact.priceList'), value: t.t('billing.availability.value.usd') },
    ],
    notes,
    footer: t.t('billing.availability.footer', {
      source: answer.dataSource.title,
      asOf: t.date(answer.dataSource.asOf),
      licence: answer.dataSource.licence,
      ruleSource: answer.ruleSource,
    }),
  };
}

/** The country was not in the table: say so, with the table's source and date. */
export function availabilityNotFoundCard(t: Translator, query: string): FactCardData {
  return {
    title: t.t('billing.availability.notFound', { query }),
    subtitle: '',
    facts: [],
    notes: [],
    footer: t.t('billing.availability.footer', {
      source: CSP_MARKET_TABLE_SOURCE.title,
      asOf: t.date(CSP_MARKET_TABLE_SOURCE.asOf),
      licence: CSP_MARKET_TABLE_SOURCE.licence,
      ruleSource: '—',
    }),
  };
}
