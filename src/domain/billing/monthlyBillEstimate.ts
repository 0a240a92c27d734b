import { Decimal } from 'decimal.js';
import { DomainError } from '../errors.js';
import { AccessCoverageIndex, type AccessGrant } from '../pec/pecEligibility.js';
import { meterPecEligibility, type MeterPecFacts } from '../pec/meterEligibility.js';
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
    const accumulator = this.start(input);
    for (const line of input.lines) accumulator.add(line);
    return accumulator.result();
  }

  /** For usage that streams in (a recon file): add lines one by one, memory grows per meter only. */
  start(input: Omit<MonthlyBillInput, 'lines'>): MonthlyBillAccumulator {
    const { rate: fxRate, fxMonth } = rateForUsage(input.fx, input.currency, `${input.month}-01`);
    return new MonthlyBillAccumulator(
      input.month,
      input.currency.toUpperCase(),
      fxRate,
      fxMonth,
      this.rates.rateOn(`${input.month}-01`).rate,
      new AccessCoverageIndex(input.grants),
    );
  }
}

export class MonthlyBillAccumulator {
  private readonly groups = new Map<string, { line: UsageLine; withPec: boolean; quantity: Decimal }>();

  constructor(
    readonly month: string,
    readonly currency: string,
    private readonly fxRate: Decimal,
    private readonly fxMonth: FxMonth,
    private readonly pecRate: Decimal,
    private readonly access: AccessCoverageIndex,
  ) {}

  add(line: UsageLine): void {
    if (!line.usageDate.startsWith(`${this.month}-`)) {
      throw new DomainError('validation', { field: 'usageDate', value: line.usageDate, month: this.month });
    }
    const withPec =
      meterPecEligibility(line.meter ?? {}).eligible &&
      this.access.coversWholeDay(line.resource, line.usageDate);
    const key = `${line.meterId}|${line.unitPrice.toFixed()}|${withPec}`;
    const group = this.groups.get(key);
    if (group) group.quantity = group.quantity.plus(line.quantity);
    else this.groups.set(key, { line, withPec, quantity: line.quantity });
  }

  result(): MonthlyBillEstimate {
    const { fxRate, pecRate } = this;
    const lines: MeterBillLine[] = [...this.groups.values()].map(({ line, withPec, quantity }) => {
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
      month: this.month,
      currency: this.currency,
      fxRate,
      fxMonth: this.fxMonth,
      invoice: invoiceForUsageMonth(this.month),
      lines,
      listUsd: billedUsd.plus(pecUsd),
      pecUsd,
      billedUsd,
      billedTotal: sum((l) => l.billingTotal),
    };
  }
}
