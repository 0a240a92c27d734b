/** One row of the CSP market table (partner-center/csp_market_currencies_2021-05.csv). */
export interface Market {
  /** ISO 3166-1 alpha-2, upper case. */
  countryCode: string;
  countryNameEn: string;
  /** CSP partner market (region) the country belongs to, e.g. "europe". */
  marketRegion: string;
  /** ISO 4217 currency as published; null where the source cell is blank. */
  currency: string | null;
}

/** Where the table comes from and how old it is: every answer states both. */
export interface MarketTableSource {
  title: string;
  /** Date of the source document (YYYY-MM-DD). */
  asOf: string;
  licence: string;
}

export const CSP_MARKET_TABLE_SOURCE: MarketTableSource = {
  title: 'Partner Center "Regional authorization overview" (MicrosoftDocs/partner-center-pr)',
  asOf: '2021-05-20',
  licence: 'CC BY 4.0',
};

/** Port: the adapter loads the table; the domain only reads it. */
export interface MarketTableSourcePort {
  load(): Promise<readonly Market[]>;
}
