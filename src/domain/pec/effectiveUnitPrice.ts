import { Decimal } from 'decimal.js';
import { floorToCents } from '../billing/rounding.js';

export interface MeterCharge {
  /** Billed cost in pricing currency (USD): floor(quantity × unit price × (1 − PEC rate), 2). */
  billedCost: Decimal;
  /** billedCost ÷ quantity (the docs' "EUP = BCU/BC" is a typo: the numbers show BC/BCU). */
  effectiveUnitPrice: Decimal;
}

/**
 * Partner Center's per-meter effective unit price (azure-plan.md §5): recomputed from the quantity
 * consumed so far, so it drifts in the 4th–5th decimal during the month. With PEC the factor is 0.85.
 */
export function meterCharge(unitPrice: Decimal, cumulativeQuantity: Decimal, pecRate: Decimal): MeterCharge {
  const billedCost = floorToCents(cumulativeQuantity.times(unitPrice).times(new Decimal(1).minus(pecRate)));
  const effectiveUnitPrice = cumulativeQuantity.isZero()
    ? unitPrice.times(new Decimal(1).minus(pecRate))
    : billedCost.dividedBy(cumulativeQuantity);
  return { billedCost, effectiveUnitPrice };
}
