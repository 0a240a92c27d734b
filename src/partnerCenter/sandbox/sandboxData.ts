import type { Agreement, AgreementMetadata } from '../../domain/agreements/agreement.js';
import type { EnhancedAttestation } from '../../domain/agreements/enhancedAttestation.js';
import type { Customer } from '../../domain/customers/customer.js';
import type { Partner, PartnerUser } from '../../domain/identity/actor.js';
import type { IndirectReseller } from '../../domain/identity/reseller.js';
import type { IdempotencyRecord } from '../../domain/idempotency/idempotencyStore.js';
import type { Cart, Order } from '../../domain/plans/order.js';
import type { AuditEntry } from '../../domain/services/auditLog.js';
import type { AzureEntitlement, Subscription } from '../../domain/subscriptions/subscription.js';
import type { ProductUpgrade } from '../../domain/transition/productUpgrade.js';

/** A stored upgrade plus whether its completion was already handed to the event listeners. */
export interface StoredUpgrade extends ProductUpgrade {
  completionNotifiedAt: string | null;
}

export type StoredEntitlement = AzureEntitlement & { customerId: string };

/** Everything the sandbox persists in its one lowdb JSON file. */
export interface SandboxData {
  schemaVersion: 1;
  seededAt: string;
  partner: Partner;
  users: PartnerUser[];
  indirectResellers: IndirectReseller[];
  agreementMetadata: AgreementMetadata[];
  azurePlanAvailability: Record<string, string>;
  customers: Customer[];
  directlySigned: string[];
  agreements: Agreement[];
  /** Enhanced attestations (issue 14); absent in data files written before it — read as []. */
  enhancedAttestations?: EnhancedAttestation[];
  subscriptions: Subscription[];
  entitlements: StoredEntitlement[];
  /** ARM subscription aliases the emulator created (alias name → Azure subscription); absent before them. */
  subscriptionAliases?: Record<string, { subscriptionId: string; customerId: string; displayName: string }>;
  carts: Cart[];
  orders: Order[];
  upgrades: StoredUpgrade[];
  /** customerId → legacy subscription ids whose transition step fails. */
  transitionFailures: Record<string, string[]>;
  audit: AuditEntry[];
  idempotency: Record<string, IdempotencyRecord>;
}
