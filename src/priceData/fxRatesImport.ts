import { Decimal } from 'decimal.js';
import { z } from 'zod';
import type { FxRate } from '../domain/prices/fx.js';
import { importCsv, type ImportReport } from './importReport.js';

/** "2026-08", "2026-08-01", "08/2026", "8/1/2026" → "2026-08". */
export function billingMonth(value: string): string | null {
  const trimmed = value.trim();
  let match = /^(\d{4})-(\d{1,2})(?:-\d{1,2})?(?:T.*)?$/.exec(trimmed);
  if (match) return month(match[1], match[2]);
  match = /^(\d{1,2})\/(\d{4})$/.exec(trimmed);
  if (match) return month(match[2], match[1]);
  match = /^(\d{1,2})\/\d{1,2}\/(\d{4})/.exec(trimmed);
  if (match) return month(match[2], match[1]);
  return null;
}

function month(year: string, monthNumber: string): string | null {
  const n = Number(monthNumber);
  return n >= 1 && n <= 12 ? `${year}-${String(n).padStart(2, '0')}` : null;
}

const fxSchema = z.object({
  CurrencyCode: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{3}$/, 'is not a currency code'),
  USDPerUnit: z
    .string()
    .trim()
    .regex(/^\d+(\.\d+)?([eE][-+]?\d+)?$/, 'not a decimal number')
    .refine((value) => new Decimal(value).gt(0), 'must be above zero'),
  Month: z.string().refine((value) => billingMonth(value) !== null, 'not a month'),
});

/** Imports a monthly FX rates CSV with columns "CurrencyCode","USDPerUnit","Month". */
export function importFxRatesCsv(file: string, csv: string): ImportReport<FxRate> {
  return importCsv(file, csv, ['CurrencyCode', 'USDPerUnit', 'Month'], fxSchema, (record) => ({
    currency: record.CurrencyCode.toUpperCase(),
    usdPerUnit: new Decimal(record.USDPerUnit),
    month: billingMonth(record.Month) as string,
  }));
}
