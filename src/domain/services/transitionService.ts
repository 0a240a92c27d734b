import type { Customer } from '../customers/customer.js';
import { assertCan, can, type Actor } from '../identity/actor.js';
import { isLegacyAzure, isOpenLegacyAzure, type Subscription } from '../subscriptions/subscription.js';
import {
  assertUpgradeEligible,
  mapSubscriptionsToPlans,
  type PlanMapping,
} from '../transition/eligibilityRules.js';
import type { ProductUpgrade, UpgradeEligibility } from '../transition/productUpgrade.js';
import type { CriticalSections } from './criticalSections.js';
import { KeyedMutex } from './keyedMutex.js';
import { auditedOnce, requireCustomerId, type ServiceDependencies } from './serviceContext.js';

export interface TransitionEligibility {
  customer: Customer;
  /** Partner Center's answer: isEligible, reason (900105/900108/900109/900110/900114/900119/900130/13605/no_relationship), upgradeId. */
  eligibility: UpgradeEligibility;
  /** Open legacy MS-AZR-0145P subscriptions that would move. */
  legacySubscriptions: Subscription[];
  /** One Azure plan per partner of record, with the subscriptions that land in it. */
  planMapping: PlanMapping[];
  /** The actor may start it (transition.run; resellers may not). */
  canStart: boolean;
}

/** An upgrade with what a progress card shows: names of the moved subscriptions and counts. */
export interface TransitionProgress {
  upgrade: ProductUpgrade;
  /** Legacy subscription id → friendly name (the upgrade API itself carries no names). */
  subscriptionNames: Record<string, string>;
  completed: number;
  failed: number;
  total: number;
}

export interface TransitionStarted {
  customerId: string;
  upgradeId: string;
  planMapping: PlanMapping[];
}

/** Transition from the legacy offer MS-AZR-0145P to the Azure plan (issue 5, rules 15–17). */
export class TransitionService {
  /** One start at a time per customer in this process: concurrent starts end with one upgrade. */

  /**
   * `perCustomer`: the critical sections its per-customer "check, then act" runs in — the records'
   * lease locks when several instances share storage; a KeyedMutex (one process) by default.
   */
  constructor(
    private readonly deps: ServiceDependencies,
    private readonly perCustomer: CriticalSections = new KeyedMutex(),
  ) {}

  /** Throws: forbidden (transition.view), validation (customerId), not_found. */
  async eligibility(actor: Actor, customerId: string): Promise<TransitionEligibility> {
    assertCan(actor, 'transition.view');
    const id = requireCustomerId(customerId);
    const pc = this.deps.partnerCenter;
    const [customer, subscriptions, eligibility] = await Promise.all([
      pc.getCustomer(id),
      pc.listSubscriptions(id),
      pc.getUpgradeEligibility(id),
    ]);
    const legacySubscriptions = subscriptions.filter(isOpenLegacyAzure);
    return {
      customer,
      eligibility,
      legacySubscriptions,
      planMapping: mapSubscriptionsToPlans(legacySubscriptions),
      canStart: can(actor, 'transition.run'),
    };
  }

  /**
   * Checks eligibility and starts the upgrade, exactly once per request id and once per customer.
   * Throws: reseller_not_allowed / forbidden (transition.run), validation, not_found, and the
   * eligibility refusals as codes: 900105 (params.subscriptionIds), 900108, 900109 (params.upgradeId;
   * also the second of two concurrent starts), 900110, 900114, 900119, 900130 (params.eligibleFrom),
   * 13605, no_relationship; request_id_conflict, request_in_progress, request_failed.
   */
  async start(actor: Actor, customerId: string, requestId: string): Promise<TransitionStarted> {
    assertCan(actor, 'transition.run');
    const id = requireCustomerId(customerId);
    const pc = this.deps.partnerCenter;
    return auditedOnce(
      this.deps,
      actor,
      'transition.run',
      id,
      requestId,
      {},
      () =>
        this.perCustomer.runExclusive(id, async () => {
          assertUpgradeEligible(await pc.getUpgradeEligibility(id));
          const planMapping = mapSubscriptionsToPlans(await pc.listSubscriptions(id));
          const { upgradeId } = await pc.createUpgrade(id);
          return { customerId: id, upgradeId, planMapping };
        }),
      (started) => ({ upgradeId: started.upgradeId }),
    );
  }

  /**
   * The upgrade with a line per subscription (source, target, upgraded date, status, error code).
   * Without `upgradeId`, the customer's current upgrade or null if none was ever started.
   * Throws: forbidden, validation, not_found, 900106 (unknown upgrade), 900111 (another customer's).
   */
  async status(actor: Actor, customerId: string, upgradeId?: string): Promise<ProductUpgrade | null> {
    assertCan(actor, 'transition.view');
    const id = requireCustomerId(customerId);
    const pc = this.deps.partnerCenter;
    const upgrade = upgradeId ?? (await pc.getUpgradeEligibility(id)).upgradeId;
    return upgrade ? pc.getUpgradeStatus(id, upgrade) : null;
  }

  /** The current upgrade with subscription names and counts, or null if none was started. Throws as status(). */
  async progress(actor: Actor, customerId: string, upgradeId?: string): Promise<TransitionProgress | null> {
    const upgrade = await this.status(actor, customerId, upgradeId);
    if (!upgrade) return null;
    const subscriptions = await this.deps.partnerCenter.listSubscriptions(requireCustomerId(customerId));
    const subscriptionNames = Object.fromEntries(
      subscriptions.filter(isLegacyAzure).map((s) => [s.id, s.friendlyName]),
    );
    return {
      upgrade,
      subscriptionNames,
      completed: upgrade.lineItems.filter((l) => l.status === 'completed').length,
      failed: upgrade.lineItems.filter((l) => l.status === 'failed').length,
      total: upgrade.lineItems.length,
    };
  }
}
