import type { Translator } from '../../i18n/translator.js';
import type { AvailabilityAnswer, NotSoldAnswer } from '../../domain/markets/billingCurrency.js';
import { koreanCountryName } from '../../domain/markets/marketTable.js';
import type { Market } from '../../domain/markets/market.js';
import { CSP_MARKET_TABLE_SOURCE } from '../../domain/markets/market.js';
import type { FactCardData } from '../shared/cardFormat.js';

export const AVAILABILITY_ANSWER_CARD = 'availability-answer';

export function countryName(t: Translator, market: Market): string {
  return (t.locale === 'ko-KR' && koreanCountryName(market.countryCode)) || market.countryNameEn;
}

/** The asking partner: its name and ISO country (actor.partner). */
export interface AskingPartner {
  name: string;
  country: string;
}

function ruleNote(t: Translator, answer: AvailabilityAnswer, onDate: string, partner: AskingPartner): string {
  const country = countryName(t, answer.market);
  const partnerCountry = answer.partnerMarket
    ? countryName(t, answer.partnerMarket)
    : t.country(partner.country);
  const currency = answer.billingCurrency ?? t.t('billing.availability.value.noCurrency');
  const customerCurrency = answer.customerCurrency ?? t.t('billing.availability.value.noCurrency');
  switch (answer.rule) {
    case 'partnerLocation':
      if (!answer.billingCurrency)
        return t.t('billing.availability.rule.partnerUnknown', { partner: partner.name });
      return t.t('billing.availability.rule.partnerLocation', {
        partner: partner.name,
        partnerCountry,
        country,
        currency,
        customerCurrency,
        differs: answer.customerCurrency && answer.customerCurrency !== answer.billingCurrency ? 'yes' : 'no',
      });
    case 'euEftaUkPartnerLocation':
      return t.t('billing.availability.rule.euEftaUkPartnerLocation', {
        date: t.date(onDate),
        partner: partner.name,
        partnerCountry,
        currency,
        customerCurrency,
      });
    default:
      return t.t('billing.availability.rule.customerLocation', { date: t.date(onDate), currency });
  }
}

/** "Is the Azure plan available in Norway, and in which currency am I billed?" */
export function availabilityCard(
  t: Translator,
  answer: AvailabilityAnswer,
  onDate: string,
  partner: AskingPartner,
): FactCardData {
  const country = countryName(t, answer.market);
  const partnerCountry = answer.partnerMarket
    ? countryName(t, answer.partnerMarket)
    : t.country(partner.country);
  const currency =
    answer.currencyFrom === 'partner'
      ? answer.billingCurrency
        ? t.t('billing.availability.value.billedIn', {
            currency: answer.billingCurrency,
            partnerCountry,
            partner: partner.name,
          })
        : t.t('billing.availability.value.partnerUnknown')
      : (answer.billingCurrency ?? t.t('billing.availability.value.noCurrency'));
  const facts = [
    { title: t.t('billing.availability.fact.code'), value: answer.market.countryCode },
    { title: t.t('billing.availability.fact.region'), value: answer.market.marketRegion },
    { title: t.t('billing.availability.fact.currency'), value: currency },
    {
      title: t.t('billing.availability.fact.rule'),
      value: t.t(`billing.availability.value.rule.${answer.rule}`),
    },
  ];
  if (answer.currencyFrom === 'partner')
    facts.push({
      title: t.t('billing.availability.fact.customerCurrency'),
      value: answer.customerCurrency ?? t.t('billing.availability.value.noCurrency'),
    });
  facts.push({
    title: t.t('billing.availability.fact.priceList'),
    value: t.t('billing.availability.value.usd'),
  });
  return {
    title: t.t('billing.availability.title', { country }),
    subtitle: t.t(
      answer.availability === 'listed'
        ? 'billing.availability.listed'
        : 'billing.availability.listedNoCurrency',
      { country },
    ),
    facts,
    notes: [{ text: ruleNote(t, answer, onDate, partner) }],
    footer: t.t('billing.availability.footer', {
      source: answer.dataSource.title,
      asOf: t.date(answer.dataSource.asOf),
      licence: answer.dataSource.licence,
      ruleSource: answer.ruleSource,
    }),
  };
}

/** The Azure plan is not sold in this country: say so and why, by name and ISO code. */
export function notSoldCard(t: Translator, answer: NotSoldAnswer): FactCardData {
  const { country } = answer;
  const name = t.country(country.countryCode);
  return {
    title: t.t('billing.availability.notSold.title', { country: name, code: country.countryCode }),
    subtitle: '',
    facts: [
      { title: t.t('billing.availability.fact.code'), value: country.countryCode },
      {
        title: t.t('billing.availability.notSold.fact.inTable'),
        value: t.t('billing.availability.notSold.value.inTable'),
      },
      {
        title: t.t('billing.availability.notSold.fact.soldThrough'),
        value: t.t(`billing.availability.notSold.value.${country.reason}`),
      },
    ],
    notes: [{ text: t.t(`billing.availability.notSold.${country.reason}`, { country: name }) }],
    footer: t.t('billing.availability.notSold.footer', {
      source: answer.dataSource.title,
      asOf: t.date(answer.dataSource.asOf),
      licence: answer.dataSource.licence,
      country: name,
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
