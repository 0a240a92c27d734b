import {
  MCA_AGREEMENT_TYPE,
  type ActingUser,
  type Agreement,
  type AgreementMetadata,
  type AgreementRequest,
} from '../../domain/agreements/agreement.js';
import type { Customer } from '../../domain/customers/customer.js';
import { normalizeGuid } from '../../domain/customers/guid.js';
import { DomainError } from '../../domain/errors.js';
import type { Partner, PartnerUser } from '../../domain/identity/actor.js';
import type { IndirectReseller } from '../../domain/identity/reseller.js';
import type { CustomerPage, CustomerPageRequest, PartnerCenter } from '../../domain/partnerCenter/port.js';
import {
  AZURE_PLAN_PRODUCT_ID,
  AZURE_PLAN_SKU_ID,
  type AzurePlanAvailability,
} from '../../domain/plans/azurePlanCatalog.js';
import type { Cart, CartLineItemRequest, Order } from '../../domain/plans/order.js';
import type {
  AzureEntitlement,
  Subscription,
  SubscriptionStatus,
} from '../../domain/subscriptions/subscription.js';
import {
  AZURE_PRODUCT_FAMILY,
  type ProductUpgrade,
  type UpgradeEligibility,
  type UpgradeStatusValue,
} from '../../domain/transition/productUpgrade.js';
import { PartnerCenterHttp, type PartnerCenterHttpOptions } from './httpClient.js';

/** Partner Center has no API for the partner's own user directory with roles: it comes from configuration. */
export interface RestDirectory {
  partner: Partner;
  users: PartnerUser[];
  indirectResellers: IndirectReseller[];
}

interface Items<T> {
  items?: T[];
}

const enc = encodeURIComponent;

/**
 * The PartnerCenter port over the real REST API (https://api.partnercenter.microsoft.com/v1).
 * Creating, renaming, suspending and reactivating Azure subscriptions happens in Azure Resource
 * Manager, not in Partner Center: those methods throw DomainError('not_supported_by_backend').
 */
export class RestPartnerCenter implements PartnerCenter {
  private readonly http: PartnerCenterHttp;

  constructor(
    options: PartnerCenterHttpOptions,
    private readonly directory: RestDirectory,
  ) {
    this.http = new PartnerCenterHttp(options);
  }

  async getPartner(): Promise<Partner> {
    return { ...this.directory.partner };
  }

  async findUser(tenantId: string, aadObjectId: string): Promise<PartnerUser | undefined> {
    if (tenantId.toLowerCase() !== this.directory.partner.tenantId.toLowerCase()) return undefined;
    return this.directory.users.find((u) => u.aadObjectId.toLowerCase() === aadObjectId.toLowerCase());
  }

  async listIndirectResellers(): Promise<IndirectReseller[]> {
    return [...this.directory.indirectResellers];
  }

  async listCustomers(): Promise<Customer[]> {
    // get-a-list-of-customers: `size` is required; follow links.next until the last page.
    const customers: Customer[] = [];
    let continuationToken: string | undefined;
    do {
      const page = await this.listCustomersPage({
        size: 500,
        ...(continuationToken ? { continuationToken } : {}),
      });
      customers.push(...page.items);
      continuationToken = page.continuationToken;
    } while (continuationToken);
    return customers;
  }

  async listCustomersPage(request: CustomerPageRequest): Promise<CustomerPage> {
    const { body } = await this.http.request<Items<RestCustomer> & { totalCount?: number }>(
      'GET',
      `/customers?size=${request.size}`,
      undefined,
      request.continuationToken ? { 'MS-ContinuationToken': request.continuationToken } : undefined,
    );
    const items = (body.items ?? []).map(toCustomer);
    const next = (body as { links?: { next?: { headers?: { key: string; value: string }[] } } }).links?.next;
    const token = next?.headers?.find((h) => h.key.toLowerCase() === 'ms-continuationtoken')?.value;
    return {
      items,
      totalCount: body.totalCount ?? items.length,
      ...(token ? { continuationToken: token } : {}),
    };
  }

  async getCustomer(customerId: string): Promise<Customer> {
    return toCustomer((await this.http.request<RestCustomer>('GET', `/customers/${enc(customerId)}`)).body);
  }

  async getMcaMetadata(): Promise<AgreementMetadata[]> {
    const { body } = await this.http.request<Items<AgreementMetadata>>(
      'GET',
      `/agreements?agreementType=${MCA_AGREEMENT_TYPE}`,
    );
    return (body.items ?? []).filter((m) => m.agreementType === MCA_AGREEMENT_TYPE);
  }

  async listMcaAgreements(customerId: string): Promise<Agreement[]> {
    // Rule 5: always name the type, the default is the Cloud Agreement.
    const { body } = await this.http.request<Items<RestAgreement>>(
      'GET',
      `/customers/${enc(customerId)}/agreements?agreementType=${MCA_AGREEMENT_TYPE}`,
    );
    return (body.items ?? []).map((a) => toAgreement(customerId, a));
  }

  async getDirectSignStatus(customerId: string): Promise<{ isSigned: boolean }> {
    const { body } = await this.http.request<{ isSigned?: boolean }>(
      'GET',
      `/customers/${enc(customerId)}/directSignedMicrosoftCustomerAgreementStatus`,
    );
    return { isSigned: body?.isSigned === true };
  }

  async createAgreement(
    customerId: string,
    request: AgreementRequest,
    actingUser: ActingUser,
  ): Promise<Agreement> {
    const { body } = await this.http.request<RestAgreement>(
      'POST',
      `/customers/${enc(customerId)}/agreements`,
      request,
    );
    return { ...toAgreement(customerId, body), userDisplayName: actingUser.displayName };
  }

  async getAzurePlanAvailability(customerId: string): Promise<AzurePlanAvailability | undefined> {
    const { body } = await this.http.request<Items<{ id: string; catalogItemId: string; country?: string }>>(
      'GET',
      `/customers/${enc(customerId)}/products/${AZURE_PLAN_PRODUCT_ID}/skus/${AZURE_PLAN_SKU_ID}/availabilities`,
    );
    const [first] = body.items ?? [];
    if (!first) return undefined;
    return {
      productId: AZURE_PLAN_PRODUCT_ID,
      skuId: AZURE_PLAN_SKU_ID,
      availabilityId: first.id,
      catalogItemId: first.catalogItemId,
      country: (first.country ?? '').toUpperCase(),
    };
  }

  async createCart(customerId: string, lineItem: CartLineItemRequest): Promise<Cart> {
    const line: Record<string, unknown> = {
      id: 0,
      catalogItemId: lineItem.catalogItemId,
      quantity: lineItem.quantity,
      billingCycle: lineItem.billingCycle,
    };
    if (lineItem.partnerIdOnRecord)
      line.participants = [{ key: 'transaction_reseller', value: lineItem.partnerIdOnRecord }];
    const { body } = await this.http.request<{ id: string; creationTimestamp?: string }>(
      'POST',
      `/customers/${enc(customerId)}/carts`,
      {
        lineItems: [line],
      },
    );
    return {
      id: body.id,
      customerId,
      lineItems: [{ ...lineItem, id: 0 }],
      createdAt: body.creationTimestamp ?? '',
    };
  }

  async checkoutCart(customerId: string, cartId: string): Promise<Order> {
    const { body } = await this.http.request<{
      orders?: RestOrder[];
      orderErrors?: Array<{ errorCode?: number | string }>;
    }>('POST', `/customers/${enc(customerId)}/carts/${enc(cartId)}/checkout`);
    const [order] = body.orders ?? [];
    if (!order) throw new DomainError(String(body.orderErrors?.[0]?.errorCode ?? 'backend_error'));
    return {
      id: order.id,
      customerId,
      creationDate: order.creationDate ?? '',
      lineItems: (order.lineItems ?? []).map((l) => ({
        lineItemNumber: l.lineItemNumber ?? 0,
        offerId: l.offerId ?? '',
        subscriptionId: l.subscriptionId ?? '',
        partnerIdOnRecord: l.partnerIdOnRecord ?? null,
      })),
    };
  }

  async listSubscriptions(customerId: string): Promise<Subscription[]> {
    const { body } = await this.http.request<Items<RestSubscription>>(
      'GET',
      `/customers/${enc(customerId)}/subscriptions`,
    );
    return (body.items ?? []).map((s) => toSubscription(customerId, s));
  }

  async listAzureEntitlements(customerId: string, planId: string): Promise<AzureEntitlement[]> {
    const { body } = await this.http.request<
      Items<{ id: string; friendlyName?: string; status?: string; subscriptionId?: string }>
    >('GET', `/customers/${enc(customerId)}/subscriptions/${enc(planId)}/azureEntitlements`);
    return (body.items ?? []).map((e) => ({
      id: e.id,
      friendlyName: e.friendlyName ?? '',
      status: e.status === 'active' ? 'active' : e.status === 'deleted' ? 'deleted' : 'suspended',
      subscriptionId: e.subscriptionId ?? planId,
      createdAt: '',
    }));
  }

  async createAzureSubscription(): Promise<AzureEntitlement> {
    throw new DomainError('not_supported_by_backend', { operation: 'createAzureSubscription' });
  }

  async renameAzureSubscription(): Promise<AzureEntitlement> {
    throw new DomainError('not_supported_by_backend', { operation: 'renameAzureSubscription' });
  }

  async suspendAzureSubscription(): Promise<AzureEntitlement> {
    throw new DomainError('not_supported_by_backend', { operation: 'suspendAzureSubscription' });
  }

  async reactivateAzureSubscription(): Promise<AzureEntitlement> {
    throw new DomainError('not_supported_by_backend', { operation: 'reactivateAzureSubscription' });
  }

  async suspendPlan(customerId: string, planId: string): Promise<Subscription> {
    return this.patchPlanStatus(customerId, planId, 'suspended');
  }

  async reactivatePlan(customerId: string, planId: string): Promise<Subscription> {
    return this.patchPlanStatus(customerId, planId, 'active');
  }

  async getUpgradeEligibility(customerId: string): Promise<UpgradeEligibility> {
    const { body } = await this.http.request<{ isEligible?: boolean; upgradeId?: string; reason?: string }>(
      'POST',
      '/productUpgrades/eligibility',
      {
        customerId,
        productFamily: 'azure',
      },
    );
    return {
      customerId,
      productFamily: AZURE_PRODUCT_FAMILY,
      isEligible: body.isEligible === true,
      ...(body.upgradeId ? { upgradeId: body.upgradeId } : {}),
      ...(body.reason ? { reason: body.reason } : {}),
    };
  }

  async createUpgrade(customerId: string): Promise<{ upgradeId: string }> {
    const { location } = await this.http.request<unknown>('POST', '/productupgrades', {
      customerId,
      productFamily: AZURE_PRODUCT_FAMILY,
    });
    const upgradeId = location?.split('/').filter(Boolean).at(-1);
    if (!upgradeId) throw new DomainError('backend_error', { reason: 'missingLocation' });
    return { upgradeId };
  }

  async getUpgradeStatus(customerId: string, upgradeId: string): Promise<ProductUpgrade> {
    const { body } = await this.http.request<RestUpgradeStatus>(
      'POST',
      `/productUpgrades/${enc(upgradeId)}/status`,
      {
        customerId,
        productFamily: AZURE_PRODUCT_FAMILY,
      },
    );
    return {
      id: body.id ?? upgradeId,
      customerId,
      productFamily: AZURE_PRODUCT_FAMILY,
      status: toUpgradeStatus(body.status),
      createdAt: '',
      completedAt: null,
      errorDetails: body.errorDetails?.code ? { code: String(body.errorDetails.code) } : null,
      lineItems: (body.lineItems ?? []).map((line) => ({
        sourceSubscriptionId: line.sourceProduct?.id ?? '',
        azureSubscriptionId: line.sourceProduct?.id ?? '',
        sourceProduct: { id: line.sourceProduct?.id ?? '', name: line.sourceProduct?.name ?? '' },
        targetProduct: { id: line.targetProduct?.id ?? '', name: line.targetProduct?.name ?? '' },
        partnerIdOnRecord: null,
        targetPlanId: line.targetProduct?.id ?? null,
        upgradedDate: line.upgradedDate ?? null,
        status: toUpgradeStatus(line.status),
        errorDetails: line.errorDetails?.code ? { code: String(line.errorDetails.code) } : null,
      })),
    };
  }

  private async patchPlanStatus(
    customerId: string,
    planId: string,
    status: 'active' | 'suspended',
  ): Promise<Subscription> {
    const path = `/customers/${enc(customerId)}/subscriptions/${enc(planId)}`;
    const { body: current } = await this.http.request<RestSubscription>('GET', path);
    const { body } = await this.http.request<RestSubscription>('PATCH', path, { ...current, status });
    return toSubscription(customerId, body);
  }
}

interface RestCustomer {
  id: string;
  companyProfile?: { companyName?: string; domain?: string };
  billingProfile?: { defaultAddress?: { country?: string } };
  associatedPartnerId?: string;
  relationshipToPartner?: string;
}

interface RestAgreement {
  userId?: string;
  primaryContact: AgreementRequest['primaryContact'];
  dateAgreed: string;
  templateId: string;
  type: string;
  agreementLink?: string;
}

interface RestOrder {
  id: string;
  creationDate?: string;
  lineItems?: Array<{
    lineItemNumber?: number;
    offerId?: string;
    subscriptionId?: string;
    partnerIdOnRecord?: string;
  }>;
}

interface RestSubscription {
  id: string;
  offerId?: string;
  offerName?: string;
  friendlyName?: string;
  quantity?: number;
  billingCycle?: string;
  status?: string;
  creationDate?: string;
  partnerId?: string;
  orderId?: string;
  entitlementId?: string;
}

interface RestUpgradeStatus {
  id?: string;
  status?: string;
  errorDetails?: { code?: string | number };
  lineItems?: Array<{
    sourceProduct?: { id?: string; name?: string };
    targetProduct?: { id?: string; name?: string };
    upgradedDate?: string;
    status?: string;
    errorDetails?: { code?: string | number };
  }>;
}

function toCustomer(c: RestCustomer): Customer {
  return {
    id: normalizeGuid(c.id),
    companyName: c.companyProfile?.companyName ?? '',
    domain: c.companyProfile?.domain ?? '',
    country: (c.billingProfile?.defaultAddress?.country ?? '').toUpperCase(),
    resellerOfRecord: c.associatedPartnerId || null,
    relationship: c.relationshipToPartner?.toLowerCase() === 'none' ? 'None' : 'Reseller',
  };
}

function toAgreement(customerId: string, a: RestAgreement): Agreement {
  return {
    customerId,
    primaryContact: a.primaryContact,
    dateAgreed: a.dateAgreed,
    templateId: a.templateId,
    type: MCA_AGREEMENT_TYPE,
    userId: a.userId ?? '',
    // The API records no separate timestamp; the date agreed is the best ordering key.
    recordedAt: a.dateAgreed,
    agreementLink: a.agreementLink ?? '',
  };
}

const SUBSCRIPTION_STATUSES: readonly SubscriptionStatus[] = [
  'none',
  'active',
  'pending',
  'suspended',
  'deleted',
];

function toSubscription(customerId: string, s: RestSubscription): Subscription {
  const status = (s.status ?? 'none').toLowerCase() as SubscriptionStatus;
  return {
    id: s.id,
    customerId,
    offerId: s.offerId ?? '',
    offerName: s.offerName ?? '',
    friendlyName: s.friendlyName ?? '',
    quantity: s.quantity ?? 1,
    billingCycle: s.billingCycle ?? '',
    status: SUBSCRIPTION_STATUSES.includes(status) ? status : 'none',
    creationDate: s.creationDate ?? '',
    partnerIdOnRecord: s.partnerId || null,
    ...(s.orderId ? { orderId: s.orderId } : {}),
    ...(s.entitlementId ? { azureSubscriptionId: s.entitlementId } : {}),
  };
}

function toUpgradeStatus(value: string | undefined): UpgradeStatusValue {
  switch ((value ?? '').toLowerCase()) {
    case 'completed':
      return 'completed';
    case 'failed':
      return 'failed';
    case 'inprogress':
    case 'in_progress':
      return 'inProgress';
    default:
      return 'pending';
  }
}
