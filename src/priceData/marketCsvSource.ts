import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import type { Market, MarketTableSourcePort } from '../domain/markets/market.js';
import { readTextFile } from './compressedFiles.js';
import { shippedMarketTableFile } from './referenceData.js';

export class MarketCsvError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`${file}: ${problems.join('; ')}`);
    this.name = 'MarketCsvError';
  }
}

const HEADER = [
  'market_region',
  'country_code',
  'country_en',
  'country_es_as_published',
  'currency_as_published',
];

const rowSchema = z.object({
  market_region: z.string().min(1),
  country_code: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 code'),
  country_en: z.string().min(1),
  country_es_as_published: z.string(),
  currency_as_published: z.union([
    z.literal(''),
    z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code or blank'),
  ]),
});

/** Parses the CSP market table; every problem is reported with its line number, none is skipped. */
export function parseMarketCsv(text: string, file = 'market table'): Market[] {
  const records = parse(text, {
    columns: false,
    skip_empty_lines: true,
    info: true,
    relax_column_count: true,
  }) as unknown as Array<{
    record: string[];
    info: { lines: number };
  }>;
  const problems: string[] = [];
  const [head, ...rows] = records;
  if (!head || head.record.join(',') !== HEADER.join(',')) {
    throw new MarketCsvError(file, [`line 1: expected header ${HEADER.join(',')}`]);
  }
  const markets: Market[] = [];
  const seen = new Map<string, string>();
  for (const { record, info } of rows) {
    if (record.length !== HEADER.length) {
      problems.push(`line ${info.lines}: expected ${HEADER.length} columns, got ${record.length}`);
      continue;
    }
    const result = rowSchema.safeParse(Object.fromEntries(HEADER.map((h, i) => [h, record[i].trim()])));
    if (!result.success) {
      for (const issue of result.error.issues)
        problems.push(`line ${info.lines}: ${issue.path.join('.')} ${issue.message}`);
      continue;
    }
    const row = result.data;
    // Bonaire, Saba and Sint Eustatius all publish as BQ: a repeat is fine if it agrees on the currency.
    const earlier = seen.get(row.country_code);
    if (earlier !== undefined) {
      if (earlier !== row.currency_as_published) {
        problems.push(
          `line ${info.lines}: ${row.country_code} repeated with currency "${row.currency_as_published}" (was "${earlier}")`,
        );
      }
      continue;
    }
    seen.set(row.country_code, row.currency_as_published);
    markets.push({
      countryCode: row.country_code,
      countryNameEn: row.country_en,
      marketRegion: row.market_region,
      currency: row.currency_as_published || null,
    });
  }
  if (problems.length > 0) throw new MarketCsvError(file, problems);
  return markets;
}

/**
 * Reads the CSP market table: by default the copy the repository ships
 * (`reference/partner-center/csp_market_currencies_2021-05.csv.gz`); a `.csv` or `.csv.gz` path otherwise.
 */
export class MarketCsvSource implements MarketTableSourcePort {
  constructor(private readonly file: string = shippedMarketTableFile()) {}

  async load(): Promise<Market[]> {
    return parseMarketCsv(await readTextFile(this.file), this.file);
  }
}
