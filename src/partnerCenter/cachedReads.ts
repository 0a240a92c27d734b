import type {
  ActingUser,
  Agreement,
  AgreementMetadata,
  AgreementRequest,
} from '../domain/agreements/agreement.js';
import type {
  EnhancedAttestation,
  EnhancedAttestationRequest,
} from '../domain/agreements/enhancedAttestation.js';
import type { Clock } from '../domain/clock.js';
import type { Customer } from '../domain/customers/customer.js';
import type { Partner, PartnerUser } from '../domain/identity/actor.js';
import type { IndirectReseller } from '../domain/identity/reseller.js';
import type {
  CustomerPage,
  CustomerPageRequest,
  EnhancedAttestationPort,
  PartnerCenter,
  PriceSheetView,
} from '../domain/partnerCenter/port.js';
import type { AzurePlanAvailability } from '../domain/plans/azurePlanCatalog.js';
import type { Cart, CartLineItemRequest, Order } from '../domain/plans/order.js';
import type { AzureEntitlement, Subscription } from '../domain/subscriptions/subscription.js';
import type { ProductUpgrade, UpgradeEligibility } from '../domain/transition/productUpgrade.js';
import type { PartnerDirectory } from '../bot/identity.js';
import { dropOldest } from '../domain/boundedMap.js';

export interface CachedReadsOptions {
  /** How long a customer's reads are reused (0: never). */
  ttlMs: number;
  /** How long the MCA metadata (template id, document link) is reused; it changes with a new MCA version. */
  metadataTtlMs?: number;
  /** Most customers whose reads are kept (least recently read out). */
  maxCustomers?: number;
  /** Wall clock (the bot's business clock may be pinned in tests and demos). */
  clock: Clock;
}

type Target = PartnerCenter & PartnerDirectory & EnhancedAttestationPort;

/** Where the pages of the customer list are kept (no customer id can look like this). */
const LIST_KEY = '(customer list)';

/** One customer's cached reads, by what was asked (e.g. `subscriptions`, `entitlements:<planId>`). */
interface CustomerEntry {
  reads: Map<string, KeptRead>;
}

interface KeptRead {
  at: number;
  value: Promise<unknown>;
  /** The read succeeded (only a real answer is handed out past its time). */
  settled: boolean;
  /** A read again behind the turns is running. */
  refreshing?: boolean;
}

/**
 * The Partner Center reads of one customer kept for a short time, so a turn that shows a
 * customer's state, and the turns right after it, do not ask Partner Center the same thing again
 * (a dialog start read five things; a typical conversation asks about one customer several times).
 *
 * - Only reads that describe one customer are kept: the customer, its MCA agreements and direct
 *   signature, its attestations, subscriptions, entitlements, plan availability and upgrade
 *   eligibility; and the pages of the customer list. The upgrade status and a single attestation are never kept: the upgrade poller and
 *   the acceptance sweep ask them to notice a change.
 * - Every change made through this object forgets the changed customer's reads before and after the
 *   call (a read running meanwhile cannot put the old answer back).
 * - A change made elsewhere (the Partner Center portal, another instance) is seen `ttlMs` later, or
 *   at most twice that: a read past `ttlMs` (but not past twice it) answers at once with what was
 *   read and reads again behind the turn, so the turns of that moment do not all wait for Partner
 *   Center. `forget(customerId)` drops a customer at once (an acceptance event, for instance).
 * - A failed read is not kept.
 */
export class CachedReads implements Target {
  private readonly customers = new Map<string, CustomerEntry>();
  private metadata: { at: number; value: Promise<AgreementMetadata[]> } | undefined;
  private readonly maxCustomers: number;
  private readonly metadataTtlMs: number;

  constructor(
    private readonly target: PartnerCenter & PartnerDirectory,
    private readonly attestations: EnhancedAttestationPort,
    private readonly options: CachedReadsOptions,
  ) {
    this.maxCustomers = options.maxCustomers ?? 2_000;
    this.metadataTtlMs = options.metadataTtlMs ?? 60 * 60_000;
  }

  /** Drops everything kept about a customer (it changed outside this process, or may have). */
  forget(customerId: string): void {
    // A read still running belongs to the dropped entry, so its (maybe older) answer is not kept.
    this.customers.delete(customerId.toLowerCase());
  }

  // — kept reads —
  getCustomer(customerId: string): Promise<Customer> {
    return this.read(customerId, 'customer', () => this.target.getCustomer(customerId));
  }
  listMcaAgreements(customerId: string): Promise<Agreement[]> {
    return this.read(customerId, 'agreements', () => this.target.listMcaAgreements(customerId));
  }
  getDirectSignStatus(customerId: string): Promise<{ isSigned: boolean }> {
    return this.read(customerId, 'directSign', () => this.target.getDirectSignStatus(customerId));
  }
  listEnhancedAttestations(customerId: string): Promise<EnhancedAttestation[]> {
    return this.read(customerId, 'attestations', () =>
      this.attestations.listEnhancedAttestations(customerId),
    );
  }
  listSubscriptions(customerId: string): Promise<Subscription[]> {
    return this.read(customerId, 'subscriptions', () => this.target.listSubscriptions(customerId));
  }
  listAzureEntitlements(customerId: string, planId: string): Promise<AzureEntitlement[]> {
    return this.read(customerId, `entitlements:${planId}`, () =>
      this.target.listAzureEntitlements(customerId, planId),
    );
  }
  getAzurePlanAvailability(customerId: string): Promise<AzurePlanAvailability | undefined> {
    return this.read(customerId, 'availability', () => this.target.getAzurePlanAvailability(customerId));
  }
  getUpgradeEligibility(customerId: string): Promise<UpgradeEligibility> {
    return this.read(customerId, 'upgradeEligibility', () => this.target.getUpgradeEligibility(customerId));
  }
  getMcaMetadata(): Promise<AgreementMetadata[]> {
    const now = this.now();
    if (this.options.ttlMs > 0 && this.metadata && now - this.metadata.at < this.metadataTtlMs)
      return this.metadata.value;
    const value = this.target.getMcaMetadata();
    const entry = { at: now, value };
    this.metadata = entry;
    value.catch(() => {
      if (this.metadata === entry) this.metadata = undefined;
    });
    return value;
  }

  // — reads that are never kept —
  getPartner(): Promise<Partner> {
    return this.target.getPartner();
  }
  findUser(tenantId: string, aadObjectId: string): Promise<PartnerUser | undefined> {
    return this.target.findUser(tenantId, aadObjectId);
  }
  listIndirectResellers(): Promise<IndirectReseller[]> {
    return this.target.listIndirectResellers();
  }
  listCustomers(): Promise<Customer[]> {
    return this.target.listCustomers();
  }
  /** A page of the customer list, by size and continuation token (a new customer shows within `ttlMs`). */
  listCustomersPage(request: CustomerPageRequest): Promise<CustomerPage> {
    return this.read(LIST_KEY, `page:${request.size}:${request.continuationToken ?? ''}`, () =>
      this.target.listCustomersPage(request),
    );
  }
  downloadPriceSheet(market: string, view: PriceSheetView): Promise<AsyncIterable<Uint8Array>> {
    return this.target.downloadPriceSheet(market, view);
  }
  getUpgradeStatus(customerId: string, upgradeId: string): Promise<ProductUpgrade> {
    return this.target.getUpgradeStatus(customerId, upgradeId);
  }
  async getEnhancedAttestation(attestationId: string): Promise<EnhancedAttestation> {
    const attestation = await this.attestations.getEnhancedAttestation(attestationId);
    // Whoever asks one attestation looks for a change (the acceptance sweep): the customer's list
    // is read again next time rather than showing an older status beside this one.
    this.forget(attestation.customerId);
    return attestation;
  }

  // — changes: the customer's reads are forgotten before and after —
  createAgreement(customerId: string, request: AgreementRequest, actingUser: ActingUser): Promise<Agreement> {
    return this.change(customerId, () => this.target.createAgreement(customerId, request, actingUser));
  }
  createCart(customerId: string, lineItem: CartLineItemRequest): Promise<Cart> {
    return this.change(customerId, () => this.target.createCart(customerId, lineItem));
  }
  checkoutCart(customerId: string, cartId: string): Promise<Order> {
    return this.change(customerId, () => this.target.checkoutCart(customerId, cartId));
  }
  createAzureSubscription(
    customerId: string,
    planId: string,
    displayName: string,
  ): Promise<AzureEntitlement> {
    return this.change(customerId, () =>
      this.target.createAzureSubscription(customerId, planId, displayName),
    );
  }
  renameAzureSubscription(
    customerId: string,
    azureSubscriptionId: string,
    displayName: string,
  ): Promise<AzureEntitlement> {
    return this.change(customerId, () =>
      this.target.renameAzureSubscription(customerId, azureSubscriptionId, displayName),
    );
  }
  suspendAzureSubscription(customerId: string, azureSubscriptionId: string): Promise<AzureEntitlement> {
    return this.change(customerId, () =>
      this.target.suspendAzureSubscription(customerId, azureSubscriptionId),
    );
  }
  reactivateAzureSubscription(customerId: string, azureSubscriptionId: string): Promise<AzureEntitlement> {
    return this.change(customerId, () =>
      this.target.reactivateAzureSubscription(customerId, azureSubscriptionId),
    );
  }
  suspendPlan(customerId: string, planId: string): Promise<Subscription> {
    return this.change(customerId, () => this.target.suspendPlan(customerId, planId));
  }
  reactivatePlan(customerId: string, planId: string): Promise<Subscription> {
    return this.change(customerId, () => this.target.reactivatePlan(customerId, planId));
  }
  createUpgrade(customerId: string): Promise<{ upgradeId: string }> {
    return this.change(customerId, () => this.target.createUpgrade(customerId));
  }
  createEnhancedAttestation(
    customerId: string,
    request: EnhancedAttestationRequest,
  ): Promise<EnhancedAttestation> {
    return this.change(customerId, () => this.attestations.createEnhancedAttestation(customerId, request));
  }
  createAgreementFromAttestation(customerId: string, attestationId: string): Promise<Agreement> {
    return this.change(customerId, () =>
      this.attestations.createAgreementFromAttestation(customerId, attestationId),
    );
  }

  private async change<T>(customerId: string, run: () => Promise<T>): Promise<T> {
    this.forget(customerId);
    try {
      return await run();
    } finally {
      this.forget(customerId);
    }
  }

  private read<T>(customerId: string, what: string, load: () => Promise<T>): Promise<T> {
    if (this.options.ttlMs <= 0) return load();
    const key = customerId.toLowerCase();
    const now = this.now();
    const entry = this.customers.get(key);
    const kept = entry?.reads.get(what);
    const age = kept ? now - kept.at : Number.POSITIVE_INFINITY;
    if (entry && kept && (age < this.options.ttlMs || (age < 2 * this.options.ttlMs && kept.settled))) {
      // Most recently used last (Map order): the first customer is the one to drop.
      this.customers.delete(key);
      this.customers.set(key, entry);
      // Past its time but within as long again: answered as read, and read again behind the turn
      // (the turns of that moment do not all wait for Partner Center at once).
      if (age >= this.options.ttlMs && !kept.refreshing) this.refresh(key, what, entry, kept, load, now);
      return kept.value as Promise<T>;
    }
    const value = load();
    const current = entry ?? { reads: new Map() };
    const record: KeptRead = { at: now, value: value as Promise<unknown>, settled: false };
    current.reads.set(what, record);
    this.customers.delete(key);
    this.customers.set(key, current);
    this.trim();
    value.then(
      () => (record.settled = true),
      () => this.drop(key, what, record),
    );
    return value;
  }

  /** Reads again behind the turn; the answer replaces the kept one unless the customer was forgotten meanwhile. */
  private refresh<T>(
    key: string,
    what: string,
    entry: CustomerEntry,
    kept: KeptRead,
    load: () => Promise<T>,
    now: number,
  ): void {
    kept.refreshing = true;
    load().then(
      (value) => {
        if (this.customers.get(key) !== entry || entry.reads.get(what) !== kept) return;
        entry.reads.set(what, { at: now, value: Promise.resolve(value), settled: true });
      },
      () => {
        // A failed refresh: the kept answer ages out on its own (then the turn asks and waits).
        kept.refreshing = false;
      },
    );
  }

  private drop(key: string, what: string, record: { value: Promise<unknown> }): void {
    const entry = this.customers.get(key);
    if (entry?.reads.get(what) === record) entry.reads.delete(what);
  }

  private trim(): void {
    dropOldest(this.customers, this.maxCustomers);
  }

  private now(): number {
    return this.options.clock.now().getTime();
  }
}
