import type { Agreement, AgreementMetadata } from '../../domain/agreements/agreement.js';
import type { Customer } from '../../domain/customers/customer.js';
import type { AzurePlanAvailability } from '../../domain/plans/azurePlanCatalog.js';
import type { Cart, Order } from '../../domain/plans/order.js';
import type { AzureEntitlement, Subscription } from '../../domain/subscriptions/subscription.js';
import type {
  ProductUpgrade,
  UpgradeEligibility,
  UpgradeStatusValue,
} from '../../domain/transition/productUpgrade.js';

/**
 * Domain objects as Partner Center resources (develop/*-resources.md): the JSON the real API sends,
 * with `attributes.objectType` and `links` where the docs show them.
 */

export interface Link {
  uri: string;
  method: string;
  headers: Array<{ key: string; value: string }>;
}

export function link(uri: string, method = 'GET', headers: Link['headers'] = []): Link {
  return { uri, method, headers };
}

export function collection<T>(
  items: T[],
  self: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    totalCount: items.length,
    items,
    links: { self: link(self) },
    attributes: { objectType: 'Collection' },
    ...extra,
  };
}

/** customer-resources.md#customer. The list carries billingProfile.defaultAddress.country too (the bot needs the country). */
export function customerResource(c: Customer): Record<string, unknown> {
  return {
    id: c.id,
    commerceId: c.id,
    companyProfile: {
      tenantId: c.id,
      domain: c.domain,
      companyName: c.companyName,
      attributes: { objectType: 'CustomerCompanyProfile' },
    },
    billingProfile: {
      companyName: c.companyName,
      defaultAddress: { country: c.country },
      attributes: { objectType: 'CustomerBillingProfile' },
    },
    relationshipToPartner: c.relationship === 'Reseller' ? 'reseller' : 'none',
    ...(c.resellerOfRecord ? { associatedPartnerId: c.resellerOfRecord } : {}),
    allowDelegatedAccess: true,
    links: { self: link(`/v1/customers/${c.id}`) },
    attributes: { objectType: 'Customer' },
  };
}

/** agreement-metadata-resources.md. */
export function agreementMetadataResource(m: AgreementMetadata): Record<string, unknown> {
  return {
    templateId: m.templateId,
    agreementType: m.agreementType,
    agreementLink: m.agreementLink,
    versionRank: m.versionRank,
  };
}

/** agreement-resources.md#agreement. */
export function agreementResource(a: Agreement): Record<string, unknown> {
  return {
    userId: a.userId,
    primaryContact: { ...a.primaryContact },
    templateId: a.templateId,
    dateAgreed: a.dateAgreed,
    type: a.type,
    agreementLink: a.agreementLink,
  };
}

/** product-resources.md#availability (the Azure plan's, per country). */
export function availabilityResource(a: AzurePlanAvailability): Record<string, unknown> {
  return {
    id: a.availabilityId,
    productId: a.productId,
    skuId: a.skuId,
    catalogItemId: a.catalogItemId,
    defaultCurrency: { code: 'USD', symbol: '$' },
    segment: 'commercial',
    country: a.country,
    isPurchasable: true,
    isRenewable: false,
    terms: [],
    links: {
      self: link(
        `/products/${a.productId}/skus/${a.skuId}/availabilities/${a.availabilityId}?country=${a.country}`,
      ),
    },
    attributes: { objectType: 'Availability' },
  };
}

/** cart-resources.md#cart. */
export function cartResource(c: Cart): Record<string, unknown> {
  return {
    id: c.id,
    creationTimestamp: c.createdAt,
    lastModifiedTimestamp: c.createdAt,
    expirationTimestamp: new Date(Date.parse(c.createdAt) + 7 * 86_400_000).toISOString(),
    lastModifiedUser: '',
    status: 'Active',
    lineItems: c.lineItems.map((l) => ({
      id: l.id,
      catalogItemId: l.catalogItemId,
      quantity: l.quantity,
      billingCycle: l.billingCycle,
      currencyCode: 'USD',
      participants: l.partnerIdOnRecord ? [{ key: 'transaction_reseller', value: l.partnerIdOnRecord }] : [],
      provisioningContext: {},
      orderGroup: '0',
    })),
    links: { self: link(`/v1/customers/${c.customerId}/carts/${c.id}`) },
    attributes: { objectType: 'Cart' },
  };
}

/** cart-resources.md#cartcheckoutresult. */
export function checkoutResultResource(o: Order): Record<string, unknown> {
  return {
    orders: [
      {
        id: o.id,
        alternateId: o.id,
        referenceCustomerId: o.customerId,
        billingCycle: 'one_time',
        currencyCode: 'USD',
        lineItems: o.lineItems.map((l) => ({
          lineItemNumber: l.lineItemNumber,
          offerId: l.offerId,
          subscriptionId: l.subscriptionId,
          ...(l.partnerIdOnRecord ? { partnerIdOnRecord: l.partnerIdOnRecord } : {}),
          friendlyName: 'Microsoft Azure plan',
          quantity: 1,
          transactionType: 'New',
          links: {},
        })),
        creationDate: o.creationDate,
        status: 'completed',
        transactionType: 'UserPurchase',
        links: { self: link(`/v1/customers/${o.customerId}/orders/${o.id}`) },
        attributes: { objectType: 'Order' },
      },
    ],
    orderErrors: [],
    attributes: { objectType: 'CartCheckoutResult' },
  };
}

/** subscription-resources.md#subscription. */
export function subscriptionResource(s: Subscription): Record<string, unknown> {
  return {
    id: s.id,
    offerId: s.offerId,
    offerName: s.offerName,
    friendlyName: s.friendlyName,
    quantity: s.quantity,
    unitType: s.offerId.toUpperCase().startsWith('MS-AZR') ? 'Usage-based' : 'Licenses',
    creationDate: s.creationDate,
    effectiveStartDate: s.creationDate,
    commitmentEndDate: '9999-12-14T21:00:00Z',
    status: s.status,
    autoRenewEnabled: false,
    billingType: 'usage',
    billingCycle: s.billingCycle,
    ...(s.partnerIdOnRecord ? { partnerId: s.partnerIdOnRecord } : {}),
    ...(s.orderId ? { orderId: s.orderId } : {}),
    ...(s.azureSubscriptionId ? { entitlementId: s.azureSubscriptionId } : {}),
    contractType: 'subscription',
    links: { self: link(`/v1/customers/${s.customerId}/subscriptions/${s.id}`) },
    attributes: { objectType: 'Subscription' },
  };
}

/** subscription-resources.md#azureentitlement. */
export function azureEntitlementResource(e: AzureEntitlement): Record<string, unknown> {
  return { id: e.id, friendlyName: e.friendlyName, status: e.status, subscriptionId: e.subscriptionId };
}

/** product-upgrade-resources.md#productupgradeseligibility. */
export function eligibilityResource(e: UpgradeEligibility): Record<string, unknown> {
  return {
    customerId: e.customerId,
    productFamily: e.productFamily.toLowerCase(),
    isEligible: e.isEligible,
    ...(e.upgradeId ? { upgradeId: e.upgradeId } : {}),
    ...(e.reason ? { reason: e.reason } : {}),
  };
}

const STATUS_WORDS: Record<UpgradeStatusValue, string> = {
  pending: 'Pending',
  inProgress: 'InProgress',
  completed: 'Completed',
  failed: 'Failed',
};

/** product-upgrade-resources.md#productupgradestatus. */
export function upgradeStatusResource(u: ProductUpgrade): Record<string, unknown> {
  return {
    id: u.id,
    status: STATUS_WORDS[u.status],
    productFamily: u.productFamily,
    lineItems: u.lineItems.map((l) => ({
      sourceProduct: { id: l.azureSubscriptionId, name: l.sourceProduct.name },
      targetProduct: { id: l.targetPlanId ?? '', name: l.targetProduct.name },
      ...(l.upgradedDate ? { upgradedDate: l.upgradedDate } : {}),
      status: STATUS_WORDS[l.status],
      ...(l.errorDetails
        ? { errorDetails: { code: l.errorDetails.code, message: 'Cannot process Azure upgrade' } }
        : {}),
    })),
    ...(u.errorDetails
      ? { errorDetails: { code: u.errorDetails.code, message: 'Cannot process Azure upgrade' } }
      : {}),
  };
}

/** ARM `Microsoft.Subscription` view of an Azure subscription (Subscriptions - Get). */
export function armSubscriptionResource(e: AzureEntitlement): Record<string, unknown> {
  return {
    id: `/subscriptions/${e.id}`,
    subscriptionId: e.id,
    displayName: e.friendlyName,
    state: e.status === 'active' ? 'Enabled' : e.status === 'deleted' ? 'Deleted' : 'Disabled',
    subscriptionPolicies: { quotaId: 'CSP_2015-05-01', spendingLimit: 'Off' },
  };
}
