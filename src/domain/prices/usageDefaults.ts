import { Decimal } from 'decimal.js';
import { HOURS_PER_MONTH } from './quantityWords.js';

/**
 * How much usage a question means when it names none (e.g. "PEC on D4s v5 in West Europe"): a month
 * of an hourly meter — Azure's 730-hour month (HOURS_PER_MONTH) — for a meter priced per
 * "1 Hour"; one unit of measure for any other meter (one GB, one 10K transactions …).
 */
export function defaultUsageQuantity(unitOfMeasure: string): Decimal {
  return unitOfMeasure === '1 Hour' ? HOURS_PER_MONTH : new Decimal(1);
}

/** The usage a question asks about: what it said, else the default for the meter's unit. */
export function usageQuantity(asked: Decimal | null | undefined, unitOfMeasure: string): Decimal {
  return asked ?? defaultUsageQuantity(unitOfMeasure);
}

/** A meter priced per hour or per something-hour ("1 Hour", "100 Hours", "1 GiB/Hour"). */
export function isHourlyUnit(unitOfMeasure: string): boolean {
  return /hour/i.test(unitOfMeasure);
}

/**
 * The answer says "a month is counted as 730 hours" when the hours asked about are whole months of
 * 730 hours on an hourly meter — in every language (decided on the price list's unit, never on its
 * translated label).
 */
export function countsWholeMonthsOfHours(unitOfMeasure: string, hours: Decimal | null | undefined): boolean {
  return (
    isHourlyUnit(unitOfMeasure) && hours != null && !hours.isZero() && hours.mod(HOURS_PER_MONTH).isZero()
  );
}
