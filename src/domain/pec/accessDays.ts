import { daysInMonth, wholeDaysOf } from './wholeDay.js';

/** Whether a stated number of access days fits the usage month, and how many whole days it is. */
export type AccessDaysCheck =
  | { ok: true; days: number; daysInMonth: number }
  | { ok: false; problem: 'moreThanMonth' | 'negative'; days: number; daysInMonth: number };

/**
 * Checks the access days a partner states for a month 'YYYY-MM': more days than the month has are
 * refused (29 days fit February 2028, not February 2027; 28.5 days fit neither); fractions are cut
 * to whole UTC days.
 */
export function checkAccessDays(days: number, month: string): AccessDaysCheck {
  const monthDays = daysInMonth(month);
  if (!Number.isFinite(days) || days < 0)
    return { ok: false, problem: 'negative', days, daysInMonth: monthDays };
  if (days > monthDays) return { ok: false, problem: 'moreThanMonth', days, daysInMonth: monthDays };
  return { ok: true, days: wholeDaysOf(days), daysInMonth: monthDays };
}
