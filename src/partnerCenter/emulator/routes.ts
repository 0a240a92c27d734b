import type { IncomingHttpHeaders } from 'node:http';
import { MCA_AGREEMENT_TYPE, type AgreementRequest } from '../../domain/agreements/agreement.js';
import { DomainError } from '../../domain/errors.js';
import { AZURE_PLAN_PRODUCT_ID, AZURE_PLAN_SKU_ID } from '../../domain/plans/azurePlanCatalog.js';
import type { CartLineItemRequest } from '../../domain/plans/order.js';
import { isAzurePlan } from '../../domain/subscriptions/subscription.js';
import type { SandboxAttestations } from '../sandbox/sandboxAttestations.js';
import type { SandboxPartnerCenter } from '../sandbox/sandboxPartnerCenter.js';
import type { SandboxStore } from '../sandbox/sandboxStore.js';
import type { Principal, RouteAuth } from './auth.js';
import { armError, notFound, partnerCenterError, type EmulatorResponse } from './errors.js';
import { ATTESTATION_ROUTES } from './attestationRoutes.js';
import { PRICE_SHEET_ROUTES } from './priceSheetRoutes.js';
import { aliasResource, type SubscriptionAliases } from './subscriptionAliases.js';
import {
  agreementMetadataResource,
  agreementResource,
  armSubscriptionResource,
  availabilityResource,
  azureEntitlementResource,
  cartResource,
  checkoutResultResource,
  collection,
  customerResource,
  eligibilityResource,
  link,
  subscriptionResource,
  upgradeStatusResource,
} from './representations.js';

export type Api = 'partnerCenter' | 'arm' | 'partnerApi';

export interface RouteContext {
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: unknown;
  principal: Principal;
  partnerCenter: SandboxPartnerCenter;
  store: SandboxStore;
  /** The enhanced attestation API of the sandbox (and its acceptance component). */
  attestations: SandboxAttestations;
  /** ARM subscription aliases of this emulator. */
  aliases: SubscriptionAliases;
  /** The MPA billing account name the emulator answers for (billingScope of an alias). */
  billingAccountName: string;
  /** `http://127.0.0.1:<port>` of this emulator (links it hands out point here). */
  baseUrl: string;
  /** A new alias is answered 202 Accepted (then Succeeded on GET), as ARM may do. */
  aliasesAnswerAccepted: boolean;
}

export interface Route {
  operation: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT';
  /** Path below the emulator origin; `{name}` segments are parameters; literals match case-insensitively. */
  pattern: string;
  api: Api;
  auth: RouteAuth;
  /** Changes state: MS-RequestId idempotency applies. */
  effect: boolean;
  docUrl: string;
  handle(ctx: RouteContext): Promise<EmulatorResponse>;
}

const PC_DOCS = 'https://learn.microsoft.com/partner-center/developer/';
const ARM_DOCS = 'https://learn.microsoft.com/rest/api/subscription/';
const ARM_BASE = '/arm';

function ok(body: unknown, status = 200, headers: Record<string, string> = {}): EmulatorResponse {
  return { status, headers, body };
}

function guid(value: string): string {
  return value.trim().replace(/^\{/, '').replace(/\}$/, '').toLowerCase();
}

function objectBody(body: unknown): Record<string, unknown> {
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function badRequest(description: string, parameters: Record<string, string> = {}): EmulatorResponse {
  return partnerCenterError(400, 3000, `Invalid property: ${description}`, parameters);
}

/** The customer of an Azure subscription (ARM paths carry only the subscription id). */
function customerOfAzureSubscription(store: SandboxStore, azureSubscriptionId: string): string {
  const id = guid(azureSubscriptionId);
  const customerId = store.read((data) => data.entitlements.find((e) => e.id === id)?.customerId);
  if (!customerId) throw new DomainError('not_found', { kind: 'azureSubscription', id });
  return customerId;
}

async function azureEntitlement(ctx: RouteContext, azureSubscriptionId: string) {
  const id = guid(azureSubscriptionId);
  const found = ctx.store.read((data) => data.entitlements.find((e) => e.id === id));
  if (!found) throw new DomainError('not_found', { kind: 'azureSubscription', id });
  const { customerId: _c, ...entitlement } = found;
  return structuredClone(entitlement);
}

/** How the emulator names the subscription-creation operation it answers 202 for. */
function operationUri(operationId: string): string {
  return `${ARM_BASE}/providers/Microsoft.Subscription/subscriptionOperations/${operationId}?api-version=2020-01-01`;
}

/** Every operation the bot uses. Order matters only where two patterns could match the same path. */
export const ROUTES: readonly Route[] = [
  {
    operation: 'get-a-list-of-customers',
    method: 'GET',
    pattern: '/v1/customers',
    api: 'partnerCenter',
    auth: 'app-or-user',
    effect: false,
    docUrl: `${PC_DOCS}get-a-list-of-customers`,
    async handle(ctx) {
      const header = ctx.headers['ms-continuationtoken'];
      const continued = readContinuationToken(Array.isArray(header) ? header[0] : header);
      if (continued === null) return badRequest('MS-ContinuationToken');
      const sizeText = ctx.query.get('size');
      // The next page keeps the page size of the first one (it travels inside the token).
      // get-a-list-of-customers: `size` is required on the first page.
      if (sizeText === null && !continued) return badRequest('size is required', { size: '' });
      const size = sizeText === null ? (continued?.size ?? 500) : Number.parseInt(sizeText, 10);
      if (!Number.isInteger(size) || size < 1) return badRequest('size', { size: sizeText ?? '' });
      const page = await ctx.partnerCenter.listCustomersPage({
        size,
        ...(continued ? { continuationToken: continued.token } : {}),
      });
      const links: Record<string, unknown> = { self: link(`/v1/customers?size=${size}`) };
      if (page.continuationToken)
        links.next = link(`/v1/customers?size=${size}&seekOperation=Next`, 'GET', [
          { key: 'MS-ContinuationToken', value: writeContinuationToken(page.continuationToken, size) },
        ]);
      return ok({
        totalCount: page.totalCount,
        items: page.items.map(customerResource),
        links,
        attributes: { objectType: 'Collection' },
      });
    },
  },
  {
    operation: 'get-a-customer-by-id',
    method: 'GET',
    pattern: '/v1/customers/{customerId}',
    api: 'partnerCenter',
    auth: 'app-or-user',
    effect: false,
    docUrl: `${PC_DOCS}get-a-customer-by-id`,
    async handle(ctx) {
      return ok(customerResource(await ctx.partnerCenter.getCustomer(guid(ctx.params.customerId))));
    },
  },
  {
    operation: 'get-customer-agreement-metadata',
    method: 'GET',
    pattern: '/v1/agreements',
    api: 'partnerCenter',
    auth: 'user',
    effect: false,
    docUrl: `${PC_DOCS}get-customer-agreement-metadata`,
    async handle(ctx) {
      const type = ctx.query.get('agreementType') ?? 'MicrosoftCloudAgreement';
      const items = (await ctx.partnerCenter.getMcaMetadata())
        .filter((m) => type.toLowerCase() === 'all' || m.agreementType.toLowerCase() === type.toLowerCase())
        .map(agreementMetadataResource);
      return ok(collection(items, `/agreements?agreementType=${type}`));
    },
  },
  {
    operation: 'get-confirmation-of-customer-agreement',
    method: 'GET',
    pattern: '/v1/customers/{customerId}/agreements',
    api: 'partnerCenter',
    auth: 'user',
    effect: false,
    docUrl: `${PC_DOCS}get-confirmation-of-customer-agreement`,
    async handle(ctx) {
      const customerId = guid(ctx.params.customerId);
      const type = ctx.query.get('agreementType');
      const agreements = await ctx.partnerCenter.listMcaAgreements(customerId);
      // Without agreementType the API lists Cloud Agreements; the store holds MCA ones only.
      const items = type && type.toLowerCase() === MCA_AGREEMENT_TYPE.toLowerCase() ? agreements : [];
      return ok(collection(items.map(agreementResource), `/customers/${customerId}/agreements`));
    },
  },
  {
    operation: 'get-direct-sign-status-of-customer-agreement',
    method: 'GET',
    pattern: '/v1/customers/{customerId}/directSignedMicrosoftCustomerAgreementStatus',
    api: 'partnerCenter',
    auth: 'user',
    effect: false,
    docUrl: `${PC_DOCS}get-direct-sign-status-of-customer-agreement`,
    async handle(ctx) {
      return ok(await ctx.partnerCenter.getDirectSignStatus(guid(ctx.params.customerId)));
    },
  },
  {
    operation: 'confirm-customer-consent-customer-agreement',
    method: 'POST',
    pattern: '/v1/customers/{customerId}/agreements',
    api: 'partnerCenter',
    auth: 'user',
    effect: true,
    docUrl: `${PC_DOCS}confirm-customer-consent-customer-agreement`,
    async handle(ctx) {
      const customerId = guid(ctx.params.customerId);
      const body = objectBody(ctx.body);
      const contact = objectBody(body.primaryContact);
      const request: AgreementRequest = {
        primaryContact: {
          firstName: str(contact.firstName),
          lastName: str(contact.lastName),
          email: str(contact.email),
          ...(str(contact.phoneNumber) ? { phoneNumber: str(contact.phoneNumber) } : {}),
        },
        dateAgreed: str(body.dateAgreed),
        templateId: str(body.templateId),
        type: str(body.type) as typeof MCA_AGREEMENT_TYPE,
      };
      const partner = await ctx.partnerCenter.getPartner();
      const user = await ctx.partnerCenter.findUser(partner.tenantId, ctx.principal.objectId);
      const agreement = await ctx.partnerCenter.createAgreement(customerId, request, {
        userId: ctx.principal.objectId,
        displayName: user?.displayName ?? ctx.principal.name ?? ctx.principal.upn ?? ctx.principal.objectId,
      });
      return ok(agreementResource(agreement), 201);
    },
  },
  {
    operation: 'get-a-list-of-availabilities-for-a-sku-by-customer',
    method: 'GET',
    pattern: '/v1/customers/{customerId}/products/{productId}/skus/{skuId}/availabilities',
    api: 'partnerCenter',
    auth: 'app-or-user',
    effect: false,
    docUrl: `${PC_DOCS}get-a-list-of-availabilities-for-a-sku-by-customer`,
    async handle(ctx) {
      const customerId = guid(ctx.params.customerId);
      const { productId, skuId } = ctx.params;
      const self = `/customers/${customerId}/products/${productId}/skus/${skuId}/availabilities`;
      const availability = await ctx.partnerCenter.getAzurePlanAvailability(customerId);
      const isPlan =
        productId.toUpperCase() === AZURE_PLAN_PRODUCT_ID && skuId.toUpperCase() === AZURE_PLAN_SKU_ID;
      return ok(collection(availability && isPlan ? [availabilityResource(availability)] : [], self));
    },
  },
  {
    operation: 'create-a-cart',
    method: 'POST',
    pattern: '/v1/customers/{customerId}/carts',
    api: 'partnerCenter',
    auth: 'app-or-user',
    effect: true,
    docUrl: `${PC_DOCS}create-a-cart`,
    async handle(ctx) {
      const customerId = guid(ctx.params.customerId);
      const lines = objectBody(ctx.body).lineItems;
      if (!Array.isArray(lines) || lines.length !== 1)
        return badRequest('lineItems', {
          lineItems: Array.isArray(lines) ? String(lines.length) : 'missing',
        });
      const line = objectBody(lines[0]);
      const participants = Array.isArray(line.participants) ? line.participants.map(objectBody) : [];
      const reseller = participants.find((p) => str(p.key).toLowerCase() === 'transaction_reseller');
      const request: CartLineItemRequest = {
        catalogItemId: str(line.catalogItemId),
        quantity: typeof line.quantity === 'number' ? line.quantity : Number(line.quantity),
        billingCycle: str(line.billingCycle),
        ...(reseller ? { partnerIdOnRecord: str(reseller.value) } : {}),
      };
      return ok(cartResource(await ctx.partnerCenter.createCart(customerId, request)), 201);
    },
  },
  {
    operation: 'checkout-a-cart',
    method: 'POST',
    pattern: '/v1/customers/{customerId}/carts/{cartId}/checkout',
    api: 'partnerCenter',
    auth: 'app-or-user',
    effect: true,
    docUrl: `${PC_DOCS}checkout-a-cart`,
    async handle(ctx) {
      const order = await ctx.partnerCenter.checkoutCart(guid(ctx.params.customerId), ctx.params.cartId);
      return ok(checkoutResultResource(order), 201);
    },
  },
  {
    operation: 'get-all-of-a-customer-s-subscriptions',
    method: 'GET',
    pattern: '/v1/customers/{customerId}/subscriptions',
    api: 'partnerCenter',
    auth: 'app-or-user',
    effect: false,
    docUrl: `${PC_DOCS}get-all-of-a-customer-s-subscriptions`,
    async handle(ctx) {
      const customerId = guid(ctx.params.customerId);
      const items = (await ctx.partnerCenter.listSubscriptions(customerId)).map(subscriptionResource);
      return ok(collection(items, `/customers/${customerId}/subscriptions`));
    },
  },
  {
    operation: 'get-a-subscription-by-id',
    method: 'GET',
    pattern: '/v1/customers/{customerId}/subscriptions/{subscriptionId}',
    api: 'partnerCenter',
    auth: 'app-or-user',
    effect: false,
    docUrl: `${PC_DOCS}get-a-subscription-by-id`,
    async handle(ctx) {
      const customerId = guid(ctx.params.customerId);
      const id = guid(ctx.params.subscriptionId);
      const found = (await ctx.partnerCenter.listSubscriptions(customerId)).find(
        (s) => s.id.toLowerCase() === id,
      );
      return found ? ok(subscriptionResource(found)) : notFound('subscription', id);
    },
  },
  {
    operation: 'suspend-a-subscription',
    method: 'PATCH',
    pattern: '/v1/customers/{customerId}/subscriptions/{subscriptionId}',
    api: 'partnerCenter',
    auth: 'app-or-user',
    effect: true,
    docUrl: `${PC_DOCS}suspend-a-subscription`,
    async handle(ctx) {
      const customerId = guid(ctx.params.customerId);
      const id = guid(ctx.params.subscriptionId);
      const patch = objectBody(ctx.body);
      // JSON property names are case-insensitive in Partner Center (the docs' example sends "Status").
      const statusKey = Object.keys(patch).find((k) => k.toLowerCase() === 'status');
      const status = str(statusKey ? patch[statusKey] : undefined).toLowerCase();
      const subscriptions = await ctx.partnerCenter.listSubscriptions(customerId);
      const current = subscriptions.find((s) => s.id.toLowerCase() === id);
      if (!current) return notFound('subscription', id);
      if (!isAzurePlan(current))
        return partnerCenterError(
          400,
          3000,
          'Invalid property: the emulator changes the status of Azure plans only.',
          {
            subscriptionId: id,
          },
        );
      if (status === 'suspended')
        return ok(subscriptionResource(await ctx.partnerCenter.suspendPlan(customerId, current.id)));
      if (status === 'active')
        return ok(subscriptionResource(await ctx.partnerCenter.reactivatePlan(customerId, current.id)));
      return badRequest('status', { status });
    },
  },
  {
    operation: 'get-a-list-of-azure-entitlements-for-subscription',
    method: 'GET',
    pattern: '/v1/customers/{customerId}/subscriptions/{subscriptionId}/azureEntitlements',
    api: 'partnerCenter',
    auth: 'app-or-user',
    effect: false,
    docUrl: `${PC_DOCS}get-a-list-of-azure-entitlements-for-subscription`,
    async handle(ctx) {
      const customerId = guid(ctx.params.customerId);
      const planId = guid(ctx.params.subscriptionId);
      const items = (await ctx.partnerCenter.listAzureEntitlements(customerId, planId)).map(
        azureEntitlementResource,
      );
      return ok({ totalCount: items.length, items, attributes: { objectType: 'Collection' } });
    },
  },
  {
    operation: 'get-eligibility-for-product-upgrade',
    method: 'POST',
    pattern: '/v1/productUpgrades/eligibility',
    api: 'partnerCenter',
    auth: 'user',
    effect: false,
    docUrl: `${PC_DOCS}get-eligibility-for-product-upgrade`,
    async handle(ctx) {
      const request = upgradeRequest(ctx.body);
      if ('error' in request) return request.error;
      return ok(eligibilityResource(await ctx.partnerCenter.getUpgradeEligibility(request.customerId)));
    },
  },
  {
    operation: 'create-product-upgrade-entity',
    method: 'POST',
    pattern: '/v1/productUpgrades',
    api: 'partnerCenter',
    auth: 'user',
    effect: true,
    docUrl: `${PC_DOCS}create-product-upgrade-entity`,
    async handle(ctx) {
      const request = upgradeRequest(ctx.body);
      if ('error' in request) return request.error;
      const { upgradeId } = await ctx.partnerCenter.createUpgrade(request.customerId);
      return { status: 202, headers: { Location: `productUpgrades/${upgradeId}` } };
    },
  },
  {
    operation: 'get-product-upgrade-status',
    method: 'POST',
    pattern: '/v1/productUpgrades/{upgradeId}/status',
    api: 'partnerCenter',
    auth: 'user',
    effect: false,
    docUrl: `${PC_DOCS}get-product-upgrade-status`,
    async handle(ctx) {
      const request = upgradeRequest(ctx.body);
      if ('error' in request) return request.error;
      const upgrade = await ctx.partnerCenter.getUpgradeStatus(
        request.customerId,
        guid(ctx.params.upgradeId),
      );
      return ok(upgradeStatusResource(upgrade));
    },
  },
  // — Azure Resource Manager (Microsoft.Subscription), served under /arm —
  {
    operation: 'arm-create-subscription-alias',
    method: 'PUT',
    pattern: `${ARM_BASE}/providers/Microsoft.Subscription/aliases/{aliasName}`,
    api: 'arm',
    auth: 'app-or-user',
    effect: true,
    docUrl: `${ARM_DOCS}alias/create`,
    async handle(ctx) {
      const aliasName = ctx.params.aliasName;
      const known = ctx.aliases.get(aliasName);
      if (known) return ok(aliasResource(known));
      const properties = objectBody(objectBody(ctx.body).properties);
      const displayName = str(properties.displayName);
      if (!displayName) return armError(400, 'InvalidRequestContent', 'properties.displayName is required.');
      const workload = str(properties.workload);
      if (workload && !['production', 'devtest'].includes(workload.toLowerCase()))
        return armError(400, 'InvalidRequestContent', `Invalid workload '${workload}'.`);
      // programmatically-create-subscription-microsoft-partner-agreement: the customer's billing scope.
      const scope = /^\/providers\/Microsoft\.Billing\/billingAccounts\/([^/]+)\/customers\/([^/]+)$/i.exec(
        str(properties.billingScope),
      );
      if (!scope)
        return armError(
          400,
          'InvalidBillingScope',
          'properties.billingScope is not a customer billing scope.',
        );
      if (decodeURIComponent(scope[1]).toLowerCase() !== ctx.billingAccountName.toLowerCase())
        return armError(404, 'BillingAccountNotFound', `Billing account '${scope[1]}' was not found.`);
      const customerId = guid(decodeURIComponent(scope[2]));
      const resellerId = str(properties.resellerId) || null;
      const plans = (await ctx.partnerCenter.listSubscriptions(customerId)).filter(
        (s) => isAzurePlan(s) && s.status === 'active',
      );
      const plan =
        plans.find((p) => p.partnerIdOnRecord === resellerId) ?? (resellerId ? undefined : plans[0]);
      if (!plan)
        return armError(
          400,
          'InvalidBillingScope',
          'The customer has no active Azure plan for this reseller.',
        );
      const { alias, created } = await ctx.aliases.ensure(aliasName, customerId, displayName, () =>
        ctx.partnerCenter.createAzureSubscription(customerId, plan.id, displayName),
      );
      if (created && ctx.aliasesAnswerAccepted) {
        const resource = aliasResource(alias);
        return ok({ ...resource, properties: { provisioningState: 'Accepted' } }, 202, {
          Location: `${ctx.baseUrl}${ARM_BASE}/providers/Microsoft.Subscription/aliases/${encodeURIComponent(aliasName)}?api-version=2021-10-01`,
          'Retry-After': '1',
        });
      }
      return ok(aliasResource(alias), created ? 201 : 200);
    },
  },
  {
    operation: 'arm-get-subscription-alias',
    method: 'GET',
    pattern: `${ARM_BASE}/providers/Microsoft.Subscription/aliases/{aliasName}`,
    api: 'arm',
    auth: 'app-or-user',
    effect: false,
    docUrl: `${ARM_DOCS}alias/get`,
    async handle(ctx) {
      const alias = ctx.aliases.get(ctx.params.aliasName);
      return alias
        ? ok(aliasResource(alias))
        : armError(404, 'AliasNotFound', `The alias '${ctx.params.aliasName}' was not found.`);
    },
  },
  {
    operation: 'arm-create-csp-subscription',
    method: 'POST',
    pattern: `${ARM_BASE}/providers/Microsoft.Billing/billingAccounts/{billingAccountName}/customers/{customerId}/providers/Microsoft.Subscription/createSubscription`,
    api: 'arm',
    auth: 'app-or-user',
    effect: true,
    docUrl: `${ARM_DOCS}subscription/create-csp-subscription?view=rest-subscription-2020-01-01`,
    async handle(ctx) {
      const customerId = guid(ctx.params.customerId);
      const body = objectBody(ctx.body);
      const displayName = str(body.displayName);
      const resellerId = str(body.resellerId) || null;
      const plans = (await ctx.partnerCenter.listSubscriptions(customerId)).filter(
        (s) => isAzurePlan(s) && s.status === 'active',
      );
      const plan =
        plans.find((p) => p.partnerIdOnRecord === resellerId) ?? (resellerId ? undefined : plans[0]);
      if (!plan)
        return armError(
          400,
          'InvalidBillingScope',
          'The customer has no active Azure plan for this reseller.',
        );
      const created = await ctx.partnerCenter.createAzureSubscription(customerId, plan.id, displayName);
      const operationId = Buffer.from(created.id).toString('base64url');
      return {
        status: 202,
        headers: { Location: operationUri(operationId), 'Retry-After': '1' },
      };
    },
  },
  {
    operation: 'arm-get-subscription-operation',
    method: 'GET',
    pattern: `${ARM_BASE}/providers/Microsoft.Subscription/subscriptionOperations/{operationId}`,
    api: 'arm',
    auth: 'app-or-user',
    effect: false,
    docUrl: `${ARM_DOCS}subscription-operation/get?view=rest-subscription-2020-01-01`,
    async handle(ctx) {
      const subscriptionId = Buffer.from(ctx.params.operationId, 'base64url').toString();
      const entitlement = await azureEntitlement(ctx, subscriptionId);
      return ok({ subscriptionLink: `/subscriptions/${entitlement.id}` });
    },
  },
  {
    operation: 'arm-get-subscription',
    method: 'GET',
    pattern: `${ARM_BASE}/subscriptions/{subscriptionId}`,
    api: 'arm',
    auth: 'app-or-user',
    effect: false,
    docUrl: 'https://learn.microsoft.com/rest/api/resources/subscriptions/get',
    async handle(ctx) {
      return ok(armSubscriptionResource(await azureEntitlement(ctx, ctx.params.subscriptionId)));
    },
  },
  ...ATTESTATION_ROUTES,
  ...PRICE_SHEET_ROUTES,
  {
    operation: 'arm-rename-subscription',
    method: 'POST',
    pattern: `${ARM_BASE}/subscriptions/{subscriptionId}/providers/Microsoft.Subscription/rename`,
    api: 'arm',
    auth: 'app-or-user',
    effect: true,
    docUrl: `${ARM_DOCS}subscription/rename`,
    async handle(ctx) {
      const id = guid(ctx.params.subscriptionId);
      const customerId = customerOfAzureSubscription(ctx.store, id);
      await ctx.partnerCenter.renameAzureSubscription(
        customerId,
        id,
        str(objectBody(ctx.body).subscriptionName),
      );
      return ok({ subscriptionId: id });
    },
  },
  {
    operation: 'arm-cancel-subscription',
    method: 'POST',
    pattern: `${ARM_BASE}/subscriptions/{subscriptionId}/providers/Microsoft.Subscription/cancel`,
    api: 'arm',
    auth: 'app-or-user',
    effect: true,
    docUrl: `${ARM_DOCS}subscription/cancel`,
    async handle(ctx) {
      const id = guid(ctx.params.subscriptionId);
      await ctx.partnerCenter.suspendAzureSubscription(customerOfAzureSubscription(ctx.store, id), id);
      return ok({ subscriptionId: id });
    },
  },
  {
    operation: 'arm-enable-subscription',
    method: 'POST',
    pattern: `${ARM_BASE}/subscriptions/{subscriptionId}/providers/Microsoft.Subscription/enable`,
    api: 'arm',
    auth: 'app-or-user',
    effect: true,
    docUrl: `${ARM_DOCS}subscription/enable`,
    async handle(ctx) {
      const id = guid(ctx.params.subscriptionId);
      await ctx.partnerCenter.reactivateAzureSubscription(customerOfAzureSubscription(ctx.store, id), id);
      return ok({ subscriptionId: id });
    },
  },
];

/** Opaque to clients: the store's token plus the page size. undefined = none given, null = not ours. */
function readContinuationToken(
  value: string | undefined,
): { token: string; size: number } | undefined | null {
  if (!value) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as {
      t?: unknown;
      s?: unknown;
    };
    if (typeof parsed.t === 'string' && typeof parsed.s === 'number')
      return { token: parsed.t, size: parsed.s };
  } catch {
    // fall through: not a token this emulator wrote
  }
  return null;
}

function writeContinuationToken(token: string, size: number): string {
  return Buffer.from(JSON.stringify({ t: token, s: size })).toString('base64url');
}

function upgradeRequest(body: unknown): { customerId: string } | { error: EmulatorResponse } {
  const request = objectBody(body);
  const customerId = str(request.customerId);
  if (!customerId) return { error: badRequest('customerId') };
  if (str(request.productFamily).toLowerCase() !== 'azure')
    return { error: badRequest('productFamily', { productFamily: str(request.productFamily) }) };
  return { customerId: guid(customerId) };
}

/** The route for a method and pathname, with its path parameters; `pathMatched` when only the method differs. */
export function matchRoute(
  method: string,
  pathname: string,
): { route: Route; params: Record<string, string> } | { pathMatched: boolean } {
  const segments = pathname.replace(/\/+$/, '').split('/').map(decodeURIComponent);
  const lowered = segments.map((segment) => segment.toLowerCase());
  const upperMethod = method.toUpperCase();
  let pathMatched = false;
  for (const { route, parts } of COMPILED_ROUTES) {
    if (parts.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let matches = true;
    for (let i = 0; i < parts.length; i += 1) {
      const part = parts[i]!;
      if (part.param !== undefined) {
        params[part.param] = segments[i]!;
        if (segments[i]!.length === 0) {
          matches = false;
          break;
        }
      } else if (part.literal !== lowered[i]) {
        matches = false;
        break;
      }
    }
    if (!matches) continue;
    pathMatched = true;
    if (route.method === upperMethod) return { route, params };
  }
  return { pathMatched };
}

/** Each route's pattern split once: `{name}` parameters and lower-cased literals. */
const COMPILED_ROUTES: ReadonlyArray<{
  route: Route;
  parts: ReadonlyArray<{ param?: string; literal?: string }>;
}> = ROUTES.map((route) => ({
  route,
  parts: route.pattern
    .split('/')
    .map((part) =>
      part.startsWith('{') && part.endsWith('}')
        ? { param: part.slice(1, -1) }
        : { literal: part.toLowerCase() },
    ),
}));
