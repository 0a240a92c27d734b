import { Decimal } from 'decimal.js';

/** One dated value of the Partner Earned Credit rate, with where it is documented. */
export interface PecRateEntry {
  /** Fraction of the retail price credited, e.g. 0.15 for 15 %. */
  rate: Decimal;
  /** First UTC day (YYYY-MM-DD) the rate is documented to apply from. */
  effectiveFrom: string;
  source: string;
}

/**
 * The PEC rate as data, not a constant: the docs keep it "configurable" ("find the rate on the price
 * list page") and no change of the 15 % has been documented (azure-plan.md §6). The effective-from
 * date is the earliest dated source we hold, not a launch date.
 */
export const DOCUMENTED_PEC_RATES: readonly PecRateEntry[] = [
  {
    rate: new Decimal('0.15'),
    effectiveFrom: '2020-07-10',
    source:
      'Partner Center docs "Partner earned credit" / "How the partner earned credit is calculated" (azure-plan-lp ms.date 07/10/2020)',
  },
];

export class PecRateSchedule {
  private readonly entries: readonly PecRateEntry[];

  constructor(entries: readonly PecRateEntry[] = DOCUMENTED_PEC_RATES) {
    if (entries.length === 0) throw new Error('PecRateSchedule needs at least one rate');
    this.entries = [...entries].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  }

  /**
   * The rate in force on a UTC day. Days before the first documented entry get that entry too:
   * the sources describe no other rate, and the entry carries its own date for the answer to state.
   */
  rateOn(day: string): PecRateEntry {
    let current = this.entries[0];
    for (const entry of this.entries) if (entry.effectiveFrom <= day) current = entry;
    return current;
  }

  /** The PEC percentage as the recon file writes it (15 for 15 %). */
  percentOn(day: string): Decimal {
    return this.rateOn(day).rate.times(100);
  }
}
