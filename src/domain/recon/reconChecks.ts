import { Decimal } from 'decimal.js';
import { billingPreTaxTotal } from '../billing/rounding.js';
import {
  meterPecEligibility,
  type MeterPecFacts,
  type PecIneligibleReason,
} from '../pec/meterEligibility.js';
import { AccessCoverageIndex, type AccessGrant } from '../pec/pecEligibility.js';
import { PecRateSchedule } from '../pec/pecRate.js';

/**
 * The PEC reconciliation checks of one daily rated usage row (azure-plan.md §5, rule 20):
 * - 'pecMissing': the partner's access covered the whole day on an eligible meter, yet no PEC;
 * - 'pecUnexpected': PEC recorded although the access records do not predict it;
 * - 'effectivePriceMismatch': EffectiveUnitPrice is not UnitPrice × (1 − PEC) within EUP_TOLERANCE;
 * - 'totalMismatch': BillingPreTaxTotal is not floor(EffectiveUnitPrice × Quantity × PCToBCExchangeRate, 2).
 */
export type ReconFlagKind = 'pecMissing' | 'pecUnexpected' | 'effectivePriceMismatch' | 'totalMismatch';

/** What the checks read of a daily rated usage row (amounts as Decimal; ids as the file has them). */
export interface UsageRowFacts {
  customerId: string;
  /** The Azure subscription (the file's EntitlementId). */
  entitlementId: string;
  resourceGroup: string;
  resourceUri: string;
  usageDate: string;
  meterName: string;
  skuName: string;
  productName: string;
  publisherName: string;
  benefitType: string;
  unitPrice: Decimal;
  quantity: Decimal;
  effectiveUnitPrice: Decimal;
  billingPreTaxTotal: Decimal;
  pcToBcExchangeRate: Decimal;
  /** PartnerEarnedCreditPercentage: 0 or 15. */
  pecPercentage: number;
}

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
export const EUP_TOLERANCE = new Decimal('0.001');

/** What a usage row says about its meter, for the excluded-usage rule (Spot, reservation, savings plan, marketplace). */
export function reconMeterFacts(
  row: Pick<UsageRowFacts, 'meterName' | 'skuName' | 'productName' | 'benefitType' | 'publisherName'>,
): MeterPecFacts {
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

/** A customer's access grants (the partner's own records), keyed by customer id in any case. */
export interface CustomerGrants {
  customerId: string;
  grant: AccessGrant;
}

/**
 * Recomputes one daily rated usage row: the PEC the partner's access records predict (rule 20 with
 * the whole-day rule), the effective unit price `UnitPrice × (1 − PEC)` and
 * `BillingPreTaxTotal = floor(EffectiveUnitPrice × Quantity × PCToBCExchangeRate, 2)`.
 */
export class ReconChecks {
  private readonly accessByCustomer = new Map<string, AccessCoverageIndex>();
  private readonly noAccess = new AccessCoverageIndex([]);

  constructor(
    grants: readonly CustomerGrants[],
    private readonly rates: PecRateSchedule = new PecRateSchedule(),
  ) {
    const byCustomer = new Map<string, AccessGrant[]>();
    for (const { customerId, grant } of grants) {
      const key = customerId.toLowerCase();
      byCustomer.set(key, [...(byCustomer.get(key) ?? []), grant]);
    }
    for (const [customer, list] of byCustomer)
      this.accessByCustomer.set(customer, new AccessCoverageIndex(list));
  }

  check(row: UsageRowFacts): RowCheck {
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
