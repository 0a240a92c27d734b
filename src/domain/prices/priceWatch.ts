import { Decimal } from 'decimal.js';

/** One watched price: the row key it resolved to and the price last told to the partner. */
export interface WatchedPrice {
  /** priceRowKey of the row: skuId|meterId|type|tierMinimumUnits|reservationTerm. */
  readonly key: string;
  /** The question as typed ("D4s v5 windows west europe"). */
  readonly question: string;
  /** "D4s v5 (Windows)" — product data, not a sentence. */
  readonly name: string;
  readonly regionId: string;
  /** Display name of the region ("West Europe"). */
  readonly regionName: string;
  readonly unitOfMeasure: string;
  readonly currency: string;
  /** The price the partner last saw for it (decimal text). */
  readonly unitPrice: string;
  /** Snapshot date of that price. */
  readonly asOf: string;
}

export interface PriceChange {
  readonly watch: WatchedPrice;
  readonly oldPrice: Decimal;
  readonly newPrice: Decimal;
  /** (new − old) / old × 100, e.g. 16.0 for 7.87 → 9.129. */
  readonly percent: Decimal;
  readonly newAsOf: string;
}

/** The change of a watched price, or null when the new price is the same (or the row is gone). */
export function priceChangeOf(
  watch: WatchedPrice,
  newPriceText: string | null,
  newAsOf: string,
): PriceChange | null {
  if (newPriceText === null) return null;
  const oldPrice = new Decimal(watch.unitPrice);
  const newPrice = new Decimal(newPriceText);
  if (oldPrice.eq(newPrice)) return null;
  const percent = oldPrice.isZero() ? new Decimal(0) : newPrice.minus(oldPrice).div(oldPrice).times(100);
  return { watch, oldPrice, newPrice, percent, newAsOf };
}

/** The watch after the partner was told of `change`: the new price is the one to compare against. */
export function acknowledged(change: PriceChange): WatchedPrice {
  return { ...change.watch, unitPrice: change.newPrice.toFixed(), asOf: change.newAsOf };
}
