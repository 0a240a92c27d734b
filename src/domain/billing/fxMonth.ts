import { Decimal } from 'decimal.js';
import { DomainError } from '../errors.js';
import { parseDay } from './billingPeriod.js';

/**
 * FX month rule (rule 18): usage is converted with the rate of the month the usage happened in,
 * published the day before that month's 1st (18:00 PST); never mix months.
 */
export interface FxMonth {
  month: string;
  /** The day (YYYY-MM-DD) the month's rate is published, the day before the 1st. */
  publishedOn: string;
  source: string;
}

export const FX_SOURCE =
  'Partner Center "Azure plan price list" / "Azure plan billing": monthly rate, downloadable from 6 pm PST the day before the 1st';

export function fxMonthFor(usageDate: string): FxMonth {
  const { year, month } = parseDay(usageDate);
  const publishedOn = new Date(Date.UTC(year, month - 1, 0)).toISOString().slice(0, 10);
  return { month: `${year}-${String(month).padStart(2, '0')}`, publishedOn, source: FX_SOURCE };
}

/** Port: the monthly PCToBCExchangeRate (billing-currency units per 1 USD) for a currency and month. */
export interface FxRateSource {
  pcToBcRate(currency: string, month: string): Decimal | undefined;
}

/** Partner Center's FX file gives USDPerUnit; the recon file's PCToBCExchangeRate is its inverse. */
export function pcToBcFromUsdPerUnit(usdPerUnit: Decimal): Decimal {
  return new Decimal(1).dividedBy(usdPerUnit);
}

export class InMemoryFxRates implements FxRateSource {
  private readonly rates = new Map<string, Decimal>();

  constructor(entries: ReadonlyArray<{ currency: string; month: string; pcToBcRate: Decimal }> = []) {
    for (const entry of entries)
      this.rates.set(`${entry.currency.toUpperCase()}|${entry.month}`, entry.pcToBcRate);
  }

  pcToBcRate(currency: string, month: string): Decimal | undefined {
    if (currency.toUpperCase() === 'USD') return new Decimal(1);
    return this.rates.get(`${currency.toUpperCase()}|${month}`);
  }
}

/** The rate for usage on `usageDate`, or a DomainError('fx_rate_missing') — never a neighbouring month's. */
export function rateForUsage(
  fx: FxRateSource,
  currency: string,
  usageDate: string,
): { rate: Decimal; fxMonth: FxMonth } {
  const fxMonth = fxMonthFor(usageDate);
  const rate = fx.pcToBcRate(currency, fxMonth.month);
  if (!rate) throw new DomainError('fx_rate_missing', { currency, month: fxMonth.month });
  return { rate, fxMonth };
}
