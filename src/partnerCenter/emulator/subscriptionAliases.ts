import type { AzureEntitlement } from '../../domain/subscriptions/subscription.js';
import type { SandboxStore } from '../sandbox/sandboxStore.js';

/** What the emulator keeps per ARM alias (`PUT /providers/Microsoft.Subscription/aliases/{name}`). */
export interface SubscriptionAlias {
  name: string;
  subscriptionId: string;
  customerId: string;
  displayName: string;
}

/** The billing account name the emulator answers for when none is configured. */
export const EMULATOR_BILLING_ACCOUNT_NAME = 'emulator-billing-account';

/**
 * The subscription aliases of one emulator: a PUT of a known alias name answers the subscription
 * it created before (ARM's alias PUT is idempotent), and two PUTs of the same name at the same
 * time create one subscription. Stored in the sandbox data, so a restart keeps them.
 */
export class SubscriptionAliases {
  private readonly inFlight = new Map<string, Promise<{ alias: SubscriptionAlias; created: boolean }>>();

  constructor(private readonly store: SandboxStore) {}

  get(name: string): SubscriptionAlias | undefined {
    const key = name.toLowerCase();
    return this.store.read((data) => {
      const found = data.subscriptionAliases?.[key];
      return found ? { name, ...found } : undefined;
    });
  }

  /** The alias, creating its subscription with `create` the first time the name is seen. */
  async ensure(
    name: string,
    customerId: string,
    displayName: string,
    create: () => Promise<AzureEntitlement>,
  ): Promise<{ alias: SubscriptionAlias; created: boolean }> {
    const key = name.toLowerCase();
    const running = this.inFlight.get(key);
    if (running) return { alias: (await running).alias, created: false };
    const existing = this.get(name);
    if (existing) return { alias: existing, created: false };
    const work = (async () => {
      const entitlement = await create();
      const record = { subscriptionId: entitlement.id, customerId, displayName };
      await this.store.mutate((data) => {
        (data.subscriptionAliases ??= {})[key] = record;
      });
      return { alias: { name, ...record }, created: true };
    })();
    this.inFlight.set(key, work);
    try {
      return await work;
    } finally {
      this.inFlight.delete(key);
    }
  }
}

/** The ARM alias resource (alias/get response). */
export function aliasResource(alias: SubscriptionAlias): Record<string, unknown> {
  return {
    id: `/providers/Microsoft.Subscription/aliases/${alias.name}`,
    name: alias.name,
    type: 'Microsoft.Subscription/aliases',
    properties: { subscriptionId: alias.subscriptionId, provisioningState: 'Succeeded' },
  };
}
