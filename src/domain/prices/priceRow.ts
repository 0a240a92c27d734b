import type { Decimal } from 'decimal.js';

/** Retail API `type`; a Partner Center price sheet row maps onto the same three values. */
export type PriceType = 'Consumption' | 'DevTestConsumption' | 'Reservation';

/**
 * One price row, whatever file it came from. Prices are Decimal (never floats); identical values
 * may share one Decimal instance, which is safe because Decimal is immutable.
 */
export interface PriceRow {
  readonly currencyCode: string;
  readonly serviceName: string;
  readonly armRegionName: string;
  readonly productId: string;
  readonly skuId: string;
  readonly meterId: string;
  readonly type: PriceType;
  /** '' unless type is Reservation ("1 Year", "3 Years"). */
  readonly reservationTerm: string;
  readonly productName: string;
  readonly skuName: string;
  readonly meterName: string;
  readonly unitOfMeasure: string;
  /** Lower bound of the tier in units (0 for the first or only tier). */
  readonly tierMinimumUnits: Decimal;
  readonly unitPrice: Decimal;
  /** The unit price exactly as the source wrote it (kept so answers can quote it verbatim). */
  readonly unitPriceText: string;
  readonly retailPrice: Decimal;
  /** Hourly price under a 1-year savings plan, when the source has one. */
  readonly savingsPlan1Year: Decimal | null;
  /** ISO date-time; null when the source does not say. */
  readonly effectiveStartDate: string | null;
  readonly effectiveEndDate: string | null;
  /** Price-sheet Tags ("Azure", "Azure, Reservations", "Third Party"); '' when unknown. */
  readonly tags: string;
}

/**
 * The identity of a price row. meterId alone is not unique: the same meter appears in several
 * SKUs, price types, tiers and reservation terms.
 */
export function priceRowKey(
  row: Pick<PriceRow, 'skuId' | 'meterId' | 'type' | 'tierMinimumUnits' | 'reservationTerm'>,
): string {
  return `${row.skuId}|${row.meterId}|${row.type}|${row.tierMinimumUnits.toFixed()}|${row.reservationTerm}`;
}

/** True when the row is in force at `at` (a missing start or end date is open-ended). */
export function isEffectiveAt(
  row: Pick<PriceRow, 'effectiveStartDate' | 'effectiveEndDate'>,
  at: Date,
): boolean {
  const time = at.getTime();
  if (row.effectiveStartDate && Date.parse(row.effectiveStartDate) > time) return false;
  if (row.effectiveEndDate && Date.parse(row.effectiveEndDate) < time) return false;
  return true;
}

/** Of several versions of one price (same key), the one in force at `at`, newest start first. */
export function effectiveVersion<R extends Pick<PriceRow, 'effectiveStartDate' | 'effectiveEndDate'>>(
  versions: readonly R[],
  at: Date,
): R | null {
  let best: R | null = null;
  for (const row of versions) {
    if (!isEffectiveAt(row, at)) continue;
    if (!best || startTime(row) > startTime(best)) best = row;
  }
  return best;
}

function startTime(row: Pick<PriceRow, 'effectiveStartDate'>): number {
  return row.effectiveStartDate ? Date.parse(row.effectiveStartDate) : Number.NEGATIVE_INFINITY;
}

export const VM_PRODUCT_EXCLUDED = /cloud\s*services|dedicated\s*host/i;

/**
 * A virtual-machine product a size question may be answered from: every product of the Virtual
 * Machines service ("Virtual Machines Dsv5 Series", "NCads A100 v4 Series Linux", …) except Cloud
 * Services and Dedicated Host, whose rows can carry the very same skuName.
 */
export function isVmProduct(row: Pick<PriceRow, 'serviceName' | 'productName'>): boolean {
  return row.serviceName === 'Virtual Machines' && !VM_PRODUCT_EXCLUDED.test(row.productName);
}

export function isWindowsProduct(productName: string): boolean {
  return /\bWin(dows)?\b/i.test(productName);
}

export function isPromo(row: Pick<PriceRow, 'productName' | 'skuName'>): boolean {
  return /promo/i.test(row.productName) || /promo/i.test(row.skuName);
}

export type VmPriority = 'regular' | 'spot' | 'lowPriority';

export function priorityOfSku(skuName: string): VmPriority {
  if (/\bspot$/i.test(skuName)) return 'spot';
  if (/\blow priority$/i.test(skuName)) return 'lowPriority';
  return 'regular';
}
