import { Decimal } from 'decimal.js';

/** A billing month, "YYYY-MM". */
export type BillingMonth = string;

export interface FxRate {
  /** ISO 4217 code, e.g. EUR. */
  readonly currency: string;
  /** How many USD one unit of the currency is worth in that month (the FX file's USDPerUnit). */
  readonly usdPerUnit: Decimal;
  readonly month: BillingMonth;
}

export type FxConversion =
  | {
      readonly ok: true;
      readonly currency: string;
      readonly month: BillingMonth;
      readonly usdPerUnit: Decimal;
      readonly amount: Decimal;
    }
  | {
      readonly ok: false;
      readonly currency: string;
      readonly month: BillingMonth;
      readonly reason: 'noFxTable' | 'noRateForMonth';
    };

/**
 * Monthly FX rates. A conversion always uses the rate of exactly the month asked about: falling
 * back to another month would silently mix two months' rates in one answer.
 */
export class FxTable {
  private readonly rates = new Map<string, FxRate>();

  constructor(rates: readonly FxRate[]) {
    for (const rate of rates) this.rates.set(`${rate.currency.toUpperCase()}|${rate.month}`, rate);
  }

  get size(): number {
    return this.rates.size;
  }

  months(): BillingMonth[] {
    return [...new Set([...this.rates.values()].map((rate) => rate.month))].sort();
  }

  rate(currency: string, month: BillingMonth): FxRate | null {
    return this.rates.get(`${currency.toUpperCase()}|${month}`) ?? null;
  }

  /** USD → `currency` at the month's rate: local = USD ÷ USDPerUnit. */
  convertUsd(amountUsd: Decimal, currency: string, month: BillingMonth): FxConversion {
    const upper = currency.toUpperCase();
    if (upper === 'USD')
      return { ok: true, currency: upper, month, usdPerUnit: new Decimal(1), amount: amountUsd };
    const rate = this.rate(upper, month);
    if (!rate)
      return {
        ok: false,
        currency: upper,
        month,
        reason: this.rates.size === 0 ? 'noFxTable' : 'noRateForMonth',
      };
    return {
      ok: true,
      currency: upper,
      month,
      usdPerUnit: rate.usdPerUnit,
      amount: amountUsd.dividedBy(rate.usdPerUnit),
    };
  }
}

/** "2026-08-22T20:59:40Z" → "2026-08". */
export function monthOf(isoDate: string): BillingMonth {
  return isoDate.slice(0, 7);
}
