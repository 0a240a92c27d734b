import type { Market, MarketTableSource } from './market.js';
import { CSP_MARKET_TABLE_SOURCE } from './market.js';
import type { NotSoldCountry } from './notSold.js';

/**
 * Which currency an Azure plan is billed in (prices.md §4, azure-plan.md §3 and §7): since August
 * 2021 the partner's location currency, whatever the customer's country; from 28 Jan 2021 already
 * for partners in the EU/EFTA/UK (new customers); before that the customer's country currency, one
 * invoice per currency.
 */
export const PARTNER_CURRENCY_RULE_FROM = '2021-08-01';
export const EU_EFTA_UK_PARTNER_CURRENCY_FROM = '2021-01-28';
export const CURRENCY_RULE_SOURCE =
  'Partner Center "Azure plan price list" (2021-08), "Azure plan billing" (2020/2021)';

/**
 * The rule that decides the billing currency on a date: 'partnerLocation' (all partners, since
 * Aug 2021), 'euEftaUkPartnerLocation' (EU/EFTA/UK partners, new customers, 28 Jan – Aug 2021),
 * 'customerLocation' (before, or outside Europe before Aug 2021).
 */
export type CurrencyRule = 'partnerLocation' | 'euEftaUkPartnerLocation' | 'customerLocation';

export interface AvailabilityAnswer {
  /** The country asked about: where the customer is. */
  market: Market;
  /**
   * 'listed': a CSP market with a currency in the table; 'listedNoCurrency': listed but the source
   * cell is blank, so the bot must not guess. (The table lists CSP markets; docs count 139 Azure plan
   * countries in 2020, so "listed" is the best evidence we hold, not a guarantee.)
   */
  availability: 'listed' | 'listedNoCurrency';
  /** The partner's location (decides the currency under the partner rules); undefined if not in the table. */
  partnerMarket: Market | undefined;
  /** Currency the partner is billed in under the rule in force on `onDate`; null when not known. */
  billingCurrency: string | null;
  rule: CurrencyRule;
  /** Whose country decides the currency under `rule`. */
  currencyFrom: 'partner' | 'customer';
  /** When the rule started; null for the original customer-currency rule (start not dated in our sources). */
  ruleFrom: string | null;
  /** True between 2021-01-28 and 2021-08-01 for European partners: new customers already partner currency. */
  euEftaUkTransition: boolean;
  /** The asked country's own currency in the table (what the customer rule would bill in). */
  customerCurrency: string | null;
  /** USD prices, converted with Microsoft's monthly FX rate. */
  pricedIn: 'USD';
  dataSource: MarketTableSource;
  ruleSource: string;
}

/** The Azure plan is not sold in the asked country at all (see notSold.ts): why, by name and code. */
export interface NotSoldAnswer {
  country: NotSoldCountry;
  dataSource: MarketTableSource;
}

/** The currency rule in force on a date for a partner located in `partner` (rule names above). */
export function currencyRuleOn(onDate: string, partner: Market | undefined): CurrencyRule {
  if (onDate >= PARTNER_CURRENCY_RULE_FROM) return 'partnerLocation';
  if (onDate >= EU_EFTA_UK_PARTNER_CURRENCY_FROM && partner?.marketRegion === 'europe')
    return 'euEftaUkPartnerLocation';
  return 'customerLocation';
}

/**
 * Answers "is the Azure plan available in X, and in which currency am I billed?": `customer` is the
 * asked country, `partner` the asking partner's location (it decides the currency since 2021).
 */
export function availabilityAnswer(
  customer: Market,
  onDate: string,
  partner: Market | undefined,
): AvailabilityAnswer {
  const rule = currencyRuleOn(onDate, partner);
  const currencyFrom = rule === 'customerLocation' ? 'customer' : 'partner';
  return {
    market: customer,
    availability: customer.currency ? 'listed' : 'listedNoCurrency',
    partnerMarket: partner,
    billingCurrency: currencyFrom === 'partner' ? (partner?.currency ?? null) : customer.currency,
    rule,
    currencyFrom,
    ruleFrom:
      rule === 'partnerLocation'
        ? PARTNER_CURRENCY_RULE_FROM
        : rule === 'euEftaUkPartnerLocation'
          ? EU_EFTA_UK_PARTNER_CURRENCY_FROM
          : null,
    euEftaUkTransition: rule === 'euEftaUkPartnerLocation',
    customerCurrency: customer.currency,
    pricedIn: 'USD',
    dataSource: CSP_MARKET_TABLE_SOURCE,
    ruleSource: CURRENCY_RULE_SOURCE,
  };
}

export function notSoldAnswer(country: NotSoldCountry): NotSoldAnswer {
  return { country, dataSource: CSP_MARKET_TABLE_SOURCE };
}
