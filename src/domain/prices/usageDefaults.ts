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
