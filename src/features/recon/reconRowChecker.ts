import { Decimal } from 'decimal.js';
import { billingPreTaxTotal } from '../../domain/billing/rounding.js';
import type { MeterPecFacts, PecIneligibleReason } from '../../domain/pec/meterEligibility.js';
import { AccessCoverageIndex } from '../../domain/pec/pecEligibility.js';
import { meterPecEligibility } from '../../domain/pec/meterEligibility.js';
import { PecRateSchedule } from '../../domain/pec/pecRate.js';
import { toGrant, type AccessRecord } from './accessRecords.js';
import type { ReconRow } from './reconRow.js';

export type ReconFlagKind = 'pecMissing' | 'pecUnexpected' | 'effectivePriceMismatch' | 'totalMismatch';

export interface RowCheck {
  /** PEC the partner's access records say the row should have earned. */
  expectedPec: boolean;
  /** Why the meter can never earn PEC, if so (Spot, reservation, marketplace …). */
  excluded: PecIneligibleReason | null;
  flags: ReconFlagKind[];
  /** Credit earned on the row (recorded PEC), pricing currency, unrounded. */
  earned: Decimal;
  /** Credit an eligible meter did not get (recorded PEC 0), pricing currency, unrounded. */
  lost: Decimal;
  expectedBillingPreTaxTotal: Decimal;
}

/** Partner Center's EUP drifts in the 4th–5th decimal during the month (azure-plan.md §5): allow 0.1 %. */
const EUP_TOLERANCE = new Decimal('0.001');

/** What a recon row says about its meter, for the excluded-usage rule (Spot, reservation, savings plan, marketplace). */
export function reconMeterFacts(row: ReconRow): MeterPecFacts {
  const benefit = row.benefitType.toLowerCase();
  return {
    meterName: row.meterName,
    skuName: row.skuName,
    productName: row.productName,
    type: benefit.includes('reservation') ? 'Reservation' : undefined,
    savingsPlan: benefit.includes('savings'),
    marketplace: row.publisherName !== '' && !/^microsoft/i.test(row.publisherName),
  };
}

/**
 * Recomputes one daily rated usage row: the PEC the partner's access records predict (rule 20 with
 * the whole-day rule), the effective unit price `UnitPrice × (1 − PEC)` and
 * `BillingPreTaxTotal = floor(EffectiveUnitPrice × Quantity × PCToBCExchangeRate, 2)`.
 */
export class ReconRowChecker {
  private readonly accessByCustomer = new Map<string, AccessCoverageIndex>();
  private readonly noAccess = new AccessCoverageIndex([]);

  constructor(
    access: readonly AccessRecord[],
    private readonly rates: PecRateSchedule = new PecRateSchedule(),
  ) {
    const byCustomer = new Map<string, AccessRecord[]>();
    for (const record of access) {
      const key = record.customerId.toLowerCase();
      byCustomer.set(key, [...(byCustomer.get(key) ?? []), record]);
    }
    for (const [customer, records] of byCustomer) {
      this.accessByCustomer.set(customer, new AccessCoverageIndex(records.map(toGrant)));
    }
  }

  check(row: ReconRow): RowCheck {
    const access = this.accessByCustomer.get(row.customerId) ?? this.noAccess;
    const resource = {
      subscriptionId: row.entitlementId,
      resourceGroup: row.resourceGroup,
      resourceUri: row.resourceUri,
    };
    const meter = meterPecEligibility(reconMeterFacts(row));
    const expectedPec = meter.eligible && access.coversWholeDay(resource, row.usageDate);
    const recorded = row.pecPercentage > 0;
    const flags: ReconFlagKind[] = [];
    if (expectedPec && !recorded) flags.push('pecMissing');
    if (!expectedPec && recorded) flags.push('pecUnexpected');

    const rate = recorded ? new Decimal(row.pecPercentage).dividedBy(100) : new Decimal(0);
    const expectedEup = row.unitPrice.times(new Decimal(1).minus(rate));
    const drift = row.effectiveUnitPrice.minus(expectedEup).abs();
    if (drift.greaterThan(row.unitPrice.times(EUP_TOLERANCE))) flags.push('effectivePriceMismatch');
    const expectedTotal = billingPreTaxTotal(row.effectiveUnitPrice, row.quantity, row.pcToBcExchangeRate);
    if (!expectedTotal.equals(row.billingPreTaxTotal)) flags.push('totalMismatch');

    const list = row.unitPrice.times(row.quantity);
    const fullRate = this.rates.rateOn(row.usageDate).rate;
    return {
      expectedPec,
      excluded: meter.reason,
      flags,
      earned: recorded ? list.times(rate) : new Decimal(0),
      lost: !recorded && meter.eligible ? list.times(fullRate) : new Decimal(0),
      expectedBillingPreTaxTotal: expectedTotal,
    };
  }
}
