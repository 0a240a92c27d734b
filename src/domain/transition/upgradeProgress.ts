import type { ProductUpgrade } from './productUpgrade.js';

/** How far a transition (product upgrade) has got, as the status card and the notice tell it. */
export interface UpgradeProgress {
  /** Legacy subscriptions moved to the Azure plan. */
  done: number;
  /** Legacy subscriptions whose move failed (each with its error details). */
  failed: number;
  total: number;
  /** The upgrade has ended (completed or failed): nothing will change any more. */
  finished: boolean;
  /** Ended with every subscription moved: the customer is fully on the Azure plan. */
  succeeded: boolean;
}

export function upgradeProgress(upgrade: Pick<ProductUpgrade, 'status' | 'lineItems'>): UpgradeProgress {
  const done = upgrade.lineItems.filter((line) => line.status === 'completed').length;
  const failed = upgrade.lineItems.filter((line) => line.status === 'failed').length;
  return {
    done,
    failed,
    total: upgrade.lineItems.length,
    finished: upgrade.status === 'completed' || upgrade.status === 'failed',
    succeeded: upgrade.status === 'completed' && failed === 0,
  };
}
