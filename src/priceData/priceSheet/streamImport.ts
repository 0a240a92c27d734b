import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { parse } from 'csv-parse';
import { PriceCatalog } from '../../domain/prices/catalog.js';
import { PriceTableBuilder } from '../../domain/prices/priceTable.js';
import { tierMinimumFromPriceSheet } from '../../domain/prices/tiers.js';
import type { ImportIssue } from '../importReport.js';
import { PRICE_SHEET_COLUMNS, priceSheetSchema, type RegionLookup } from '../priceSheetImport.js';

/**
 * Streaming import of a Partner Center price sheet (`GET /v1.0/sales/pricesheets(Market='{m}',
 * PricesheetView='azure_consumption')/$value`, learn.microsoft.com/partner-center/developer/get-a-price-sheet).
 *
 * Documented file format: CSV, every cell quoted, 18 columns — ProductTitle, ProductId, SkuId,
 * SkuTitle, Publisher, SkuDescription, UnitOfMeasure, TermDuration, Market, Currency, UnitPrice,
 * PricingTierRangeMin, PricingTierRangeMax, EffectiveStartDate, EffectiveEndDate, MeterIds,
 * MeterType, Tags. Dates as "3/1/2018 12:00:00 AM". SkuTitle ends in the billing location
 * ("… - US East 2", "… - EU West"). Consumption prices are USD estimated retail prices (PEC is the
 * partner's discount); "Third Party" tagged items earn no PEC. About 42 MB for one market, so the
 * bytes are parsed as they arrive (plain or gzip) and each row goes straight into the columnar
 * PriceTable — the file is never held whole.
 */
export interface PriceSheetImportReport {
  readonly ok: boolean;
  readonly accepted: number;
  readonly skipped: number;
  readonly issues: readonly ImportIssue[];
  readonly fatal: string | null;
  /** Market and currency as the sheet states them (first row). */
  readonly market: string | null;
  /** Newest EffectiveStartDate of the sheet: the "as of" date of answers from it. */
  readonly asOf: string | null;
}

export interface PriceSheetImportOptions {
  readonly name: string;
  readonly regionOf: RegionLookup;
  /** Shown in answers as the source. */
  readonly source?: string;
  /** When the sheet was downloaded (answers say "as of" the newest effective date, else this). */
  readonly downloadedAt: string;
}

const MAX_ISSUES = 200;

function isGzip(first: Uint8Array): boolean {
  return first.length >= 2 && first[0] === 0x1f && first[1] === 0x8b;
}

/** The byte stream, gunzipped when it starts with the gzip magic bytes. */
async function* bytesOf(source: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const iterator = source[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) return;
  const rest: AsyncIterable<Uint8Array> = {
    [Symbol.asyncIterator]: () => ({
      next: () => iterator.next(),
      return: async () => (iterator.return ? iterator.return() : { done: true, value: undefined }),
    }),
  };
  async function* all(): AsyncGenerator<Uint8Array> {
    yield first.value;
    yield* rest;
  }
  if (!isGzip(first.value)) {
    yield* all();
    return;
  }
  yield* Readable.from(all()).pipe(createGunzip()) as AsyncIterable<Uint8Array>;
}

/** Imports a price sheet stream into a PriceCatalog; a stream with no valid row gives no catalog. */
export async function importPriceSheetStream(
  source: AsyncIterable<Uint8Array>,
  options: PriceSheetImportOptions,
): Promise<{ catalog: PriceCatalog | null; report: PriceSheetImportReport }> {
  const table = new PriceTableBuilder();
  const issues: ImportIssue[] = [];
  let skipped = 0;
  let accepted = 0;
  let market: string | null = null;
  let asOf: string | null = null;
  let header: string[] | null = null;
  const fail = (fatal: string) => ({
    catalog: null,
    report: { ok: false, accepted: 0, skipped, issues, fatal: `${options.name}: ${fatal}`, market, asOf },
  });
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true, relax_quotes: true });
  let line = 0;
  try {
    for await (const cells of Readable.from(bytesOf(source)).pipe(parser) as AsyncIterable<string[]>) {
      line++;
      if (!header) {
        // The doc's own example ends its header with a typographic quote (Tags“): trim it off.
        header = cells.map((cell) => cell.trim().replace(/[“”"]/g, ''));
        const absent = PRICE_SHEET_COLUMNS.filter((column) => !header!.includes(column));
        if (absent.length > 0) return fail(`missing columns ${absent.join(', ')}`);
        continue;
      }
      const skip = (message: string) => {
        skipped++;
        if (issues.length < MAX_ISSUES) issues.push({ file: options.name, line, message });
      };
      if (cells.length !== header.length) {
        skip(`expected ${header.length} columns, found ${cells.length}`);
        continue;
      }
      const record: Record<string, string> = {};
      for (let c = 0; c < header.length; c++) record[header[c]] = cells[c].replace(/[“”]$/, '');
      const parsed = priceSheetSchema.safeParse(record);
      if (!parsed.success) {
        const first = parsed.error.issues[0];
        skip(`${first.path.join('.') || 'row'}: ${first.message}`);
        continue;
      }
      const row = parsed.data;
      market ??= row.Market.toUpperCase() || null;
      const parts = row.SkuTitle.split(' - ');
      const location = parts.length >= 3 ? parts[parts.length - 1] : '';
      const region = location ? options.regionOf(location) : null;
      const name = parts.length >= 3 ? parts.slice(1, -1).join(' - ') : row.SkuTitle;
      const vm = /^Virtual Machines\b/i.test(row.ProductTitle);
      const disk = /\bManaged Disks\b/i.test(row.ProductTitle);
      const reservation = /reservation/i.test(row.Tags) || /^p\d+y$|year/i.test(row.TermDuration);
      if (row.EffectiveStartDate && (!asOf || row.EffectiveStartDate > asOf)) asOf = row.EffectiveStartDate;
      for (const meterId of row.MeterIds.split(/[,;]\s*/).filter(Boolean)) {
        table.addTexts({
          currencyCode: row.Currency.toUpperCase(),
          serviceName: vm ? 'Virtual Machines' : disk ? 'Storage' : '',
          armRegionName: region ?? '',
          productId: row.ProductId,
          skuId: `${row.ProductId}/${row.SkuId}`,
          meterId,
          type: reservation ? 'Reservation' : 'Consumption',
          reservationTerm: reservation ? '1 Year' : '',
          productName: row.ProductTitle,
          skuName: disk ? name.replace(/\s+Disk$/i, '') : name,
          meterName: name,
          unitOfMeasure: row.UnitOfMeasure,
          tierMinimumUnits: tierMinimumFromPriceSheet(row.PricingTierRangeMin).toFixed(),
          unitPrice: row.UnitPrice,
          retailPrice: row.UnitPrice,
          savingsPlan1Year: null,
          effectiveStartDate: row.EffectiveStartDate,
          effectiveEndDate: row.EffectiveEndDate,
          tags: row.Tags,
        });
        accepted++;
      }
    }
  } catch (error) {
    return fail((error as Error).message);
  }
  if (!header) return fail('no header');
  if (accepted === 0) return fail('no valid rows');
  const takenAt = asOf ?? options.downloadedAt;
  const catalog = new PriceCatalog(table.build(), {
    takenAt,
    source: options.source ?? 'Partner Center price sheet',
    location: options.name,
  });
  return { catalog, report: { ok: true, accepted, skipped, issues, fatal: null, market, asOf: takenAt } };
}
