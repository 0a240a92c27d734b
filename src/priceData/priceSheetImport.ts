import { z } from 'zod';
import type { PriceRow, PriceType } from '../domain/prices/priceRow.js';
import { tierMinimumFromPriceSheet } from '../domain/prices/tiers.js';
import { importCsv, type ImportReport } from './importReport.js';
import { Interner } from './interner.js';

export const PRICE_SHEET_COLUMNS = [
  'ProductTitle',
  'ProductId',
  'SkuId',
  'SkuTitle',
  'Publisher',
  'SkuDescription',
  'UnitOfMeasure',
  'TermDuration',
  'Market',
  'Currency',
  'UnitPrice',
  'PricingTierRangeMin',
  'PricingTierRangeMax',
  'EffectiveStartDate',
  'EffectiveEndDate',
  'MeterIds',
  'MeterType',
  'Tags',
] as const;

const decimalOrEmpty = z
  .string()
  .trim()
  .refine((v) => v === '' || /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(v), 'not a decimal number');

/** "3/1/2018 12:00:00 AM" or ISO → ISO date-time (UTC); '' → null; anything else is invalid. */
export function priceSheetDate(value: string): string | null | undefined {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2}):(\d{2})\s*(AM|PM)?)?$/i.exec(trimmed);
  if (us) {
    let hour = Number(us[4] ?? 0);
    if (us[7]?.toUpperCase() === 'PM' && hour < 12) hour += 12;
    if (us[7]?.toUpperCase() === 'AM' && hour === 12) hour = 0;
    const date = new Date(
      Date.UTC(Number(us[3]), Number(us[1]) - 1, Number(us[2]), hour, Number(us[5] ?? 0), Number(us[6] ?? 0)),
    );
    return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
  }
  const parsed = Date.parse(trimmed);
  return Number.isNaN(parsed) ? undefined : new Date(parsed).toISOString();
}

const dateText = z.string().transform((value, ctx) => {
  const iso = priceSheetDate(value);
  if (iso === undefined) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: `not a date: "${value}"` });
    return z.NEVER;
  }
  return iso;
});

export const priceSheetSchema = z.object({
  ProductTitle: z.string().trim().min(1, 'is empty'),
  ProductId: z.string().trim().min(1, 'is empty'),
  SkuId: z.string().trim().min(1, 'is empty'),
  SkuTitle: z.string().trim(),
  Publisher: z.string().trim(),
  UnitOfMeasure: z.string().trim().min(1, 'is empty'),
  TermDuration: z.string().trim(),
  Market: z.string().trim(),
  Currency: z.string().trim().length(3, 'is not a currency code'),
  UnitPrice: z
    .string()
    .trim()
    .regex(/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/, 'not a decimal number'),
  PricingTierRangeMin: decimalOrEmpty,
  PricingTierRangeMax: decimalOrEmpty,
  EffectiveStartDate: dateText,
  EffectiveEndDate: dateText,
  MeterIds: z.string().trim().min(1, 'is empty'),
  MeterType: z.string().trim(),
  Tags: z.string().trim(),
});

/** Maps a price-sheet region suffix ("… - US East 2") to an ARM region id, when the caller can. */
export type RegionLookup = (text: string) => string | null;

function typeOf(termDuration: string, tags: string): { type: PriceType; term: string } {
  const term = termDuration.toLowerCase();
  if (/reservation/i.test(tags) || /^p\d+y$|year/.test(term)) {
    const years = /(\d+)/.exec(term)?.[1] ?? '1';
    return { type: 'Reservation', term: years === '1' ? '1 Year' : `${years} Years` };
  }
  if (/devtest/.test(term)) return { type: 'DevTestConsumption', term: '' };
  return { type: 'Consumption', term: '' };
}

/**
 * Imports a Partner Center Azure plan price sheet CSV (18 columns). One row per meter id (the
 * MeterIds cell may list several); tier ranges become `tierMinimumUnits`; Tags are kept so
 * "Third Party" items are recognised as not PEC-eligible.
 */
export function importPriceSheetCsv(
  file: string,
  csv: string,
  regionOf: RegionLookup = () => null,
  interner = new Interner(),
): ImportReport<PriceRow> {
  return importCsv(file, csv, PRICE_SHEET_COLUMNS, priceSheetSchema, (record) => {
    const { type, term } = typeOf(record.TermDuration, record.Tags);
    const regionText = record.SkuTitle.split(' - ').pop() ?? '';
    const region = record.SkuTitle.includes(' - ') ? regionOf(regionText) : null;
    return record.MeterIds.split(/[,;]\s*/)
      .filter(Boolean)
      .map((meterId) => ({
        currencyCode: interner.text(record.Currency.toUpperCase()),
        serviceName: '',
        armRegionName: interner.text(region ?? ''),
        productId: interner.text(record.ProductId),
        skuId: interner.text(`${record.ProductId}/${record.SkuId}`),
        meterId,
        type,
        reservationTerm: term,
        productName: interner.text(record.ProductTitle),
        skuName: interner.text(record.SkuTitle),
        meterName: interner.text(record.SkuTitle || record.MeterType),
        unitOfMeasure: interner.text(record.UnitOfMeasure),
        tierMinimumUnits: tierMinimumFromPriceSheet(record.PricingTierRangeMin),
        unitPrice: interner.decimal(record.UnitPrice),
        unitPriceText: record.UnitPrice,
        retailPrice: interner.decimal(record.UnitPrice),
        savingsPlan1Year: null,
        effectiveStartDate: record.EffectiveStartDate,
        effectiveEndDate: record.EffectiveEndDate,
        tags: interner.text(record.Tags),
      }));
  });
}
