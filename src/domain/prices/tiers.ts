import { Decimal } from 'decimal.js';
import { DomainError } from '../errors.js';

/** One tier of a graduated price: units above `minimumUnits` (up to the next tier) cost `unitPrice`. */
export interface PriceTier {
  readonly minimumUnits: Decimal;
  readonly unitPrice: Decimal;
}

/**
 * Graduated (not volume) pricing: each tier's price applies only to the units inside that tier.
 * Tiers use the Retail API convention (`tierMinimumUnits`: 0, 100, …). Example from the Partner
 * Center docs: 0–100 @ 1.00, 100–100,000 @ 0.80, above @ 0.50 → 101 units = 100.80.
 */
export function graduatedCost(tiers: readonly PriceTier[], quantity: Decimal): Decimal {
  if (tiers.length === 0) throw new DomainError('validation', { field: 'tiers' });
  if (quantity.isNegative()) throw new DomainError('validation', { field: 'quantity' });
  const sorted = [...tiers].sort((a, b) => a.minimumUnits.comparedTo(b.minimumUnits));
  let total = new Decimal(0);
  for (let i = 0; i < sorted.length; i++) {
    const start = sorted[i].minimumUnits;
    if (quantity.lte(start)) break;
    const next = sorted[i + 1]?.minimumUnits;
    const end = next && next.lt(quantity) ? next : quantity;
    total = total.plus(end.minus(start).times(sorted[i].unitPrice));
  }
  return total;
}

/**
 * Partner Center price sheets give inclusive 1-based ranges ("1–100", "101–100000"); the Retail
 * API gives the lower bound of the tier ("0", "100"). An empty minimum means a single tier.
 */
export function tierMinimumFromPriceSheet(rangeMin: string): Decimal {
  const trimmed = rangeMin.trim();
  if (trimmed === '') return new Decimal(0);
  const min = new Decimal(trimmed);
  return min.gt(0) ? min.minus(1) : min;
}
