import { checkAccessDays } from './accessDays.js';
import { assessRole } from './azureRoles.js';
import type { PecIneligibleReason } from './meterEligibility.js';
import type { AccessPeriod } from './pecEstimate.js';
import type { PecAccessQuestion } from './pecQuestion.js';
import { daysInMonth } from './wholeDay.js';

/**
 * What a PEC question needs next, from what it has told so far:
 * - 'excludedUsage': it names usage that never earns PEC (reservation, Spot, marketplace …) and the
 *   priced row is not itself excluded — answered "no PEC" without a price;
 * - 'needPrice': nothing was priced and nothing decides the answer without a price;
 * - 'askDays': the days do not fit the month (refused, then asked again without them: `access` has
 *   no days), or the role can earn PEC and the days are not told;
 * - 'askRole': the role decides the answer and is not told;
 * - 'estimate': enough to estimate, with the access period to use. An excluded meter needs neither
 *   role nor days (no role earns PEC on it), nor does a role that never qualifies (a Reader is told
 *   "no" straight away).
 */
export type PecNextStep =
  | { kind: 'excludedUsage'; usage: PecIneligibleReason }
  | { kind: 'needPrice' }
  | { kind: 'askDays'; access: PecAccessQuestion; daysInMonth: number; refusedDays?: number }
  | { kind: 'askRole'; access: PecAccessQuestion }
  | { kind: 'estimate'; access: PecAccessQuestion; period: AccessPeriod };

export function pecNextStep(
  access: PecAccessQuestion,
  month: string,
  price: { priced: boolean; meterExcluded: boolean },
): PecNextStep {
  if (access.usage && !price.meterExcluded) return { kind: 'excludedUsage', usage: access.usage };
  if (!price.priced) return { kind: 'needPrice' };

  if (access.days !== undefined && !access.fullMonth) {
    const check = checkAccessDays(access.days, month);
    if (!check.ok) {
      // The refused number is not kept.
      const kept: PecAccessQuestion = { ...access };
      delete kept.days;
      return { kind: 'askDays', access: kept, daysInMonth: check.daysInMonth, refusedDays: check.days };
    }
  }

  if (!price.meterExcluded) {
    if (!access.role) return { kind: 'askRole', access };
    const qualifies = assessRole(access.role).qualification === 'qualifying';
    if (qualifies && access.days === undefined && !access.fullMonth)
      return { kind: 'askDays', access, daysInMonth: daysInMonth(month) };
  }
  return { kind: 'estimate', access, period: accessPeriodOf(access) };
}

/** The access period a question states: the full month, a number of days, or not given. */
export function accessPeriodOf(access: PecAccessQuestion): AccessPeriod {
  if (access.fullMonth) return { kind: 'fullMonth' };
  if (access.days !== undefined) return { kind: 'days', days: access.days };
  return { kind: 'notGiven' };
}
