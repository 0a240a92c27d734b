import { meterPecEligibility, type MeterPecFacts, type PecIneligibleReason } from './meterEligibility.js';
import { assessRole, type RoleQualification } from './azureRoles.js';
import { scopeCovers, type AccessScope, type ResourceRef } from './accessScope.js';
import { coversWholeDay, mergedSpans, spansCoverDay, toInstant, type TimeInterval } from './wholeDay.js';

export type PartnerType = 'DirectBill' | 'IndirectProvider' | 'IndirectReseller';

/** Who holds the Azure access: in the indirect model provider and reseller access both count. */
export type AccessHolder = 'partner' | 'indirectProvider' | 'reseller';

/** One Azure RBAC assignment the partner (or its reseller) holds on customer resources. */
export interface AccessGrant extends TimeInterval {
  role: string;
  scope: AccessScope;
  holder?: AccessHolder;
}

/** Machine-readable why / why not; the bot maps `code` to `pec.reason.<code>`. */
export type PecReasonCode =
  | 'roleQualifies'
  | 'roleQualifiesUsageExcluded'
  | 'roleReadOnly'
  | 'roleUnknown'
  | 'roleMissing'
  | 'meterExcluded'
  | 'wholeDayRule'
  | 'wholeDaysOnly'
  | 'noWholeDay'
  | 'scopeRollsUp'
  | 'fullMonth'
  | 'partialMonth'
  | 'noAccessDays'
  | 'indirectProviderEarns'
  | 'resellerNeverDirect';

export interface PecReason {
  code: PecReasonCode;
  params?: Readonly<Record<string, string | number>>;
}

export interface MeterDecision {
  eligible: boolean;
  reason: PecIneligibleReason | null;
}

export function roleReason(role: string | undefined): {
  qualification: RoleQualification | 'missing';
  reason: PecReason;
} {
  if (role === undefined || role.trim() === '')
    return { qualification: 'missing', reason: { code: 'roleMissing' } };
  const assessed = assessRole(role);
  const code: PecReasonCode =
    assessed.qualification === 'qualifying'
      ? 'roleQualifies'
      : assessed.qualification === 'readOnly'
        ? 'roleReadOnly'
        : 'roleUnknown';
  return { qualification: assessed.qualification, reason: { code, params: { role: assessed.role } } };
}

/** Reasons that come from the partner model rather than from access: indirect resellers never receive PEC. */
export function partnerModelReasons(partnerType: PartnerType | undefined): PecReason[] {
  if (partnerType === 'IndirectReseller')
    return [{ code: 'resellerNeverDirect' }, { code: 'indirectProviderEarns' }];
  if (partnerType === 'IndirectProvider') return [{ code: 'indirectProviderEarns' }];
  return [];
}

export interface DayEligibility {
  eligible: boolean;
  meter: MeterDecision;
  /** Qualifying grants that cover the resource for the whole UTC day. */
  coveringGrants: AccessGrant[];
}

/**
 * PEC eligibility of one resource on one UTC day (rule 20): the meter must be eligible and
 * qualifying access (any holder: partner, provider or reseller) at a scope the resource rolls up to
 * must cover the whole day. Read-only and unknown roles never count.
 */
export function dayEligibility(
  grants: readonly AccessGrant[],
  resource: ResourceRef,
  day: string,
  meterFacts: MeterPecFacts,
): DayEligibility {
  const meter = meterPecEligibility(meterFacts);
  const qualifying = grants.filter(
    (grant) => assessRole(grant.role).qualification === 'qualifying' && scopeCovers(grant.scope, resource),
  );
  const covered = qualifying.length > 0 && coversWholeDay(qualifying, day);
  return { eligible: meter.eligible && covered, meter, coveringGrants: covered ? qualifying : [] };
}

/**
 * The same decision as `dayEligibility`, for many rows against one set of grants (a recon file):
 * the qualifying grants and their merged spans are worked out once per resource and reused.
 */
export class AccessCoverageIndex {
  private readonly qualifying: AccessGrant[];
  private readonly spansByResource = new Map<string, ReadonlyArray<readonly [number, number]>>();

  constructor(grants: readonly AccessGrant[]) {
    this.qualifying = grants.filter((grant) => assessRole(grant.role).qualification === 'qualifying');
  }

  coversWholeDay(resource: ResourceRef, day: string): boolean {
    const key = `${resource.subscriptionId}|${resource.resourceGroup}|${resource.resourceUri}`.toLowerCase();
    let spans = this.spansByResource.get(key);
    if (!spans) {
      spans = mergedSpans(this.qualifying.filter((grant) => scopeCovers(grant.scope, resource)));
      this.spansByResource.set(key, spans);
    }
    return spans.length > 0 && spansCoverDay(spans, toInstant(day));
  }
}
