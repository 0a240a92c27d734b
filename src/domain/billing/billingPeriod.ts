import { DomainError } from '../errors.js';

/**
 * Azure plan billing calendar (azure-plan.md §7, rule 22): the period is the calendar month, the
 * invoice and recon file are available on the 8th of the next month at 00:00 UTC, payment is net 60.
 */
export const AZURE_PLAN_BILLING = {
  invoiceDayOfMonth: 8,
  paymentTermDays: 60,
  source: 'Partner Center "Azure plan billing" (azure-plan-billing.md, 2020/2021), billing-basics',
} as const;

export interface InvoiceDates {
  usageDate: string;
  /** First and last day of the billing period (inclusive, UTC days). */
  periodStart: string;
  periodEnd: string;
  /** When the invoice and recon file become available (UTC instant). */
  invoiceDate: string;
  /** Invoice date + 60 days; null where the sources give no payment term (legacy offer). */
  dueDate: string | null;
}

const DAY_MS = 86_400_000;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseDay(day: string): { year: number; month: number; date: number } {
  const match = DAY.exec(day);
  const parsed = match ? new Date(Date.UTC(+match[1], +match[2] - 1, +match[3])) : null;
  if (!match || !parsed || parsed.getUTCDate() !== +match[3] || parsed.getUTCMonth() !== +match[2] - 1) {
    throw new DomainError('validation', { field: 'date', value: day });
  }
  return { year: +match[1], month: +match[2], date: +match[3] };
}

function iso(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function utc(year: number, month: number, date: number): number {
  return Date.UTC(year, month - 1, date);
}

/** "Which invoice will usage on 15 October be on?" → period 1–31 Oct, invoice 8 Nov 00:00 UTC, due 60 days later. */
export function invoiceForUsageDate(usageDate: string): InvoiceDates {
  const { year, month } = parseDay(usageDate);
  const invoice = utc(year, month + 1, AZURE_PLAN_BILLING.invoiceDayOfMonth);
  return {
    usageDate,
    periodStart: iso(utc(year, month, 1)),
    periodEnd: iso(utc(year, month + 1, 0)),
    invoiceDate: new Date(invoice).toISOString(),
    dueDate: iso(invoice + AZURE_PLAN_BILLING.paymentTermDays * DAY_MS),
  };
}

/** Invoice dates of a whole usage month 'YYYY-MM'. */
export function invoiceForUsageMonth(month: string): InvoiceDates {
  return invoiceForUsageDate(`${month}-01`);
}

/**
 * The legacy offer (MS-AZR-0145P) for contrast: a monthly period starting on the partner's billing
 * anniversary day, invoiced two days after the period closes (PAGES-EN billing-basics).
 */
export function legacyInvoiceForUsageDate(usageDate: string, anniversaryDay: number): InvoiceDates {
  if (!Number.isInteger(anniversaryDay) || anniversaryDay < 1 || anniversaryDay > 31) {
    throw new DomainError('validation', { field: 'anniversaryDay', value: anniversaryDay });
  }
  const { year, month, date } = parseDay(usageDate);
  const anniversaryIn = (y: number, m: number): number => {
    const last = new Date(utc(y, m + 1, 0)).getUTCDate();
    return utc(y, m, Math.min(anniversaryDay, last));
  };
  const thisMonth = anniversaryIn(year, month);
  const start = utc(year, month, date) >= thisMonth ? thisMonth : anniversaryIn(year, month - 1);
  const startDate = new Date(start);
  const next = anniversaryIn(startDate.getUTCFullYear(), startDate.getUTCMonth() + 2);
  const invoice = next + 2 * DAY_MS;
  return {
    usageDate,
    periodStart: iso(start),
    periodEnd: iso(next - DAY_MS),
    invoiceDate: new Date(invoice).toISOString(),
    dueDate: null,
  };
}
