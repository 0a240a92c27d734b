import { Decimal } from 'decimal.js';
import { meterPecEligibility } from '../pec/meterEligibility.js';
import type { PriceRow } from './priceRow.js';

/** The documented PEC rate for Azure plan consumption (up to 15 %, azure-plan.md §6). */
export const PEC_RATE = new Decimal('0.15');
/** A month of use, as the price answers count it. */
export const HOURS_PER_MONTH = new Decimal(730);

/**
 * A 1-year savings plan against pay-as-you-go *net of PEC*. A savings plan is a commitment: its
 * hourly price is paid for every hour, used or not, and the usage it covers never earns PEC
 * (usageWords.ts, meterEligibility.ts). Pay-as-you-go is paid only for the hours used, less PEC
 * when the partner holds admin access all month. So the plan wins only above a utilisation of
 * savingsPlan / (payg × (1 − PEC)).
 */
export type SavingsPlanComparison =
  | {
      readonly kind: 'compared';
      readonly paygHourly: Decimal;
      /** Pay-as-you-go per hour after PEC (equal to paygHourly when the meter earns none). */
      readonly paygNetHourly: Decimal;
      readonly savingsPlanHourly: Decimal;
      readonly pecApplies: boolean;
      /** Use (0–1) above which the savings plan costs less than pay-as-you-go net of PEC. */
      readonly breakEvenNet: Decimal;
      /** The same without PEC (the retail comparison most calculators show). */
      readonly breakEvenGross: Decimal;
      /** True when, used every hour, the plan costs less than pay-as-you-go net of PEC. */
      readonly planWinsAtFullUse: boolean;
      /** 730 hours: pay-as-you-go net of PEC, the plan, and what the plan saves (negative: it costs more). */
      readonly monthlyPaygNet: Decimal;
      readonly monthlySavingsPlan: Decimal;
      readonly monthlySaving: Decimal;
    }
  | { readonly kind: 'noCommitmentPrice' };

export function compareSavingsPlanToPayg(row: PriceRow, pecRate: Decimal = PEC_RATE): SavingsPlanComparison {
  const plan = row.savingsPlan1Year;
  if (!plan || plan.lte(0) || row.unitPrice.lte(0)) return { kind: 'noCommitmentPrice' };
  const pecApplies = meterPecEligibility(row).eligible;
  const paygNetHourly = pecApplies ? row.unitPrice.times(new Decimal(1).minus(pecRate)) : row.unitPrice;
  const monthlyPaygNet = paygNetHourly.times(HOURS_PER_MONTH);
  const monthlySavingsPlan = plan.times(HOURS_PER_MONTH);
  return {
    kind: 'compared',
    paygHourly: row.unitPrice,
    paygNetHourly,
    savingsPlanHourly: plan,
    pecApplies,
    breakEvenNet: plan.div(paygNetHourly),
    breakEvenGross: plan.div(row.unitPrice),
    planWinsAtFullUse: plan.lt(paygNetHourly),
    monthlyPaygNet,
    monthlySavingsPlan,
    monthlySaving: monthlyPaygNet.minus(monthlySavingsPlan),
  };
}

/** Whether a question names a savings plan ("savings plan", "절약 플랜"). */
export function namesSavingsPlan(text: string): boolean {
  return /\bsavings?[\s-]*plans?\b|절약\s*플랜|절감\s*플랜|세이빙스?\s*플랜/i.test(text);
}
