import { DomainError } from '../errors.js';
import type { CustomerRelationship } from '../customers/customer.js';
import { isOpenLegacyAzure, type Subscription } from '../subscriptions/subscription.js';
import { AZURE_PRODUCT_FAMILY, type ProductUpgrade, type UpgradeEligibility } from './productUpgrade.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Default "bought too recently" window (900130); Microsoft does not publish the length, so it is configurable. */
export const DEFAULT_RECENT_PURCHASE_WINDOW_DAYS = 30;

export interface UpgradeEligibilityState {
  customerId: string;
  relationship: CustomerRelationship;
  mcaAccepted: boolean;
  /** All of the customer's subscriptions (only open legacy ones count). */
  subscriptions: readonly Subscription[];
  existingUpgrade: Pick<ProductUpgrade, 'id' | 'status'> | undefined;
}

/**
 * Rules 15–16 as Partner Center's eligibility check answers them, first refusal wins:
 * 900110 already completed, 900109 already pending/in progress, 900114 a failed upgrade (contact
 * support), 900108 no legacy Azure subscriptions, 900105 a suspended one, 900119 Azure Partner
 * Shared Services, 900130 one bought within `recentWindowDays`, 13605 no MCA acceptance,
 * 'no_relationship'. Existing upgrades are returned with their `upgradeId`.
 */
export function checkUpgradeEligibility(
  state: UpgradeEligibilityState,
  now: Date,
  recentWindowDays: number,
): UpgradeEligibility {
  const base = { customerId: state.customerId, productFamily: AZURE_PRODUCT_FAMILY } as const;
  const refuse = (reason: string, extra: Partial<UpgradeEligibility> = {}): UpgradeEligibility => ({
    ...base,
    isEligible: false,
    reason,
    ...extra,
  });

  const existing = state.existingUpgrade;
  if (existing?.status === 'completed') return refuse('900110', { upgradeId: existing.id });
  if (existing?.status === 'pending' || existing?.status === 'inProgress')
    return refuse('900109', { upgradeId: existing.id });
  if (existing?.status === 'failed') return refuse('900114', { upgradeId: existing.id });

  const legacy = state.subscriptions.filter(isOpenLegacyAzure);
  if (legacy.length === 0) return refuse('900108');
  const suspended = legacy.filter((s) => s.status === 'suspended');
  if (suspended.length > 0) return refuse('900105', { subscriptionIds: suspended.map((s) => s.id) });
  const shared = legacy.filter((s) => s.isAzurePartnerSharedServices);
  if (shared.length > 0) return refuse('900119', { subscriptionIds: shared.map((s) => s.id) });

  const windowStart = now.getTime() - recentWindowDays * DAY_MS;
  const recent = legacy.filter((s) => Date.parse(s.creationDate) > windowStart);
  if (recent.length > 0) {
    const newest = Math.max(...recent.map((s) => Date.parse(s.creationDate)));
    const eligibleFrom = new Date(newest + recentWindowDays * DAY_MS).toISOString().slice(0, 10);
    return refuse('900130', { subscriptionIds: recent.map((s) => s.id), eligibleFrom });
  }
  if (!state.mcaAccepted) return refuse('13605');
  if (state.relationship !== 'Reseller') return refuse('no_relationship');
  return { ...base, isEligible: true };
}

/** Throws the eligibility refusal as a DomainError (code = reason, params carry ids and dates). */
export function assertUpgradeEligible(eligibility: UpgradeEligibility): void {
  if (eligibility.isEligible) return;
  const params: Record<string, string | readonly string[]> = {};
  if (eligibility.upgradeId) params.upgradeId = eligibility.upgradeId;
  if (eligibility.subscriptionIds) params.subscriptionIds = eligibility.subscriptionIds;
  if (eligibility.eligibleFrom) params.eligibleFrom = eligibility.eligibleFrom;
  throw new DomainError(eligibility.reason ?? '900120', params);
}

/** One target plan per partner of record, with the legacy subscriptions that move into it. */
export interface PlanMapping {
  partnerIdOnRecord: string | null;
  subscriptionIds: string[];
}

/**
 * The transition buys one Azure plan per partner of record and maps each legacy subscription to
 * the plan of its partner of record (direct subscriptions, null, share one plan).
 */
export function mapSubscriptionsToPlans(legacySubscriptions: readonly Subscription[]): PlanMapping[] {
  const mappings: PlanMapping[] = [];
  for (const subscription of legacySubscriptions.filter(isOpenLegacyAzure)) {
    const key = subscription.partnerIdOnRecord ?? null;
    let mapping = mappings.find((m) => m.partnerIdOnRecord === key);
    if (!mapping) {
      mapping = { partnerIdOnRecord: key, subscriptionIds: [] };
      mappings.push(mapping);
    }
    mapping.subscriptionIds.push(subscription.id);
  }
  return mappings;
}
