import { Decimal } from 'decimal.js';
import { DomainError } from '../errors.js';
import { floorToCents } from '../billing/rounding.js';
import { meterPecEligibility, type MeterPecFacts, type PecIneligibleReason } from './meterEligibility.js';
import { PecRateSchedule, type PecRateEntry } from './pecRate.js';
import { partnerModelReasons, roleReason, type PartnerType, type PecReason } from './pecEligibility.js';
import { coveredDays, daysInMonth, type TimeInterval } from './wholeDay.js';
import type { ScopeLevel } from './accessScope.js';
import { checkAccessDays } from './accessDays.js';

/** How long the partner held the access in the month: a day count, the actual intervals, or not told. */
export type AccessPeriod =
  | { kind: 'fullMonth' }
  /** Days as stated; 9.5 counts as 9 whole UTC days. */
  | { kind: 'days'; days: number }
  | { kind: 'intervals'; intervals: readonly TimeInterval[] }
  /** Not told: enough when the role or the usage can never earn PEC, refused otherwise. */
  | { kind: 'notGiven' };

export interface PecEstimateInput {
  /** Retail (list) unit price in USD, from the Azure plan price list. */
  unitPrice: Decimal;
  quantity: Decimal;
  /** Usage month 'YYYY-MM' (decides the days of the month and the rate in force). */
  month: string;
  access: AccessPeriod;
  /** Azure RBAC role name as the user wrote it; undefined = not told, never assumed eligible. */
  role?: string;
  scope?: ScopeLevel;
  meter?: MeterPecFacts;
  /** Never-eligible usage the question names ("reserved instance", "절약 플랜"), whatever the price row. */
  usageNamed?: PecIneligibleReason;
  partnerType?: PartnerType;
}

export interface PecEstimate {
  currency: 'USD';
  month: string;
  daysInMonth: number;
  /** Whole UTC days with access as told (null when not told), whether or not they earn PEC. */
  accessDays: number | null;
  /** Whole UTC days earning PEC (0 when the role or the usage does not qualify). */
  eligibleDays: number;
  rate: PecRateEntry;
  /** floor(unit price × quantity, 2): what the usage costs without PEC. */
  listPrice: Decimal;
  /**
   * Billed before tax: floor(unit price × quantity × (1 − rate × eligible days ÷ days in month), 2),
   * computed on the unrounded amount and rounded once (the docs' floor(25.172 × 0.85, 2) = 21.39).
   */
  billedAmount: Decimal;
  /** listPrice − billedAmount (3.78 in the docs' example). */
  pecAmount: Decimal;
  effectiveUnitPrice: Decimal;
  /** pecAmount ÷ listPrice: 15 % for a full month of access, less for part of it. */
  blendedRate: Decimal;
  eligible: boolean;
  /**
   * Who is paid the credit: the asking partner itself (a direct-bill partner or an indirect
   * provider), or — for an indirect reseller — its indirect provider.
   */
  recipient: 'partner' | 'indirectProvider';
  /** The asking partner's type, so the answer can name the party ("you, the indirect provider"). */
  partnerType?: PartnerType;
  reasons: PecReason[];
}

/** No PEC, whatever the role and the days: the usage named can never earn it. */
export interface PecExcludedUsage {
  month: string;
  rate: PecRateEntry;
  usage: PecIneligibleReason;
  eligible: false;
  reasons: PecReason[];
}

/** "Your Owner role qualifies" next to "No PEC" would read as a contradiction: say what still holds. */
function usageAware(reason: PecReason, usageEligible: boolean): PecReason {
  return reason.code === 'roleQualifies' && !usageEligible
    ? { ...reason, code: 'roleQualifiesUsageExcluded' }
    : reason;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export class PecEstimator {
  constructor(private readonly rates: PecRateSchedule = new PecRateSchedule()) {}

  estimate(input: PecEstimateInput): PecEstimate {
    if (!MONTH.test(input.month)) throw new DomainError('validation', { field: 'month', value: input.month });
    if (input.unitPrice.isNegative()) throw new DomainError('validation', { field: 'unitPrice' });
    if (input.quantity.isNegative()) throw new DomainError('validation', { field: 'quantity' });
    const monthDays = daysInMonth(input.month);
    const rate = this.rates.rateOn(`${input.month}-01`);
    const reasons: PecReason[] = [];

    const meter = meterPecEligibility(input.meter ?? {}, input.usageNamed);
    // Excluded usage is the decisive reason: say it first.
    if (!meter.eligible && meter.reason)
      reasons.push({ code: 'meterExcluded', params: { meterReason: meter.reason } });
    const role = roleReason(input.role);
    // "Tell me your role" is noise when the usage can never earn PEC anyway.
    if (meter.eligible || role.qualification !== 'missing')
      reasons.push(usageAware(role.reason, meter.eligible));
    const earns = role.qualification === 'qualifying' && meter.eligible;

    const access = this.accessDays(input.access, input.month, monthDays);
    if (access.days === null && earns)
      throw new DomainError('validation', { field: 'accessDays', max: monthDays });
    // Day reasons explain how much is earned; for a role or usage that earns nothing they would
    // contradict the amounts ("the full rate applies" next to a PEC of 0).
    if (earns) reasons.push(...access.reasons);
    if (input.scope === 'subscription' || input.scope === 'resourceGroup') {
      reasons.push({ code: 'scopeRollsUp', params: { scope: input.scope } });
    }
    reasons.push(...partnerModelReasons(input.partnerType));

    const eligibleDays = earns ? (access.days ?? 0) : 0;
    const listTotal = input.unitPrice.times(input.quantity);
    const listPrice = floorToCents(listTotal);
    // One rounding, on the unrounded amount; divide by the days last so 10/30 of a month stays exact.
    const billedAmount = floorToCents(
      listTotal.times(rate.rate.times(eligibleDays).negated().plus(monthDays)).dividedBy(monthDays),
    );
    const pecAmount = Decimal.max(listPrice.minus(billedAmount), 0);
    return {
      currency: 'USD',
      month: input.month,
      daysInMonth: monthDays,
      accessDays: access.days,
      eligibleDays,
      rate,
      listPrice,
      billedAmount,
      pecAmount,
      effectiveUnitPrice: input.quantity.isZero() ? input.unitPrice : billedAmount.dividedBy(input.quantity),
      blendedRate: listPrice.isZero() ? new Decimal(0) : pecAmount.dividedBy(listPrice),
      eligible: eligibleDays > 0 && pecAmount.greaterThan(0),
      recipient: input.partnerType === 'IndirectReseller' ? 'indirectProvider' : 'partner',
      partnerType: input.partnerType,
      reasons,
    };
  }

  /**
   * The answer when the question names usage that never earns PEC and there is nothing to price
   * ("PEC on marketplace products?"): no PEC, and why; the role is reported when it was told.
   */
  excludedUsage(input: { month: string; usage: PecIneligibleReason; role?: string }): PecExcludedUsage {
    if (!MONTH.test(input.month)) throw new DomainError('validation', { field: 'month', value: input.month });
    const reasons: PecReason[] = [{ code: 'meterExcluded', params: { meterReason: input.usage } }];
    const role = roleReason(input.role);
    if (role.qualification !== 'missing') reasons.push(usageAware(role.reason, false));
    return {
      month: input.month,
      rate: this.rates.rateOn(`${input.month}-01`),
      usage: input.usage,
      eligible: false,
      reasons,
    };
  }

  /** Whole UTC days of access in the month, and the reasons that explain the count. */
  private accessDays(
    access: AccessPeriod,
    month: string,
    monthDays: number,
  ): { days: number | null; reasons: PecReason[] } {
    const reasons: PecReason[] = [];
    let days: number;
    if (access.kind === 'notGiven') return { days: null, reasons };
    if (access.kind === 'fullMonth') days = monthDays;
    else if (access.kind === 'days') {
      const check = checkAccessDays(access.days, month);
      if (!check.ok) {
        throw new DomainError('validation', { field: 'accessDays', value: access.days, max: monthDays });
      }
      days = check.days;
      if (days !== access.days)
        reasons.push({ code: 'wholeDaysOnly', params: { stated: access.days, days } });
    } else {
      const covered = coveredDays(access.intervals, month);
      days = covered.whole.length;
      reasons.push({
        code: 'wholeDayRule',
        params: { wholeDays: days, partialDays: covered.partial.length },
      });
      if (covered.partial.length > 0)
        reasons.push({ code: 'noWholeDay', params: { days: covered.partial.join(', ') } });
    }
    if (days === 0) reasons.push({ code: 'noAccessDays' });
    else if (days === monthDays)
      reasons.push({ code: 'fullMonth', params: { days, daysInMonth: monthDays } });
    else reasons.push({ code: 'partialMonth', params: { days, daysInMonth: monthDays } });
    return { days, reasons };
  }
}
