import { randomUUID } from 'node:crypto';
import type { Clock } from '../../domain/clock.js';
import { azurePlanAvailabilityFor } from '../../domain/plans/azurePlanCatalog.js';
import { isAzurePlan } from '../../domain/subscriptions/subscription.js';
import type { UpgradeEvent, UpgradeEvents } from '../../domain/transition/upgradeEvents.js';
import { newPlan } from './sandboxPartnerCenter.js';
import type { SandboxData, StoredUpgrade } from './sandboxData.js';
import type { SandboxStore } from './sandboxStore.js';

/** Error code recorded on a subscription the sandbox was told to fail ("Cannot process Azure upgrade"). */
export const SANDBOX_FAILURE_CODE = '900120';
/** No Azure plan catalog item for the customer's country. */
export const CATALOG_ITEM_NOT_FOUND_CODE = '900107';

export interface UpgradeWorkerOptions {
  clock: Clock;
  /** Pause between two steps (one step = start, one subscription, or finish). */
  stepMs: number;
  newId?: () => string;
}

/**
 * Runs sandbox transitions in the background, one small step at a time:
 * start (buy one plan per partner of record, map each line to its plan) → one subscription per
 * step (its Azure subscription moves under the plan, same id) → finish (suspend the legacy
 * commerce subscriptions, status completed or failed). Each step is one atomic, persisted
 * mutation that looks at what is already done, so a new process over the same file resumes where
 * the old one stopped and never repeats a step. Completion is announced until it was delivered.
 */
export class UpgradeWorker {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private current: Promise<unknown> = Promise.resolve();
  private readonly newId: () => string;

  constructor(
    private readonly store: SandboxStore,
    private readonly events: UpgradeEvents,
    private readonly options: UpgradeWorkerOptions,
  ) {
    this.newId = options.newId ?? randomUUID;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  /** Stops after the step in progress (if any) has been persisted. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.current;
  }

  private schedule(delayMs: number): void {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      this.current = this.advanceOnce()
        .catch(() => false)
        .then(() => this.schedule(this.options.stepMs));
    }, delayMs);
    this.timer.unref();
  }

  /**
   * Delivers completions not yet delivered, then performs one step of the oldest unfinished
   * upgrade. Returns false when there was nothing to do (or only deliveries that failed again).
   */
  async advanceOnce(): Promise<boolean> {
    const undelivered = this.store.read((data) =>
      data.upgrades.filter((u) => isFinished(u) && !u.completionNotifiedAt),
    );
    let delivered = 0;
    for (const upgrade of undelivered) if (await this.deliverCompletion(upgrade)) delivered += 1;
    const events = await this.store.mutate((data) => {
      const upgrade = data.upgrades.find((u) => !isFinished(u));
      if (!upgrade) return [];
      return this.step(data, upgrade);
    });
    for (const event of events) {
      if (event.type === 'upgradeCompleted') {
        const finished = this.store.read((data) => data.upgrades.find((u) => u.id === event.upgradeId));
        if (finished) await this.deliverCompletion(finished);
      } else {
        await this.events.emit(event);
      }
    }
    return events.length > 0 || delivered > 0;
  }

  private step(data: SandboxData, upgrade: StoredUpgrade): UpgradeEvent[] {
    const now = this.options.clock.now().toISOString();
    if (upgrade.status === 'pending') return this.begin(data, upgrade, now);

    const line = upgrade.lineItems.find((l) => l.status === 'pending' || l.status === 'inProgress');
    if (line) {
      const failing = data.transitionFailures[upgrade.customerId] ?? [];
      if (failing.includes(line.sourceSubscriptionId)) {
        line.status = 'failed';
        line.errorDetails = { code: SANDBOX_FAILURE_CODE };
      } else {
        const legacy = data.subscriptions.find((s) => s.id === line.sourceSubscriptionId);
        if (
          !data.entitlements.some(
            (e) => e.id === line.azureSubscriptionId && e.customerId === upgrade.customerId,
          )
        ) {
          data.entitlements.push({
            id: line.azureSubscriptionId,
            customerId: upgrade.customerId,
            friendlyName: legacy?.friendlyName ?? line.azureSubscriptionId,
            status: 'active',
            subscriptionId: line.targetPlanId as string,
            createdAt: legacy?.creationDate ?? now,
          });
        }
        line.status = 'completed';
        line.upgradedDate = now;
      }
      return [progressOf(upgrade)];
    }
    return this.finish(data, upgrade, now);
  }

  /** Buys one plan per partner of record (reusing one that exists) and maps every line to it. */
  private begin(data: SandboxData, upgrade: StoredUpgrade, now: string): UpgradeEvent[] {
    const customer = data.customers.find((c) => c.id === upgrade.customerId);
    const availability = customer && azurePlanAvailabilityFor(data.azurePlanAvailability, customer.country);
    if (!availability) {
      upgrade.status = 'failed';
      upgrade.errorDetails = { code: CATALOG_ITEM_NOT_FOUND_CODE };
      upgrade.completedAt = now;
      for (const line of upgrade.lineItems) {
        line.status = 'failed';
        line.errorDetails = { code: CATALOG_ITEM_NOT_FOUND_CODE };
      }
      return [completedOf(upgrade)];
    }
    upgrade.status = 'inProgress';
    for (const line of upgrade.lineItems) {
      let plan = data.subscriptions.find(
        (s) =>
          s.customerId === upgrade.customerId &&
          isAzurePlan(s) &&
          s.partnerIdOnRecord === line.partnerIdOnRecord,
      );
      if (!plan) {
        plan = newPlan(
          this.newId(),
          upgrade.customerId,
          availability.catalogItemId,
          line.partnerIdOnRecord,
          now,
        );
        data.subscriptions.push(plan);
      }
      line.targetPlanId = plan.id;
    }
    return [progressOf(upgrade)];
  }

  /** Suspends the moved legacy commerce subscriptions and ends the upgrade. */
  private finish(data: SandboxData, upgrade: StoredUpgrade, now: string): UpgradeEvent[] {
    for (const line of upgrade.lineItems.filter((l) => l.status === 'completed')) {
      const legacy = data.subscriptions.find((s) => s.id === line.sourceSubscriptionId);
      if (legacy) {
        legacy.status = 'suspended';
        legacy.upgradedToPlanId = line.targetPlanId ?? undefined;
      }
    }
    const failed = upgrade.lineItems.some((l) => l.status === 'failed');
    upgrade.status = failed ? 'failed' : 'completed';
    upgrade.errorDetails = failed ? { code: SANDBOX_FAILURE_CODE } : null;
    upgrade.completedAt = now;
    return [completedOf(upgrade)];
  }

  /** True when every listener took the completion; otherwise it is offered again on the next step. */
  private async deliverCompletion(upgrade: StoredUpgrade): Promise<boolean> {
    const { failures } = await this.events.emit(completedOf(upgrade));
    if (failures.length > 0) return false;
    await this.store.mutate((data) => {
      const stored = data.upgrades.find((u) => u.id === upgrade.id);
      if (stored) stored.completionNotifiedAt = this.options.clock.now().toISOString();
    });
    return true;
  }
}

function isFinished(upgrade: StoredUpgrade): boolean {
  return upgrade.status === 'completed' || upgrade.status === 'failed';
}

function progressOf(upgrade: StoredUpgrade): UpgradeEvent {
  return {
    type: 'upgradeProgress',
    customerId: upgrade.customerId,
    upgradeId: upgrade.id,
    completedLines: upgrade.lineItems.filter((l) => l.status === 'completed').length,
    failedLines: upgrade.lineItems.filter((l) => l.status === 'failed').length,
    totalLines: upgrade.lineItems.length,
  };
}

function completedOf(upgrade: StoredUpgrade): UpgradeEvent {
  return {
    type: 'upgradeCompleted',
    customerId: upgrade.customerId,
    upgradeId: upgrade.id,
    status: upgrade.status === 'failed' ? 'failed' : 'completed',
  };
}
