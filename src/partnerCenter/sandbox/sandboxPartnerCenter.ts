import { randomUUID } from 'node:crypto';
import {
  MCA_AGREEMENT_TYPE,
  type ActingUser,
  type Agreement,
  type AgreementMetadata,
  type AgreementRequest,
} from '../../domain/agreements/agreement.js';
import { isFutureInUtc, sameContact, todayInUtc } from '../../domain/agreements/attestationRules.js';
import { hasAcceptedMca } from '../../domain/agreements/mcaAcceptance.js';
import type { Clock } from '../../domain/clock.js';
import type { Customer } from '../../domain/customers/customer.js';
import { DomainError } from '../../domain/errors.js';
import type { Partner, PartnerUser } from '../../domain/identity/actor.js';
import type { IndirectReseller } from '../../domain/identity/reseller.js';
import type {
  CustomerPage,
  CustomerPageRequest,
  PartnerCenter,
  PriceSheetView,
} from '../../domain/partnerCenter/port.js';
import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { referenceDataDir } from '../../priceData/referenceData.js';
import { ValidationError } from '../../domain/partnerCenter/validationError.js';
import {
  AZURE_PLAN_TITLE,
  azurePlanAvailabilityFor,
  type AzurePlanAvailability,
} from '../../domain/plans/azurePlanCatalog.js';
import type { Cart, CartLineItemRequest, Order } from '../../domain/plans/order.js';
import { checkPurchasePreconditions, validateAzurePlanLineItem } from '../../domain/plans/purchaseRules.js';
import {
  isAzurePlan,
  type AzureEntitlement,
  type Subscription,
} from '../../domain/subscriptions/subscription.js';
import {
  checkPlanCanBeSuspended,
  validateAzureSubscriptionName,
} from '../../domain/subscriptions/subscriptionRules.js';
import { assertUpgradeEligible, checkUpgradeEligibility } from '../../domain/transition/eligibilityRules.js';
import {
  AZURE_PRODUCT_FAMILY,
  UPGRADE_SOURCE_PRODUCT,
  UPGRADE_TARGET_PRODUCT,
  type ProductUpgrade,
  type UpgradeEligibility,
} from '../../domain/transition/productUpgrade.js';
import { isOpenLegacyAzure } from '../../domain/subscriptions/subscription.js';
import type { SandboxData, StoredEntitlement, StoredUpgrade } from './sandboxData.js';
import type { SandboxStore } from './sandboxStore.js';

/** Name Azure gives the subscription created together with a new plan. */
export const FIRST_AZURE_SUBSCRIPTION_NAME = 'Azure subscription 1';

export interface SandboxPartnerCenterOptions {
  clock: Clock;
  /** 900130 window for the transition eligibility check. */
  recentPurchaseWindowDays: number;
  /** Folder of the sample price sheets (`price-sheet-sample-{view}-{MARKET}.csv.gz`); default reference/partner-center. */
  priceSheetDir?: string;
  /** Id generator (tests may pin it); defaults to random UUIDs. */
  newId?: () => string;
}

/**
 * The embedded Partner Center: same port, same rules (it calls the domain rule functions) and the
 * same error codes as the real service, persisted in a lowdb file. State changes run one at a
 * time (SandboxStore.mutate), so check-then-act inside one method cannot interleave.
 */
export class SandboxPartnerCenter implements PartnerCenter {
  private readonly newId: () => string;

  constructor(
    private readonly store: SandboxStore,
    private readonly options: SandboxPartnerCenterOptions,
  ) {
    this.newId = options.newId ?? randomUUID;
  }

  private now(): Date {
    return this.options.clock.now();
  }

  // — partner and users —

  async getPartner(): Promise<Partner> {
    return this.store.read((data) => structuredClone(data.partner));
  }

  async findUser(tenantId: string, aadObjectId: string): Promise<PartnerUser | undefined> {
    return this.store.read((data) => {
      if (data.partner.tenantId.toLowerCase() !== tenantId.trim().toLowerCase()) return undefined;
      const user = data.users.find((u) => u.aadObjectId.toLowerCase() === aadObjectId.trim().toLowerCase());
      return user ? structuredClone(user) : undefined;
    });
  }

  async listIndirectResellers(): Promise<IndirectReseller[]> {
    return this.store.read((data) => structuredClone(data.indirectResellers));
  }

  // — customers —

  async listCustomers(): Promise<Customer[]> {
    return this.store.read((data) => structuredClone(data.customers));
  }

  async listCustomersPage(request: CustomerPageRequest): Promise<CustomerPage> {
    return this.store.read((data) => {
      const start = request.continuationToken ? Number.parseInt(request.continuationToken, 10) : 0;
      if (!Number.isInteger(start) || start < 0)
        throw new DomainError('validation', { field: 'continuationToken' });
      const size = Math.max(1, Math.min(500, Math.trunc(request.size)));
      const end = Math.min(data.customers.length, start + size);
      return {
        items: structuredClone(data.customers.slice(start, end)),
        totalCount: data.customers.length,
        ...(end < data.customers.length ? { continuationToken: String(end) } : {}),
      };
    });
  }

  // — pricing —

  /** Serves the shipped sample sheet for the market and view (KR azure_consumption), as the real API streams it. */
  async downloadPriceSheet(market: string, view: PriceSheetView): Promise<AsyncIterable<Uint8Array>> {
    if (!/^[A-Za-z]{2}$/.test(market)) throw new DomainError('validation', { field: 'market' });
    const dir = this.options.priceSheetDir ?? join(referenceDataDir(), 'partner-center');
    const file = join(dir, `price-sheet-sample-${view}-${market.toUpperCase()}.csv.gz`);
    if (!existsSync(file)) throw new DomainError('not_found', { market: market.toUpperCase(), view });
    return createReadStream(file);
  }

  async getCustomer(customerId: string): Promise<Customer> {
    return this.store.read((data) => structuredClone(customerIn(data, customerId)));
  }

  // — agreements —

  async getMcaMetadata(): Promise<AgreementMetadata[]> {
    return this.store.read((data) =>
      structuredClone(data.agreementMetadata.filter((m) => m.agreementType === MCA_AGREEMENT_TYPE)),
    );
  }

  async listMcaAgreements(customerId: string): Promise<Agreement[]> {
    return this.store.read((data) => {
      customerIn(data, customerId);
      return structuredClone(agreementsOf(data, customerId));
    });
  }

  async getDirectSignStatus(customerId: string): Promise<{ isSigned: boolean }> {
    return this.store.read((data) => {
      customerIn(data, customerId);
      return { isSigned: data.directlySigned.includes(customerId) };
    });
  }

  async createAgreement(
    customerId: string,
    request: AgreementRequest,
    actingUser: ActingUser,
  ): Promise<Agreement> {
    return this.store.mutate((data) => {
      customerIn(data, customerId);
      const now = this.now();
      const metadata = data.agreementMetadata.find((m) => m.templateId === request.templateId);
      if (request.type !== MCA_AGREEMENT_TYPE) throw new ValidationError({ type: 'unsupportedType' });
      if (!metadata || metadata.agreementType !== MCA_AGREEMENT_TYPE) {
        throw new ValidationError({ templateId: 'retiredTemplate' });
      }
      const future = isFutureInUtc(request.dateAgreed, now);
      if (future === undefined) throw new ValidationError({ dateAgreed: 'invalidDate' });
      if (future) throw new DomainError('600002', { field: 'dateAgreed', todayUtc: todayInUtc(now) });
      if (agreementsOf(data, customerId).some((a) => sameContact(a.primaryContact, request.primaryContact))) {
        throw new DomainError('600061', { customerId });
      }
      const agreement: Agreement = {
        ...structuredClone(request),
        customerId,
        userId: actingUser.userId,
        userDisplayName: actingUser.displayName,
        recordedAt: now.toISOString(),
        agreementLink: metadata.agreementLink,
      };
      data.agreements.push(agreement);
      return structuredClone(agreement);
    });
  }

  // — catalog and ordering —

  async getAzurePlanAvailability(customerId: string): Promise<AzurePlanAvailability | undefined> {
    return this.store.read((data) =>
      azurePlanAvailabilityFor(data.azurePlanAvailability, customerIn(data, customerId).country),
    );
  }

  async createCart(customerId: string, lineItem: CartLineItemRequest): Promise<Cart> {
    return this.store.mutate((data) => {
      const customer = customerIn(data, customerId);
      const availability = azurePlanAvailabilityFor(data.azurePlanAvailability, customer.country);
      if (!availability) throw new DomainError('not_available_in_country', { country: customer.country });
      validateAzurePlanLineItem(lineItem, availability);
      const cart: Cart = {
        id: this.newId(),
        customerId,
        lineItems: [{ ...structuredClone(lineItem), id: 0 }],
        createdAt: this.now().toISOString(),
      };
      data.carts.push(cart);
      return structuredClone(cart);
    });
  }

  async checkoutCart(customerId: string, cartId: string): Promise<Order> {
    return this.store.mutate((data) => {
      const customer = customerIn(data, customerId);
      const cartIndex = data.carts.findIndex((c) => c.id === cartId && c.customerId === customerId);
      if (cartIndex < 0) throw new DomainError('not_found', { kind: 'cart', id: cartId });
      const [line] = data.carts[cartIndex].lineItems;
      const availability = azurePlanAvailabilityFor(data.azurePlanAvailability, customer.country);
      checkPurchasePreconditions({
        customer,
        partner: data.partner,
        mcaAccepted: hasAcceptedMca(agreementsOf(data, customerId), data.directlySigned.includes(customerId)),
        subscriptions: subscriptionsOf(data, customerId),
        upgrade: latestUpgradeOf(data, customerId),
        availability,
        resellerMpnId: line.partnerIdOnRecord,
        knownResellers: data.indirectResellers,
      });
      if (!availability) throw new DomainError('not_available_in_country', { country: customer.country });
      validateAzurePlanLineItem(line, availability);

      const now = this.now().toISOString();
      const partnerIdOnRecord =
        data.partner.type === 'DirectBill'
          ? null
          : data.partner.type === 'IndirectReseller'
            ? data.partner.mpnId
            : (line.partnerIdOnRecord ?? null);
      const orderId = this.newId();
      const plan = newPlan(this.newId(), customerId, line.catalogItemId, partnerIdOnRecord, now, orderId);
      data.subscriptions.push(plan);
      data.entitlements.push({
        id: this.newId(),
        customerId,
        friendlyName: FIRST_AZURE_SUBSCRIPTION_NAME,
        status: 'active',
        subscriptionId: plan.id,
        createdAt: now,
      });
      const order: Order = {
        id: orderId,
        customerId,
        lineItems: [
          { lineItemNumber: 0, offerId: line.catalogItemId, subscriptionId: plan.id, partnerIdOnRecord },
        ],
        creationDate: now,
      };
      data.orders.push(order);
      data.carts.splice(cartIndex, 1);
      return structuredClone(order);
    });
  }

  // — subscriptions —

  async listSubscriptions(customerId: string): Promise<Subscription[]> {
    return this.store.read((data) => {
      customerIn(data, customerId);
      return structuredClone(subscriptionsOf(data, customerId));
    });
  }

  async listAzureEntitlements(customerId: string, planId: string): Promise<AzureEntitlement[]> {
    return this.store.read((data) => {
      planIn(data, customerId, planId);
      return data.entitlements
        .filter((e) => e.customerId === customerId && e.subscriptionId === planId)
        .map(publicEntitlement);
    });
  }

  async createAzureSubscription(
    customerId: string,
    planId: string,
    displayName: string,
  ): Promise<AzureEntitlement> {
    const name = validateAzureSubscriptionName(displayName);
    return this.store.mutate((data) => {
      const plan = planIn(data, customerId, planId);
      if (plan.status !== 'active') throw new DomainError('plan_not_active', { planId });
      const entitlement: StoredEntitlement = {
        id: this.newId(),
        customerId,
        friendlyName: name,
        status: 'active',
        subscriptionId: planId,
        createdAt: this.now().toISOString(),
      };
      data.entitlements.push(entitlement);
      return publicEntitlement(entitlement);
    });
  }

  async renameAzureSubscription(
    customerId: string,
    azureSubscriptionId: string,
    displayName: string,
  ): Promise<AzureEntitlement> {
    const name = validateAzureSubscriptionName(displayName);
    return this.store.mutate((data) => {
      const entitlement = entitlementIn(data, customerId, azureSubscriptionId);
      entitlement.friendlyName = name;
      return publicEntitlement(entitlement);
    });
  }

  async suspendAzureSubscription(customerId: string, azureSubscriptionId: string): Promise<AzureEntitlement> {
    return this.store.mutate((data) => {
      const entitlement = entitlementIn(data, customerId, azureSubscriptionId);
      entitlement.status = 'suspended';
      return publicEntitlement(entitlement);
    });
  }

  async reactivateAzureSubscription(
    customerId: string,
    azureSubscriptionId: string,
  ): Promise<AzureEntitlement> {
    return this.store.mutate((data) => {
      const entitlement = entitlementIn(data, customerId, azureSubscriptionId);
      const plan = planIn(data, customerId, entitlement.subscriptionId);
      if (plan.status !== 'active') throw new DomainError('plan_not_active', { planId: plan.id });
      entitlement.status = 'active';
      return publicEntitlement(entitlement);
    });
  }

  async suspendPlan(customerId: string, planId: string): Promise<Subscription> {
    return this.store.mutate((data) => {
      const plan = planIn(data, customerId, planId);
      checkPlanCanBeSuspended(
        data.entitlements.filter((e) => e.customerId === customerId && e.subscriptionId === planId),
      );
      plan.status = 'suspended';
      return structuredClone(plan);
    });
  }

  async reactivatePlan(customerId: string, planId: string): Promise<Subscription> {
    return this.store.mutate((data) => {
      const plan = planIn(data, customerId, planId);
      plan.status = 'active';
      return structuredClone(plan);
    });
  }

  // — product upgrade —

  async getUpgradeEligibility(customerId: string): Promise<UpgradeEligibility> {
    return this.store.read((data) => this.eligibilityIn(data, customerId));
  }

  async createUpgrade(customerId: string): Promise<{ upgradeId: string }> {
    return this.store.mutate((data) => {
      assertUpgradeEligible(this.eligibilityIn(data, customerId));
      const now = this.now().toISOString();
      const upgrade: StoredUpgrade = {
        id: this.newId(),
        customerId,
        productFamily: AZURE_PRODUCT_FAMILY,
        status: 'pending',
        createdAt: now,
        completedAt: null,
        errorDetails: null,
        completionNotifiedAt: null,
        lineItems: subscriptionsOf(data, customerId)
          .filter(isOpenLegacyAzure)
          .map((legacy) => ({
            sourceSubscriptionId: legacy.id,
            azureSubscriptionId: legacy.azureSubscriptionId ?? legacy.id,
            sourceProduct: { ...UPGRADE_SOURCE_PRODUCT },
            targetProduct: { ...UPGRADE_TARGET_PRODUCT },
            partnerIdOnRecord: legacy.partnerIdOnRecord,
            targetPlanId: null,
            upgradedDate: null,
            status: 'pending',
            errorDetails: null,
          })),
      };
      data.upgrades.push(upgrade);
      return { upgradeId: upgrade.id };
    });
  }

  async getUpgradeStatus(customerId: string, upgradeId: string): Promise<ProductUpgrade> {
    return this.store.read((data) => {
      customerIn(data, customerId);
      const upgrade = data.upgrades.find((u) => u.id === upgradeId);
      if (!upgrade) throw new DomainError('900106', { upgradeId });
      if (upgrade.customerId !== customerId) throw new DomainError('900111', { upgradeId });
      return publicUpgrade(upgrade);
    });
  }

  private eligibilityIn(data: Readonly<SandboxData>, customerId: string): UpgradeEligibility {
    const customer = customerIn(data, customerId);
    return checkUpgradeEligibility(
      {
        customerId,
        relationship: customer.relationship,
        mcaAccepted: hasAcceptedMca(agreementsOf(data, customerId), data.directlySigned.includes(customerId)),
        subscriptions: subscriptionsOf(data, customerId),
        existingUpgrade: latestUpgradeOf(data, customerId),
      },
      this.now(),
      this.options.recentPurchaseWindowDays,
    );
  }
}

function customerIn(data: Readonly<SandboxData>, customerId: string): Customer {
  const customer = data.customers.find((c) => c.id === customerId);
  if (!customer) throw new DomainError('not_found', { kind: 'customer', id: customerId });
  return customer;
}

function agreementsOf(data: Readonly<SandboxData>, customerId: string): Agreement[] {
  return data.agreements.filter((a) => a.customerId === customerId);
}

function subscriptionsOf(data: Readonly<SandboxData>, customerId: string): Subscription[] {
  return data.subscriptions.filter((s) => s.customerId === customerId);
}

export function latestUpgradeOf(data: Readonly<SandboxData>, customerId: string): StoredUpgrade | undefined {
  return data.upgrades.filter((u) => u.customerId === customerId).at(-1);
}

function planIn(data: SandboxData, customerId: string, planId: string): Subscription {
  customerIn(data, customerId);
  const plan = data.subscriptions.find(
    (s) => s.id === planId && s.customerId === customerId && isAzurePlan(s),
  );
  if (!plan) throw new DomainError('not_found', { kind: 'azurePlan', id: planId });
  return plan;
}

function entitlementIn(
  data: SandboxData,
  customerId: string,
  azureSubscriptionId: string,
): StoredEntitlement {
  customerIn(data, customerId);
  const entitlement = data.entitlements.find(
    (e) => e.id === azureSubscriptionId && e.customerId === customerId,
  );
  if (!entitlement)
    throw new DomainError('not_found', { kind: 'azureSubscription', id: azureSubscriptionId });
  return entitlement;
}

function publicEntitlement(entitlement: StoredEntitlement): AzureEntitlement {
  const { customerId: _customerId, ...rest } = entitlement;
  return structuredClone(rest);
}

export function publicUpgrade(upgrade: StoredUpgrade): ProductUpgrade {
  const { completionNotifiedAt: _notified, ...rest } = upgrade;
  return structuredClone(rest);
}

export function newPlan(
  id: string,
  customerId: string,
  offerId: string,
  partnerIdOnRecord: string | null,
  creationDate: string,
  orderId?: string,
): Subscription {
  return {
    id,
    customerId,
    offerId,
    offerName: AZURE_PLAN_TITLE,
    friendlyName: AZURE_PLAN_TITLE,
    quantity: 1,
    billingCycle: 'one_time',
    status: 'active',
    creationDate,
    partnerIdOnRecord,
    ...(orderId ? { orderId } : {}),
  };
}
