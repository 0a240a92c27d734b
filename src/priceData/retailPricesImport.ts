import { z } from 'zod';
import type { PriceRow, PriceType } from '../domain/prices/priceRow.js';
import type { PriceRowTexts, PriceTableBuilder } from '../domain/prices/priceTable.js';
import { streamCsvRecords, type StreamedImport } from './csvChunks.js';
import { failedImport, importCsv, IssueCollector, type ImportReport } from './importReport.js';
import { Interner } from './interner.js';

const DECIMAL = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;
// Kept lean on purpose: this schema runs once per row of a 1M-row file (CSV cells arrive trimmed).
const decimalText = z.string().regex(DECIMAL, 'not a decimal number');
const optionalDecimal = z
  .union([z.literal(''), z.string().regex(DECIMAL, 'not a decimal number')])
  .optional();
const requiredText = z.string().min(1, 'is empty');
const optionalText = z.string().optional();
const isoDate = z.union([z.literal(''), z.string().regex(ISO_DATE, 'not a date')]).optional();

/** One Retail Prices API item as a flat CSV row (the shared snapshot format or a full API dump). */
export const retailItemSchema = z.object({
  currencyCode: optionalText,
  serviceName: optionalText,
  armRegionName: z.string(),
  productId: optionalText,
  skuId: requiredText,
  meterId: requiredText,
  type: z.enum(['Consumption', 'DevTestConsumption', 'Reservation']),
  reservationTerm: optionalText,
  productName: requiredText,
  skuName: z.string(),
  meterName: requiredText,
  unitOfMeasure: requiredText,
  retailPrice: decimalText,
  unitPrice: decimalText,
  tierMinimumUnits: optionalDecimal,
  savingsPlan1YearRetailPrice: optionalDecimal,
  effectiveStartDate: isoDate,
  effectiveEndDate: isoDate,
  snapshotAt: isoDate,
});

/** JSON numbers and nulls of an API page, as the strings the CSV form carries. */
function jsonItemAsStrings(item: unknown): unknown {
  if (!item || typeof item !== 'object' || Array.isArray(item)) return item;
  const flat: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(item as Record<string, unknown>)) {
    if (typeof value === 'number') flat[key] = String(value);
    else if (typeof value === 'boolean') flat[key] = String(value);
    else if (value === null) continue;
    else flat[key] = value;
  }
  const plans = (item as { savingsPlan?: unknown }).savingsPlan;
  if (Array.isArray(plans)) {
    const oneYear = plans.find(
      (plan) => plan && typeof plan === 'object' && (plan as { term?: unknown }).term === '1 Year',
    ) as { retailPrice?: unknown } | undefined;
    if (oneYear && (typeof oneYear.retailPrice === 'number' || typeof oneYear.retailPrice === 'string')) {
      flat.savingsPlan1YearRetailPrice = String(oneYear.retailPrice);
    }
  }
  delete flat.savingsPlan;
  return flat;
}

export type RetailItem = z.infer<typeof retailItemSchema>;

export const RETAIL_CSV_COLUMNS = [
  'armRegionName',
  'skuId',
  'meterId',
  'type',
  'productName',
  'meterName',
  'unitOfMeasure',
  'unitPrice',
];

/** Turns a validated item into a PriceRow, sharing repeated strings and prices through `interner`. */
export function retailItemToRow(item: RetailItem, interner: Interner): PriceRow {
  const savings = item.savingsPlan1YearRetailPrice;
  return {
    currencyCode: interner.text(item.currencyCode || 'USD'),
    serviceName: interner.text(item.serviceName ?? ''),
    armRegionName: interner.text(item.armRegionName),
    productId: interner.text(item.productId || item.skuId.split('/')[0]),
    skuId: interner.text(item.skuId),
    meterId: item.meterId,
    type: item.type as PriceType,
    reservationTerm: interner.text(item.reservationTerm ?? ''),
    productName: interner.text(item.productName),
    skuName: interner.text(item.skuName),
    meterName: interner.text(item.meterName),
    unitOfMeasure: interner.text(item.unitOfMeasure),
    tierMinimumUnits: interner.decimal(item.tierMinimumUnits || '0'),
    unitPrice: interner.decimal(item.unitPrice),
    unitPriceText: interner.text(item.unitPrice),
    retailPrice: interner.decimal(item.retailPrice),
    savingsPlan1Year: savings ? interner.decimal(savings) : null,
    effectiveStartDate: item.effectiveStartDate || null,
    effectiveEndDate: item.effectiveEndDate || null,
    tags: '',
  };
}

/** The texts of the row retailItemToRow would build (no Decimal, no object kept per row). */
export function retailItemTexts(item: RetailItem): PriceRowTexts {
  return {
    currencyCode: item.currencyCode || 'USD',
    serviceName: item.serviceName ?? '',
    armRegionName: item.armRegionName,
    productId: item.productId || item.skuId.split('/')[0],
    skuId: item.skuId,
    meterId: item.meterId,
    type: item.type,
    reservationTerm: item.reservationTerm ?? '',
    productName: item.productName,
    skuName: item.skuName,
    meterName: item.meterName,
    unitOfMeasure: item.unitOfMeasure,
    tierMinimumUnits: item.tierMinimumUnits || '0',
    unitPrice: item.unitPrice,
    retailPrice: item.retailPrice,
    savingsPlan1Year: item.savingsPlan1YearRetailPrice || null,
    effectiveStartDate: item.effectiveStartDate || null,
    effectiveEndDate: item.effectiveEndDate || null,
    tags: '',
  };
}

const TYPES = new Set(['Consumption', 'DevTestConsumption', 'Reservation']);

/**
 * The fast path of retailItemSchema for a CSV record: returns the item when the record certainly
 * passes the schema (the same rules, checked by hand), else null, and the schema then runs to say
 * what is wrong. Saves the schema's cost on the rows of a 1M-row file that are fine (nearly all).
 */
export function plainRetailItem(record: Readonly<Record<string, string | undefined>>): RetailItem | null {
  const text = (value: string | undefined) => typeof value === 'string';
  const filled = (value: string | undefined) => typeof value === 'string' && value.length > 0;
  const maybe = (value: string | undefined, pattern: RegExp) =>
    value === undefined || value === '' || pattern.test(value);
  const r = record;
  if (
    !text(r.armRegionName) ||
    !filled(r.skuId) ||
    !filled(r.meterId) ||
    !TYPES.has(r.type ?? '') ||
    !filled(r.productName) ||
    !text(r.skuName) ||
    !filled(r.meterName) ||
    !filled(r.unitOfMeasure) ||
    !DECIMAL.test(r.retailPrice ?? '') ||
    !DECIMAL.test(r.unitPrice ?? '') ||
    !maybe(r.tierMinimumUnits, DECIMAL) ||
    !maybe(r.savingsPlan1YearRetailPrice, DECIMAL) ||
    !maybe(r.effectiveStartDate, ISO_DATE) ||
    !maybe(r.effectiveEndDate, ISO_DATE) ||
    !maybe(r.snapshotAt, ISO_DATE)
  )
    return null;
  return r as RetailItem;
}

/**
 * Imports a Retail Prices CSV straight into a columnar table, a few megabytes of text at a time:
 * the import path of a large snapshot (1M rows stay inside a few hundred MB).
 */
export function importRetailCsvInto(
  file: string,
  csv: string,
  table: PriceTableBuilder,
): StreamedImport & { readonly snapshotAt: string | null } {
  let snapshotAt: string | null = null;
  const report = streamCsvRecords(
    file,
    csv,
    RETAIL_CSV_COLUMNS,
    retailItemSchema,
    (item) => {
      if (item.snapshotAt && (!snapshotAt || item.snapshotAt > snapshotAt)) snapshotAt = item.snapshotAt;
      table.addTexts(retailItemTexts(item));
      return true;
    },
    { fastPath: plainRetailItem },
  );
  return { ...report, snapshotAt };
}

export interface RetailImport extends ImportReport<PriceRow> {
  /** Newest `snapshotAt` seen in the file, if it has that column. */
  readonly snapshotAt: string | null;
}

/** Imports a CSV of Retail Prices API items (the shared snapshot format or a full API dump). */
export function importRetailCsv(file: string, csv: string, interner = new Interner()): RetailImport {
  let snapshotAt: string | null = null;
  const report = importCsv(file, csv, RETAIL_CSV_COLUMNS, retailItemSchema, (item) => {
    if (item.snapshotAt && (!snapshotAt || item.snapshotAt > snapshotAt)) snapshotAt = item.snapshotAt;
    return retailItemToRow(item, interner);
  });
  return { ...report, snapshotAt };
}

/**
 * Imports one or more Retail Prices API JSON pages (`{ Items: [...], NextPageLink }`) or a plain
 * array of items. Item numbers stand in for line numbers (1-based).
 */
export function importRetailJson(file: string, json: string, interner = new Interner()): RetailImport {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    return { ...failedImport<PriceRow>(`${file}: ${(error as Error).message}`), snapshotAt: null };
  }
  const pages =
    Array.isArray(parsed) && parsed.every((p) => p && typeof p === 'object' && 'Items' in p)
      ? parsed
      : [parsed];
  const items: unknown[] = [];
  for (const page of pages) {
    if (Array.isArray(page)) items.push(...page);
    else if (page && typeof page === 'object' && Array.isArray((page as { Items?: unknown }).Items)) {
      items.push(...(page as { Items: unknown[] }).Items);
    } else
      return {
        ...failedImport<PriceRow>(`${file}: not a Retail Prices API page (no Items array)`),
        snapshotAt: null,
      };
  }
  const issues = new IssueCollector();
  const rows: PriceRow[] = [];
  items.forEach((item, index) => {
    const result = retailItemSchema.safeParse(jsonItemAsStrings(item));
    if (!result.success) {
      const first = result.error.issues[0];
      issues.add(file, index + 1, `item ${index + 1}: ${first.path.join('.') || 'item'}: ${first.message}`);
      return;
    }
    rows.push(retailItemToRow(result.data, interner));
  });
  return {
    ok: rows.length > 0,
    rows,
    accepted: rows.length,
    skipped: issues.count,
    issues: issues.issues,
    fatal: rows.length > 0 ? null : `${file}: no valid items`,
    snapshotAt: null,
  };
}
