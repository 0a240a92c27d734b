import type { UpgradeStatusValue } from './productUpgrade.js';

/** Progress of a running transition: one more subscription done (or failed). */
export interface UpgradeProgressEvent {
  type: 'upgradeProgress';
  customerId: string;
  upgradeId: string;
  completedLines: number;
  failedLines: number;
  totalLines: number;
}

/** The transition ended (status 'completed' or 'failed'). Delivered at least once, also after a restart. */
export interface UpgradeCompletedEvent {
  type: 'upgradeCompleted';
  customerId: string;
  upgradeId: string;
  status: Extract<UpgradeStatusValue, 'completed' | 'failed'>;
}

export type UpgradeEvent = UpgradeProgressEvent | UpgradeCompletedEvent;
export type UpgradeListener = (event: UpgradeEvent) => void | Promise<void>;

/**
 * A small listener registry for upgrade events (e.g. to send proactive Teams messages).
 * `emit` waits for every listener; a listener that throws does not stop the others.
 */
export class UpgradeEvents {
  private readonly listeners = new Set<UpgradeListener>();

  /** Returns a function that unsubscribes. */
  subscribe(listener: UpgradeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async emit(event: UpgradeEvent): Promise<{ failures: unknown[] }> {
    const results = await Promise.allSettled([...this.listeners].map(async (listener) => listener(event)));
    return {
      failures: results
        .filter((r) => r.status === 'rejected')
        .map((r) => (r as PromiseRejectedResult).reason),
    };
  }
}
