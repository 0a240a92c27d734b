import {
  MCA_AGREEMENT_TYPE,
  type ActingUser,
  type Agreement,
  type AgreementMetadata,
  type AgreementRequest,
} from '../../domain/agreements/agreement.js';
import type { Customer } from '../../domain/customers/customer.js';
import { normalizeGuid } from '../../domain/customers/guid.js';
import { DomainError, isDomainError } from '../../domain/errors.js';
import type { Partner, PartnerUser } from '../../domain/identity/actor.js';
import type { IndirectReseller } from '../../domain/identity/reseller.js';
import type {
  CustomerPage,
  CustomerPageRequest,
  EnhancedAttestationPort,
  PartnerCenter,
  PriceSheetView,
} from '../../domain/partnerCenter/port.js';
import type {
  EnhancedAttestation,
  EnhancedAttestationRequest,
  EnhancedAttestationStatus,
} from '../../domain/agreements/enhancedAttestation.js';
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
import { PartnerCenterHttp, type PartnerCenterHttpOptions, type RequestOptions } from './httpClient.js';
import { OPERATIONS, pathOf, type HttpOperationName } from './operations.js';

/** Partner Center has no API for the partner's own user directory with roles: it comes from configuration. */
export interface RestDirectory {
  partner: Partner;
  users: PartnerUser[];
  indirectResellers: IndirectReseller[];
}

/** Told about every product upgrade the REST backend starts (the upgrade poller watches it). */
export interface UpgradeWatcher {
  watch(customerId: string, upgradeId: string): Promise<void>;
}

export interface RestPartnerCenterOptions extends PartnerCenterHttpOptions {
  /**
   * The partner's Microsoft Partner Agreement billing account (ARM `billingAccountName`) under which
   * Azure subscriptions of customers' Azure plans are created. Without it createAzureSubscription
   * throws DomainError('not_configured', {setting: 'billingAccountName'}).
   */
  billingAccountName?: string;
  /** Gets each upgrade id createUpgrade returns. */
  upgradeWatcher?: UpgradeWatcher;
  /** Page size for the full listings (default 500, Partner Center's maximum). */
  pageSize?: number;
  /** How often / how long createAzureSubscription polls an alias answered with 202 (defaults 30 × ≥2 s). */
  aliasPolls?: { maxPolls?: number; intervalMs?: number };
}

interface Items<T> {
  items?: T[];
  totalCount?: number;
  links?: { next?: RestLink };
}

interface RestLink {
  uri?: string;
  method?: string;
  headers?: { key: string; value: string }[];
}

interface RestAlias {
  name?: string;
  properties?: { subscriptionId?: string; provisioningState?: string };
}

const DEFAULT_PAGE_SIZE = 500;

/**
 * The PartnerCenter port over the real REST API (https://api.partnercenter.microsoft.com/v1) and,
 * for the Azure subscriptions under a plan, Azure Resource Manager (Microsoft.Subscription).
 * Every HTTP call is described in operations.ts (method, path, AuthKind, documentation) and goes
 * through PartnerCenterHttp (headers, timeouts, retries, 401 handling, error codes).
 */
export class RestPartnerCenter implements PartnerCenter, EnhancedAttestationPort {
  private readonly http: PartnerCenterHttp;
  private readonly pageSize: number;

  constructor(
    private readonly options: RestPartnerCenterOptions,
    private readonly directory: RestDirectory,
  ) {
    this.http = new PartnerCenterHttp(options);
    this.pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  }

  /** From configuration (no API call). */
  async getPartner(): Promise<Partner> {
    return { ...this.directory.partner };
  }

  /** From configuration (no API call). */
  async findUser(tenantId: string, aadObjectId: string): Promise<PartnerUser | undefined> {
    if (tenantId.toLowerCase() !== this.directory.partner.tenantId.toLowerCase()) return undefined;
    return this.directory.users.find((u) => u.aadObjectId.toLowerCase() === aadObjectId.toLowerCase());
  }

  /** From configuration (no API call). */
  async listIndirectResellers(): Promise<IndirectReseller[]> {
    return [...this.directory.indirectResellers];
  }

  /**
   * App-only. `GET /v1/customers?size=500`, then every next page (links.next, MS-ContinuationToken).
   * https://learn.microsoft.com/partner-center/developer/get-a-list-of-customers
   */
  async listCustomers(): Promise<Customer[]> {
    const items = await this.collect<RestCustomer>('listCustomers', { size: this.pageSize });
    return items.map(toCustomer);
  }

  /**
   * App-only. One page: `GET /v1/customers?size={size}` (+ MS-ContinuationToken for the next).
   * https://learn.microsoft.com/partner-center/developer/get-a-list-of-customers
   */
  async listCustomersPage(request: CustomerPageRequest): Promise<CustomerPage> {
    const { body } = await this.call<Items<RestCustomer>>(
      'listCustomersPage',
      { size: request.size },
      request.continuationToken ? { headers: { 'MS-ContinuationToken': request.continuationToken } } : {},
    );
    const items = (body?.items ?? []).map(toCustomer);
    const token = continuationTokenOf(body?.links?.next);
    return {
      items,
      totalCount: body?.totalCount ?? items.length,
      ...(token ? { continuationToken: token } : {}),
    };
  }

  /**
   * App-only. `POST /v1/attestations/enhanced` with the customer and the signatory; the answer's
   * acceptanceUrl is where the signatory accepts.
   * https://learn.microsoft.com/partner-center/customers/integrate-sandbox-confirm-customer-accept
   */
  async createEnhancedAttestation(
    customerId: string,
    request: EnhancedAttestationRequest,
  ): Promise<EnhancedAttestation> {
    const { body } = await this.call<RestAttestation>(
      'createEnhancedAttestation',
      {},
      { body: { customerId, ...request } },
    );
    return toAttestation(body, customerId);
  }

  /**
   * App-only. `GET /v1/attestations/enhanced/{attestationId}` (path shape inferred).
   * https://learn.microsoft.com/partner-center/customers/integrate-sandbox-confirm-customer-accept
   */
  async getEnhancedAttestation(attestationId: string): Promise<EnhancedAttestation> {
    const { body } = await this.call<RestAttestation>('getEnhancedAttestation', { attestationId });
    return toAttestation(body);
  }

  /**
   * App-only. `GET /v1/customers/{customerId}/attestations/enhanced`, newest first (shape inferred).
   * https://learn.microsoft.com/partner-center/customers/integrate-sandbox-confirm-customer-accept
   */
  async listEnhancedAttestations(customerId: string): Promise<EnhancedAttestation[]> {
    const items = await this.collect<RestAttestation>('listEnhancedAttestations', { customerId });
    return items.map((a) => toAttestation(a, customerId));
  }

  /**
   * App-only. `POST /v1/customers/{customerId}/attestations/enhanced/{attestationId}/agreement`
   * (path shape inferred): the MCA agreement from an accepted attestation.
   * https://learn.microsoft.com/partner-center/customers/integrate-sandbox-confirm-customer-accept
   */
  async createAgreementFromAttestation(customerId: string, attestationId: string): Promise<Agreement> {
    const { body } = await this.call<RestAgreement & { attestationId?: string; recordedDateTime?: string }>(
      'createAgreementFromAttestation',
      { customerId, attestationId },
    );
    return {
      ...toAgreement(customerId, body),
      ...(body?.recordedDateTime ? { recordedAt: body.recordedDateTime } : {}),
      attestationId: body?.attestationId ?? attestationId,
    };
  }

  /**
   * App+User. The partner's price sheet, streamed:
   * `GET https://api.partner.microsoft.com/v1.0/sales/pricesheets(Market='{market}',PricesheetView='{view}')/$value`.
   * https://learn.microsoft.com/partner-center/developer/get-a-price-sheet
   */
  async downloadPriceSheet(market: string, view: PriceSheetView): Promise<AsyncIterable<Uint8Array>> {
    if (!/^[A-Za-z]{2}$/.test(market)) throw new DomainError('validation', { fields: ['market'] });
    const spec = OPERATIONS.downloadPriceSheet;
    try {
      const { stream } = await this.http.requestStream(
        spec,
        pathOf(spec, { market: market.toUpperCase(), view }),
      );
      return stream;
    } catch (error) {
      if (isDomainError(error) && error.code === 'not_found')
        throw new DomainError('not_found', { ...error.params, market: market.toUpperCase(), view });
      throw error;
    }
  }

  /** App-only. https://learn.microsoft.com/partner-center/developer/get-a-customer-by-id */
  async getCustomer(customerId: string): Promise<Customer> {
    return toCustomer((await this.call<RestCustomer>('getCustomer', { customerId })).body);
  }

  /** App+User. https://learn.microsoft.com/partner-center/developer/get-agreement-metadata */
  async getMcaMetadata(): Promise<AgreementMetadata[]> {
    const items = await this.collect<AgreementMetadata>('getMcaMetadata', {});
    return items.filter((m) => m.agreementType === MCA_AGREEMENT_TYPE);
  }

  /** App+User. https://learn.microsoft.com/partner-center/developer/get-confirmation-of-customer-agreement */
  async listMcaAgreements(customerId: string): Promise<Agreement[]> {
    // Rule 5: always name the type, the default is the Cloud Agreement.
    const items = await this.collect<RestAgreement>('listMcaAgreements', { customerId });
    return items.map((a) => toAgreement(customerId, a));
  }

  /** App+User. https://learn.microsoft.com/partner-center/developer/get-direct-sign-status-of-customer-agreement */
  async getDirectSignStatus(customerId: string): Promise<{ isSigned: boolean }> {
    const { body } = await this.call<{ isSigned?: boolean }>('getDirectSignStatus', { customerId });
    return { isSigned: body?.isSigned === true };
  }

  /** App+User. https://learn.microsoft.com/partner-center/developer/confirm-customer-consent-customer-agreement */
  async createAgreement(
    customerId: string,
    request: AgreementRequest,
    actingUser: ActingUser,
  ): Promise<Agreement> {
    const { body } = await this.call<RestAgreement>('createAgreement', { customerId }, { body: request });
    return { ...toAgreement(customerId, body), userDisplayName: actingUser.displayName };
  }

  /** App-only. https://learn.microsoft.com/partner-center/developer/get-a-list-of-availabilities-for-a-sku-by-customer */
  async getAzurePlanAvailability(customerId: string): Promise<AzurePlanAvailability | undefined> {
    const { body } = await this.call<Items<{ id: string; catalogItemId: string; country?: string }>>(
      'getAzurePlanAvailability',
      { customerId, productId: AZURE_PLAN_PRODUCT_ID, skuId: AZURE_PLAN_SKU_ID },
    );
    const [first] = body?.items ?? [];
    if (!first) return undefined;
    return {
      productId: AZURE_PLAN_PRODUCT_ID,
      skuId: AZURE_PLAN_SKU_ID,
      availabilityId: first.id,
      catalogItemId: first.catalogItemId,
      country: (first.country ?? '').toUpperCase(),
    };
  }

  /** App+User. https://learn.microsoft.com/partner-center/developer/create-a-cart */
  async createCart(customerId: string, lineItem: CartLineItemRequest): Promise<Cart> {
    const line: Record<string, unknown> = {
      id: 0,
      catalogItemId: lineItem.catalogItemId,
      quantity: lineItem.quantity,
      billingCycle: lineItem.billingCycle,
    };
    if (lineItem.partnerIdOnRecord)
      line.participants = [{ key: 'transaction_reseller', value: lineItem.partnerIdOnRecord }];
    const { body } = await this.call<{ id: string; creationTimestamp?: string }>(
      'createCart',
      { customerId },
      { body: { lineItems: [line] } },
    );
    return {
      id: body.id,
      customerId,
      lineItems: [{ ...lineItem, id: 0 }],
      createdAt: body.creationTimestamp ?? '',
    };
  }

  /** App+User. https://learn.microsoft.com/partner-center/developer/checkout-a-cart */
  async checkoutCart(customerId: string, cartId: string): Promise<Order> {
    const { body } = await this.call<{
      orders?: RestOrder[];
      orderErrors?: Array<{ errorCode?: number | string }>;
    }>('checkoutCart', { customerId, cartId });
    const [order] = body?.orders ?? [];
    if (!order) throw new DomainError(String(body?.orderErrors?.[0]?.errorCode ?? 'backend_error'));
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

  /** App-only. https://learn.microsoft.com/partner-center/developer/get-all-of-a-customer-s-subscriptions */
  async listSubscriptions(customerId: string): Promise<Subscription[]> {
    const items = await this.collect<RestSubscription>('listSubscriptions', { customerId });
    return items.map((s) => toSubscription(customerId, s));
  }

  /** App-only. https://learn.microsoft.com/partner-center/developer/get-a-list-of-azure-entitlements-for-subscription */
  async listAzureEntitlements(customerId: string, planId: string): Promise<AzureEntitlement[]> {
    const items = await this.collect<{
      id: string;
      friendlyName?: string;
      status?: string;
      subscriptionId?: string;
    }>('listAzureEntitlements', { customerId, planId });
    return items.map((e) => ({
      id: e.id,
      friendlyName: e.friendlyName ?? '',
      status: toEntitlementStatus(e.status),
      subscriptionId: e.subscriptionId ?? planId,
      createdAt: '',
    }));
  }

  /**
   * App+User, Azure Resource Manager: `PUT /providers/Microsoft.Subscription/aliases/{alias}`
   * with the billing scope of the customer under the partner's MPA billing account; the alias name is
   * the action's request id, so a repeated PUT creates one subscription. 202 → the alias is polled.
   * https://learn.microsoft.com/rest/api/subscription/alias/create,
   * https://learn.microsoft.com/azure/cost-management-billing/manage/programmatically-create-subscription-microsoft-partner-agreement
   */
  async createAzureSubscription(
    customerId: string,
    planId: string,
    displayName: string,
  ): Promise<AzureEntitlement> {
    const billingAccountName = this.options.billingAccountName;
    if (!billingAccountName) throw new DomainError('not_configured', { setting: 'billingAccountName' });
    const plan = (
      await this.call<RestSubscription>('getSubscription', { customerId, subscriptionId: planId })
    ).body;
    const context = this.http.context();
    const aliasName = context.requestId ?? this.http.id();
    const properties: Record<string, unknown> = {
      displayName,
      workload: 'Production',
      billingScope: `/providers/Microsoft.Billing/billingAccounts/${billingAccountName}/customers/${customerId}`,
    };
    if (plan?.partnerId) properties.resellerId = plan.partnerId;
    let result = await this.call<RestAlias>(
      'createAzureSubscription',
      { aliasName },
      { body: { properties } },
    );
    const maxPolls = this.options.aliasPolls?.maxPolls ?? 30;
    const intervalMs = this.options.aliasPolls?.intervalMs ?? 2_000;
    for (let poll = 0; ; poll += 1) {
      if (aliasFailed(result.body)) throw new DomainError('azure_subscription_failed', { aliasName });
      if (result.status !== 202 && aliasDone(result.body)) break;
      if (poll >= maxPolls)
        throw new DomainError('partner_center_unavailable', {
          reason: 'timeout',
          operation: 'createAzureSubscription',
        });
      await (this.options.sleep ?? defaultSleep)(Math.max(intervalMs, result.retryAfterMs ?? 0));
      result = await this.call<RestAlias>('getAzureSubscriptionAlias', { aliasName });
    }
    const subscriptionId = result.body?.properties?.subscriptionId;
    if (!subscriptionId) throw new DomainError('backend_error', { reason: 'missingSubscriptionId' });
    return {
      id: subscriptionId.toLowerCase(),
      friendlyName: displayName,
      status: 'active',
      subscriptionId: planId,
      createdAt: '',
    };
  }

  /**
   * App+User, Azure Resource Manager: `POST /subscriptions/{id}/providers/Microsoft.Subscription/rename`.
   * https://learn.microsoft.com/rest/api/subscription/subscription/rename
   */
  async renameAzureSubscription(
    _customerId: string,
    azureSubscriptionId: string,
    displayName: string,
  ): Promise<AzureEntitlement> {
    await this.call(
      'renameAzureSubscription',
      { azureSubscriptionId },
      { body: { subscriptionName: displayName } },
    );
    return armEntitlement(azureSubscriptionId, 'active', displayName);
  }

  /**
   * App+User, Azure Resource Manager: `POST /subscriptions/{id}/providers/Microsoft.Subscription/cancel`.
   * https://learn.microsoft.com/rest/api/subscription/subscription/cancel
   */
  async suspendAzureSubscription(
    _customerId: string,
    azureSubscriptionId: string,
  ): Promise<AzureEntitlement> {
    await this.call('suspendAzureSubscription', { azureSubscriptionId });
    return armEntitlement(azureSubscriptionId, 'suspended');
  }

  /**
   * App+User, Azure Resource Manager: `POST /subscriptions/{id}/providers/Microsoft.Subscription/enable`.
   * https://learn.microsoft.com/rest/api/subscription/subscription/enable
   */
  async reactivateAzureSubscription(
    _customerId: string,
    azureSubscriptionId: string,
  ): Promise<AzureEntitlement> {
    await this.call('reactivateAzureSubscription', { azureSubscriptionId });
    return armEntitlement(azureSubscriptionId, 'active');
  }

  /** App+User. GET then PATCH status "suspended". https://learn.microsoft.com/partner-center/developer/suspend-a-subscription */
  async suspendPlan(customerId: string, planId: string): Promise<Subscription> {
    return this.patchPlanStatus('suspendPlan', customerId, planId, 'suspended');
  }

  /** App+User. GET then PATCH status "active". https://learn.microsoft.com/partner-center/developer/reactivate-a-suspended-a-subscription */
  async reactivatePlan(customerId: string, planId: string): Promise<Subscription> {
    return this.patchPlanStatus('reactivatePlan', customerId, planId, 'active');
  }

  /** App+User. https://learn.microsoft.com/partner-center/developer/get-eligibility-for-product-upgrade */
  async getUpgradeEligibility(customerId: string): Promise<UpgradeEligibility> {
    const { body } = await this.call<{ isEligible?: boolean; upgradeId?: string; reason?: string }>(
      'getUpgradeEligibility',
      {},
      { body: { customerId, productFamily: 'azure' } },
    );
    return {
      customerId,
      productFamily: AZURE_PRODUCT_FAMILY,
      isEligible: body?.isEligible === true,
      ...(body?.upgradeId ? { upgradeId: body.upgradeId } : {}),
      ...(body?.reason ? { reason: body.reason } : {}),
    };
  }

  /**
   * App+User. 202 Accepted with `Location: productUpgrades/{upgradeId}`; the upgrade watcher (the
   * REST backend's poller) is told about it.
   * https://learn.microsoft.com/partner-center/developer/create-product-upgrade-entity
   */
  async createUpgrade(customerId: string): Promise<{ upgradeId: string }> {
    const { location } = await this.call<unknown>(
      'createUpgrade',
      {},
      { body: { customerId, productFamily: AZURE_PRODUCT_FAMILY } },
    );
    const upgradeId = location?.split('?')[0].split('/').filter(Boolean).at(-1);
    if (!upgradeId) throw new DomainError('backend_error', { reason: 'missingLocation' });
    await this.options.upgradeWatcher?.watch(customerId, upgradeId);
    return { upgradeId };
  }

  /** App+User. https://learn.microsoft.com/partner-center/developer/get-product-upgrade-status */
  async getUpgradeStatus(customerId: string, upgradeId: string): Promise<ProductUpgrade> {
    const { body } = await this.call<RestUpgradeStatus>(
      'getUpgradeStatus',
      { upgradeId },
      { body: { customerId, productFamily: AZURE_PRODUCT_FAMILY } },
    );
    return {
      id: body?.id ?? upgradeId,
      customerId,
      productFamily: AZURE_PRODUCT_FAMILY,
      status: toUpgradeStatus(body?.status),
      createdAt: '',
      // The status has no completion time: the last line's upgradedDate stands for it.
      completedAt:
        toUpgradeStatus(body?.status) === 'completed'
          ? ((body?.lineItems ?? [])
              .map((line) => line.upgradedDate ?? '')
              .filter((d) => d !== '')
              .sort()
              .pop() ?? null)
          : null,
      errorDetails: body?.errorDetails?.code ? { code: String(body.errorDetails.code) } : null,
      lineItems: (body?.lineItems ?? []).map((line) => ({
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
    operation: 'suspendPlan' | 'reactivatePlan',
    customerId: string,
    planId: string,
    status: 'active' | 'suspended',
  ): Promise<Subscription> {
    const { body: current } = await this.call<RestSubscription>('getSubscription', {
      customerId,
      subscriptionId: planId,
    });
    const { body } = await this.call<RestSubscription>(
      operation,
      { customerId, planId },
      { body: { ...current, status } },
    );
    return toSubscription(customerId, body);
  }

  private call<T>(
    name: HttpOperationName,
    params: Record<string, string | number>,
    request: RequestOptions = {},
  ) {
    const spec = OPERATIONS[name];
    return this.http.request<T>(spec, pathOf(spec, params), request);
  }

  /** Every item of a collection: the first page, then links.next (with its MS-ContinuationToken) until none. */
  private async collect<T>(name: HttpOperationName, params: Record<string, string | number>): Promise<T[]> {
    const correlationId = this.http.context().correlationId ?? this.http.id();
    const spec = OPERATIONS[name];
    const items: T[] = [];
    let page = (await this.http.request<Items<T>>(spec, pathOf(spec, params), { correlationId })).body;
    for (let pages = 1; ; pages += 1) {
      items.push(...(page?.items ?? []));
      const next = page?.links?.next;
      if (!next || (!next.uri && !continuationTokenOf(next))) return items;
      if (pages >= 10_000) throw new DomainError('backend_error', { reason: 'tooManyPages' });
      const headers = Object.fromEntries((next.headers ?? []).map((h) => [h.key, h.value]));
      page = (
        await this.http.request<Items<T>>(spec, pathOf(spec, params), {
          correlationId,
          headers,
          ...(next.uri ? { absoluteUrl: this.http.resolveLink(spec.base, next.uri) } : {}),
        })
      ).body;
    }
  }
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function continuationTokenOf(next: RestLink | undefined): string | undefined {
  return next?.headers?.find((h) => h.key.toLowerCase() === 'ms-continuationtoken')?.value;
}

function aliasDone(alias: RestAlias | undefined): boolean {
  const state = (alias?.properties?.provisioningState ?? '').toLowerCase();
  return (
    state === 'succeeded' ||
    state === 'failed' ||
    state === 'canceled' ||
    (state === '' && !!alias?.properties?.subscriptionId)
  );
}

function aliasFailed(alias: RestAlias | undefined): boolean {
  const state = (alias?.properties?.provisioningState ?? '').toLowerCase();
  return state === 'failed' || state === 'canceled';
}

/** What an ARM subscription operation tells: the id (and the new name); the plan is not in the answer. */
function armEntitlement(id: string, status: AzureEntitlement['status'], friendlyName = ''): AzureEntitlement {
  return { id: id.toLowerCase(), friendlyName, status, subscriptionId: '', createdAt: '' };
}

function toEntitlementStatus(status: string | undefined): AzureEntitlement['status'] {
  const value = (status ?? '').toLowerCase();
  return value === 'active' ? 'active' : value === 'deleted' ? 'deleted' : 'suspended';
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

interface RestAttestation {
  id?: string;
  attestationId?: string;
  customerId?: string;
  status?: string;
  country?: string;
  language?: string;
  companyName?: string;
  signatoryFirstName?: string;
  signatoryLastName?: string;
  signatoryEmail?: string;
  signatoryPhoneNumber?: string;
  createdDateTime?: string;
  expirationDateTime?: string;
  acceptedDateTime?: string;
  acceptanceUrl?: string;
  linkParameters?: Record<string, string>;
}

/** Whatever status text the API sends, onto the four the bot knows (docs/mca-attestation.md). */
function toAttestationStatus(value: string | undefined): EnhancedAttestationStatus {
  switch ((value ?? '').replace(/[\s_-]/g, '').toLowerCase()) {
    case 'accepted':
      return 'accepted';
    case 'expired':
      return 'expired';
    case 'agreementcreated':
    case 'completed':
    case 'finalized':
      return 'agreementCreated';
    default:
      return 'pending';
  }
}

function toAttestation(a: RestAttestation, customerId?: string): EnhancedAttestation {
  const attestationId = (a?.id ?? a?.attestationId ?? '').toLowerCase();
  const request: EnhancedAttestationRequest = {
    country: (a?.country ?? '').toUpperCase(),
    language: a?.language ?? '',
    companyName: a?.companyName ?? '',
    signatoryFirstName: a?.signatoryFirstName ?? '',
    signatoryLastName: a?.signatoryLastName ?? '',
    signatoryEmail: a?.signatoryEmail ?? '',
    ...(a?.signatoryPhoneNumber ? { signatoryPhoneNumber: a.signatoryPhoneNumber } : {}),
  };
  return {
    attestationId,
    customerId: normalizeGuid(a?.customerId ?? customerId ?? ''),
    status: toAttestationStatus(a?.status),
    request,
    createdAt: a?.createdDateTime ?? '',
    ...(a?.expirationDateTime ? { expiresAt: a.expirationDateTime } : {}),
    ...(a?.acceptedDateTime ? { acceptedAt: a.acceptedDateTime } : {}),
    ...(a?.acceptanceUrl ? { acceptanceUrl: a.acceptanceUrl } : {}),
    linkParameters: a?.linkParameters ?? {
      attestationId,
      language: request.language,
      country: request.country,
    },
  };
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
