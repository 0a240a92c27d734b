import { Decimal } from 'decimal.js';
import { DomainError } from '../errors.js';
import type { MeterPecFacts } from '../pec/meterEligibility.js';
import { dayEligibility, type AccessGrant } from '../pec/pecEligibility.js';
import { PecRateSchedule } from '../pec/pecRate.js';
import type { ResourceRef } from '../pec/accessScope.js';
import { billingPreTaxTotal, floorToCents } from './rounding.js';
import { invoiceForUsageMonth, type InvoiceDates } from './billingPeriod.js';
import { rateForUsage, type FxMonth, type FxRateSource } from './fxMonth.js';

/** One day of one meter on one resource, priced in USD (a daily rated usage row, reduced). */
export interface UsageLine {
  usageDate: string;
  meterId: string;
  meterName?: string;
  resource: ResourceRef;
  quantity: Decimal;
  unitPrice: Decimal;
  meter?: MeterPecFacts;
}

export interface MeterBillLine {
  meterId: string;
  meterName: string;
  unitPrice: Decimal;
  /** True for the line of the days PEC applied, false for the other days (at most two lines per meter). */
  withPec: boolean;
  quantity: Decimal;
  pricingTotal: Decimal;
  effectiveUnitPrice: Decimal;
  billingTotal: Decimal;
  pec: Decimal;
}

export interface MonthlyBillEstimate {
  month: string;
  currency: string;
  fxRate: Decimal;
  fxMonth: FxMonth;
  invoice: InvoiceDates;
  lines: MeterBillLine[];
  /** USD list total (floor per line), PEC in USD, billed in USD and in billing currency. */
  listUsd: Decimal;
  pecUsd: Decimal;
  billedUsd: Decimal;
  billedTotal: Decimal;
}

export interface MonthlyBillInput {
  month: string;
  currency: string;
  lines: readonly UsageLine[];
  grants: readonly AccessGrant[];
  fx: FxRateSource;
}

/**
 * A customer's Azure plan bill for one month from its usage: PEC decided per resource and day,
 * summed per meter into at most two lines (with and without PEC) as on the invoice recon file, each
 * priced `floor(Q × UP × (1 − PEC), 2)` in USD and billed `floor(EUP × Q × FX, 2)` with the FX rate
 * of that month (rules 18, 20, 21).
 */
export class MonthlyBillEstimator {
  constructor(private readonly rates: PecRateSchedule = new PecRateSchedule()) {}

  estimate(input: MonthlyBillInput): MonthlyBillEstimate {
    const { rate: fxRate, fxMonth } = rateForUsage(input.fx, input.currency, `${input.month}-01`);
    const pecRate = this.rates.rateOn(`${input.month}-01`).rate;
    const groups = new Map<string, { line: UsageLine; withPec: boolean; quantity: Decimal }>();
    for (const line of input.lines) {
      if (!line.usageDate.startsWith(`${input.month}-`)) {
        throw new DomainError('validation', {
          field: 'usageDate',
          value: line.usageDate,
          month: input.month,
        });
      }
      const withPec = dayEligibility(input.grants, line.resource, line.usageDate, line.meter ?? {}).eligible;
      const key = `${line.meterId}|${line.unitPrice.toFixed()}|${withPec}`;
      const group = groups.get(key);
      if (group) group.quantity = group.quantity.plus(line.quantity);
      else groups.set(key, { line, withPec, quantity: line.quantity });
    }
    const lines: MeterBillLine[] = [...groups.values()].map(({ line, withPec, quantity }) => {
      const list = floorToCents(quantity.times(line.unitPrice));
      const factor = withPec ? new Decimal(1).minus(pecRate) : new Decimal(1);
      const pricingTotal = floorToCents(quantity.times(line.unitPrice).times(factor));
      const effectiveUnitPrice = quantity.isZero()
        ? line.unitPrice.times(factor)
        : pricingTotal.dividedBy(quantity);
      return {
        meterId: line.meterId,
        meterName: line.meterName ?? line.meterId,
        unitPrice: line.unitPrice,
        withPec,
        quantity,
        pricingTotal,
        effectiveUnitPrice,
        billingTotal: billingPreTaxTotal(effectiveUnitPrice, quantity, fxRate),
        pec: list.minus(pricingTotal),
      };
    });
    lines.sort((a, b) => a.meterName.localeCompare(b.meterName) || Number(b.withPec) - Number(a.withPec));
    const sum = (pick: (l: MeterBillLine) => Decimal): Decimal =>
      lines.reduce((acc, l) => acc.plus(pick(l)), new Decimal(0));
    const billedUsd = sum((l) => l.pricingTotal);
    const pecUsd = sum((l) => l.pec);
    return {
      month: input.month,
      currency: input.currency.toUpperCase(),
      fxRate,
      fxMonth,
      invoice: invoiceForUsageMonth(input.month),
      lines,
      listUsd: billedUsd.plus(pecUsd),
      pecUsd,
      billedUsd,
      billedTotal: sum((l) => l.billingTotal),
    };
  }
}
