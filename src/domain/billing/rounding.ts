import { Decimal } from 'decimal.js';

/** Money is rounded DOWN to 2 decimals, as Partner Center documents for BillingPreTaxTotal (rule 21). */
export function floorToCents(amount: Decimal): Decimal {
  return amount.toDecimalPlaces(2, Decimal.ROUND_FLOOR);
}

/** `BillingPreTaxTotal = FLOOR(EffectiveUnitPrice × Quantity × PCToBCExchangeRate, 2)` (azure-plan.md §7). */
export function billingPreTaxTotal(
  effectiveUnitPrice: Decimal,
  quantity: Decimal,
  pcToBcExchangeRate: Decimal,
): Decimal {
  return floorToCents(effectiveUnitPrice.times(quantity).times(pcToBcExchangeRate));
}
