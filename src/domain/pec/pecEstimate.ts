import { Decimal } from 'decimal.js';
import { DomainError } from '../errors.js';
import { floorToCents } from '../billing/rounding.js';
import { meterPecEligibility, type MeterPecFacts } from './meterEligibility.js';
import { PecRateSchedule, type PecRateEntry } from './pecRate.js';
import { partnerModelReasons, roleReason, type PartnerType, type PecReason } from './pecEligibility.js';
import { coveredDays, daysInMonth, type TimeInterval } from './wholeDay.js';
import type { ScopeLevel } from './accessScope.js';

/** How long the partner held the access in the month: a day count, or the actual intervals. */
export type AccessPeriod =
  | { kind: 'fullMonth' }
  | { kind: 'days'; days: number }
  | { kind: 'intervals'; intervals: readonly TimeInterval[] };

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
  partnerType?: PartnerType;
}

export interface PecEstimate {
  currency: 'USD';
  month: string;
  daysInMonth: number;
  /** Whole UTC days with qualifying access (0 when the role or the meter does not qualify). */
  eligibleDays: number;
  rate: PecRateEntry;
  /** floor(unit price × quantity, 2): what the usage costs without PEC. */
  listPrice: Decimal;
  /** Billed before tax: the eligible-days line at (1 − rate) plus the other days at list, each floored. */
  billedAmount: Decimal;
  pecAmount: Decimal;
  effectiveUnitPrice: Decimal;
  /** pecAmount ÷ listPrice: 15 % for a full month of access, less for part of it. */
  blendedRate: Decimal;
  eligible: boolean;
  /** Who is paid the credit: the partner itself, or (indirect model) the indirect provider. */
  recipient: 'partner' | 'indirectProvider';
  reasons: PecReason[];
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

    const role = roleReason(input.role);
    reasons.push(role.reason);
    const meter = meterPecEligibility(input.meter ?? {});
    if (!meter.eligible && meter.reason)
      reasons.push({ code: 'meterExcluded', params: { meterReason: meter.reason } });

    const accessDays = this.accessDays(input.access, input.month, monthDays, reasons);
    if (input.scope === 'subscription' || input.scope === 'resourceGroup') {
      reasons.push({ code: 'scopeRollsUp', params: { scope: input.scope } });
    }
    reasons.push(...partnerModelReasons(input.partnerType));

    const eligibleDays = role.qualification === 'qualifying' && meter.eligible ? accessDays : 0;
    const listTotal = input.unitPrice.times(input.quantity);
    const listPrice = floorToCents(listTotal);
    // Two lines, as on the invoice recon file: eligible days at (1 − rate), the rest at list.
    // Divide by the days last so 10/30 of a month stays exact.
    const eligibleLine = floorToCents(
      listTotal.times(eligibleDays).times(new Decimal(1).minus(rate.rate)).dividedBy(monthDays),
    );
    const otherLine = floorToCents(listTotal.times(monthDays - eligibleDays).dividedBy(monthDays));
    const billedAmount = eligibleLine.plus(otherLine);
    const pecAmount = Decimal.max(listPrice.minus(billedAmount), 0);
    return {
      currency: 'USD',
      month: input.month,
      daysInMonth: monthDays,
      eligibleDays,
      rate,
      listPrice,
      billedAmount,
      pecAmount,
      effectiveUnitPrice: input.quantity.isZero() ? input.unitPrice : billedAmount.dividedBy(input.quantity),
      blendedRate: listPrice.isZero() ? new Decimal(0) : pecAmount.dividedBy(listPrice),
      eligible: eligibleDays > 0,
      recipient:
        input.partnerType === 'IndirectReseller' || input.partnerType === 'IndirectProvider'
          ? 'indirectProvider'
          : 'partner',
      reasons,
    };
  }

  private accessDays(access: AccessPeriod, month: string, monthDays: number, reasons: PecReason[]): number {
    let days: number;
    if (access.kind === 'fullMonth') days = monthDays;
    else if (access.kind === 'days') {
      if (!Number.isInteger(access.days) || access.days < 0 || access.days > monthDays) {
        throw new DomainError('validation', { field: 'accessDays', value: access.days, max: monthDays });
      }
      days = access.days;
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
    return days;
  }
}
