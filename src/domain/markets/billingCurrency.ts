import type { Market, MarketTableSource } from './market.js';
import { CSP_MARKET_TABLE_SOURCE } from './market.js';

/**
 * Which currency an Azure plan is billed in (prices.md §4, azure-plan.md §3): since August 2021 the
 * partner's location currency, whatever the customer's country; before that (2019 – Jan 2021 for all,
 * until Aug 2021 outside EU/EFTA/UK) the customer's country currency, one invoice per currency.
 */
export const PARTNER_CURRENCY_RULE_FROM = '2021-08-01';
export const EU_EFTA_UK_PARTNER_CURRENCY_FROM = '2021-01-28';
export const CURRENCY_RULE_SOURCE =
  'Partner Center "Azure plan price list" (2021-08), "Azure plan billing" (2020/2021)';

export type CurrencyRule = 'partnerLocation' | 'customerLocation';

export interface AvailabilityAnswer {
  market: Market;
  /**
   * 'listed': a CSP market with a currency in the table; 'listedNoCurrency': listed but the source
   * cell is blank, so the bot must not guess. (The table lists CSP markets; docs count 139 Azure plan
   * countries in 2020, so "listed" is the best evidence we hold, not a guarantee.)
   */
  availability: 'listed' | 'listedNoCurrency';
  /** Currency the partner is billed in under the rule in force on `onDate`; null when the table cell is blank. */
  billingCurrency: string | null;
  rule: CurrencyRule;
  /** When the rule started; null for the original customer-currency rule (start not dated in our sources). */
  ruleFrom: string | null;
  /** True between 2021-01-28 and 2021-08-01 for European partners: new customers already partner currency. */
  euEftaUkTransition: boolean;
  /** The customer's currency, shown for the pre-2021 rule when a customer country is given. */
  customerCurrency?: string | null;
  /** USD prices, converted with Microsoft's monthly FX rate. */
  pricedIn: 'USD';
  dataSource: MarketTableSource;
  ruleSource: string;
}

/**
 * Answers "is the Azure plan available in X, and in which currency am I billed?". `market` is the
 * partner's location (the billing currency follows it since August 2021); `customer` optional.
 */
export function availabilityAnswer(market: Market, onDate: string, customer?: Market): AvailabilityAnswer {
  const partnerRule = onDate >= PARTNER_CURRENCY_RULE_FROM;
  const billed = partnerRule ? market : (customer ?? market);
  return {
    market,
    availability: market.currency ? 'listed' : 'listedNoCurrency',
    billingCurrency: billed.currency,
    rule: partnerRule ? 'partnerLocation' : 'customerLocation',
    ruleFrom: partnerRule ? PARTNER_CURRENCY_RULE_FROM : null,
    euEftaUkTransition:
      !partnerRule && onDate >= EU_EFTA_UK_PARTNER_CURRENCY_FROM && market.marketRegion === 'europe',
    customerCurrency: customer ? customer.currency : undefined,
    pricedIn: 'USD',
    dataSource: CSP_MARKET_TABLE_SOURCE,
    ruleSource: CURRENCY_RULE_SOURCE,
  };
}
