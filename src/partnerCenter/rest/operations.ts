import type { EnhancedAttestationPort, PartnerCenter } from '../../domain/partnerCenter/port.js';
import type { AuthKind, TokenResource } from '../auth/tokens.js';
import type { ApiBase, CallSpec, HttpMethod } from './httpClient.js';

/** One HTTP call of the REST backend: the facts docs/partner-center-api.md is generated from. */
export interface OperationSpec extends CallSpec {
  /** Path template below the base URL; `{name}` are URL-encoded parameters. */
  path: string;
  /** The learn.microsoft.com page that documents it. */
  docUrl: string;
  notes: string;
}

/** Port methods answered from configuration (no HTTP call). */
export const CONFIGURED_OPERATIONS = ['getPartner', 'findUser', 'listIndirectResellers'] as const;

/** Extra HTTP calls some port methods need beside their main one. */
export type HelperOperation = 'getSubscription' | 'getAzureSubscriptionAlias';

/** Port methods whose HTTP call is not in the table yet (they throw not_supported_by_backend): none. */
export const PENDING_OPERATIONS = [] as const;

export type HttpOperationName =
  | Exclude<
      keyof PartnerCenter | keyof EnhancedAttestationPort,
      (typeof CONFIGURED_OPERATIONS)[number] | (typeof PENDING_OPERATIONS)[number]
    >
  | HelperOperation;

const PC = 'https://learn.microsoft.com/partner-center/developer';
/** The enhanced attestation page (endpoint, fields, steps; App-only). */
const ATTESTATION_DOC =
  'https://learn.microsoft.com/partner-center/customers/integrate-sandbox-confirm-customer-accept';
const ARM_SUBSCRIPTION = 'https://learn.microsoft.com/rest/api/subscription';
/** Microsoft.Subscription API version of the alias / rename / cancel / enable operations. */
export const SUBSCRIPTION_API_VERSION = '2021-10-01';

function op(
  operation: HttpOperationName,
  method: HttpMethod,
  path: string,
  auth: AuthKind,
  docUrl: string,
  notes: string,
  options: { base?: ApiBase; resource?: TokenResource; stateChanging?: boolean } = {},
): OperationSpec {
  const base = options.base ?? 'partnerCenter';
  return {
    operation,
    method,
    path,
    auth,
    docUrl,
    notes,
    base,
    resource: options.resource ?? base,
    stateChanging: options.stateChanging ?? method !== 'GET',
  };
}

const ARM = { base: 'azureResourceManager' as const };
const PARTNER_API = { base: 'partnerApi' as const };

/**
 * Every port method that calls a service → HTTP method, path, AuthKind, documentation.
 * AuthKind choice: operations documented as "App+User only" use App+User; state-changing
 * operations that allow both use App+User too, so Partner Center's audit log names the acting
 * partner user; reads that allow both use App-only, so they work before the user signed in (the bot
 * checks the user's role itself).
 */
export const OPERATIONS: Readonly<Record<HttpOperationName, OperationSpec>> = {
  listCustomers: op(
    'listCustomers',
    'GET',
    '/customers?size={size}',
    'app-only',
    `${PC}/get-a-list-of-customers`,
    'Pages through links.next (MS-ContinuationToken header) until there is no next page; size 500.',
  ),
  listCustomersPage: op(
    'listCustomersPage',
    'GET',
    '/customers?size={size}',
    'app-only',
    `${PC}/get-a-list-of-customers`,
    'One page; the next with MS-ContinuationToken from links.next; totalCount is the whole list.',
  ),
  getCustomer: op(
    'getCustomer',
    'GET',
    '/customers/{customerId}',
    'app-only',
    `${PC}/get-a-customer-by-id`,
    '404 without code → not_found.',
  ),
  getMcaMetadata: op(
    'getMcaMetadata',
    'GET',
    '/agreements?agreementType=MicrosoftCustomerAgreement',
    'app+user',
    `${PC}/get-agreement-metadata`,
    'App+User only. Always names the MCA type (rule 5).',
  ),
  listMcaAgreements: op(
    'listMcaAgreements',
    'GET',
    '/customers/{customerId}/agreements?agreementType=MicrosoftCustomerAgreement',
    'app+user',
    `${PC}/get-confirmation-of-customer-agreement`,
    'App+User only. Never the default (Cloud Agreement) type.',
  ),
  getDirectSignStatus: op(
    'getDirectSignStatus',
    'GET',
    '/customers/{customerId}/directSignedMicrosoftCustomerAgreementStatus',
    'app+user',
    `${PC}/get-direct-sign-status-of-customer-agreement`,
    'App+User only.',
  ),
  createAgreement: op(
    'createAgreement',
    'POST',
    '/customers/{customerId}/agreements',
    'app+user',
    `${PC}/confirm-customer-consent-customer-agreement`,
    'App+User only. 600002 future date (decoded from the description), 600061 identical contact data.',
  ),
  getAzurePlanAvailability: op(
    'getAzurePlanAvailability',
    'GET',
    '/customers/{customerId}/products/{productId}/skus/{skuId}/availabilities',
    'app-only',
    `${PC}/get-a-list-of-availabilities-for-a-sku-by-customer`,
    "Azure plan DZH318Z0BPS6/0001; no item → not offered in the customer's country.",
  ),
  createCart: op(
    'createCart',
    'POST',
    '/customers/{customerId}/carts',
    'app+user',
    `${PC}/create-a-cart`,
    'One line item; participants transaction_reseller = partner of record (indirect).',
  ),
  checkoutCart: op(
    'checkoutCart',
    'POST',
    '/customers/{customerId}/carts/{cartId}/checkout',
    'app+user',
    `${PC}/checkout-a-cart`,
    "orderErrors[0].errorCode when no order was placed (13605, 800016, 9001xx). Second state-changing call of a purchase: MS-RequestId derived from the action's.",
  ),
  listSubscriptions: op(
    'listSubscriptions',
    'GET',
    '/customers/{customerId}/subscriptions',
    'app-only',
    `${PC}/get-all-of-a-customer-s-subscriptions`,
    'Follows links.next when present.',
  ),
  getSubscription: op(
    'getSubscription',
    'GET',
    '/customers/{customerId}/subscriptions/{subscriptionId}',
    'app-only',
    `${PC}/get-a-subscription-by-id`,
    "Read before PATCH (suspend / reactivate the plan) and for the plan's partner of record.",
  ),
  listAzureEntitlements: op(
    'listAzureEntitlements',
    'GET',
    '/customers/{customerId}/subscriptions/{planId}/azureEntitlements',
    'app-only',
    `${PC}/get-a-list-of-azure-entitlements-for-subscription`,
    'Items {id = Azure subscription id, friendlyName, status, subscriptionId}; follows links.next.',
  ),
  suspendPlan: op(
    'suspendPlan',
    'PATCH',
    '/customers/{customerId}/subscriptions/{planId}',
    'app+user',
    `${PC}/suspend-a-subscription`,
    'GET the subscription, PATCH it with status "suspended"; 900115 while Azure subscriptions are active.',
  ),
  reactivatePlan: op(
    'reactivatePlan',
    'PATCH',
    '/customers/{customerId}/subscriptions/{planId}',
    'app+user',
    `${PC}/reactivate-a-suspended-a-subscription`,
    'GET the subscription, PATCH it with status "active".',
  ),
  createAzureSubscription: op(
    'createAzureSubscription',
    'PUT',
    `/providers/Microsoft.Subscription/aliases/{aliasName}?api-version=${SUBSCRIPTION_API_VERSION}`,
    'app+user',
    `${ARM_SUBSCRIPTION}/alias/create`,
    'Azure Resource Manager. Body {properties: {displayName, workload: "Production", billingScope: /providers/Microsoft.Billing/billingAccounts/{billingAccountName}/customers/{customerId}, resellerId?}}; alias name = the action\'s request id (PUT is idempotent); 202 → poll the alias. See https://learn.microsoft.com/azure/cost-management-billing/manage/programmatically-create-subscription-microsoft-partner-agreement',
    ARM,
  ),
  getAzureSubscriptionAlias: op(
    'getAzureSubscriptionAlias',
    'GET',
    `/providers/Microsoft.Subscription/aliases/{aliasName}?api-version=${SUBSCRIPTION_API_VERSION}`,
    'app+user',
    `${ARM_SUBSCRIPTION}/alias/get`,
    'Azure Resource Manager. Polled while provisioningState is Accepted/Running.',
    ARM,
  ),
  renameAzureSubscription: op(
    'renameAzureSubscription',
    'POST',
    `/subscriptions/{azureSubscriptionId}/providers/Microsoft.Subscription/rename?api-version=${SUBSCRIPTION_API_VERSION}`,
    'app+user',
    `${ARM_SUBSCRIPTION}/subscription/rename`,
    'Azure Resource Manager. Body {subscriptionName}.',
    ARM,
  ),
  suspendAzureSubscription: op(
    'suspendAzureSubscription',
    'POST',
    `/subscriptions/{azureSubscriptionId}/providers/Microsoft.Subscription/cancel?api-version=${SUBSCRIPTION_API_VERSION}`,
    'app+user',
    `${ARM_SUBSCRIPTION}/subscription/cancel`,
    'Azure Resource Manager. Cancel = disabled (can be re-enabled); PowerShell Suspend-PartnerAzureSubscription.',
    ARM,
  ),
  reactivateAzureSubscription: op(
    'reactivateAzureSubscription',
    'POST',
    `/subscriptions/{azureSubscriptionId}/providers/Microsoft.Subscription/enable?api-version=${SUBSCRIPTION_API_VERSION}`,
    'app+user',
    `${ARM_SUBSCRIPTION}/subscription/enable`,
    'Azure Resource Manager. PowerShell Enable-PartnerAzureSubscription.',
    ARM,
  ),
  createEnhancedAttestation: op(
    'createEnhancedAttestation',
    'POST',
    '/attestations/enhanced',
    'app-only',
    ATTESTATION_DOC,
    'App-only (the page: "only supports AppOnly authentication"). Body {customerId, country, language, companyName, signatoryFirstName, signatoryLastName, signatoryEmail, signatoryPhoneNumber?}; customerId, version v1, e-mail/phone names and the answer (id, status, acceptanceUrl, linkParameters, expirationDateTime) shape inferred. Indirect resellers: reseller_not_allowed; same signatory again: 600061.',
  ),
  getEnhancedAttestation: op(
    'getEnhancedAttestation',
    'GET',
    '/attestations/enhanced/{attestationId}',
    'app-only',
    ATTESTATION_DOC,
    'App-only. Path shape inferred. Status pending / accepted / expired / agreementCreated.',
  ),
  listEnhancedAttestations: op(
    'listEnhancedAttestations',
    'GET',
    '/customers/{customerId}/attestations/enhanced',
    'app-only',
    ATTESTATION_DOC,
    'App-only. Shape inferred: the pages name no list call (the emulator serves this one). Newest first.',
  ),
  createAgreementFromAttestation: op(
    'createAgreementFromAttestation',
    'POST',
    '/customers/{customerId}/attestations/enhanced/{attestationId}/agreement',
    'app-only',
    ATTESTATION_DOC,
    'App-only. Path shape inferred. attestation_not_accepted before the signatory accepted; 600061 the second time.',
  ),
  downloadPriceSheet: op(
    'downloadPriceSheet',
    'GET',
    "/v1.0/sales/pricesheets(Market='{market}',PricesheetView='{view}')/$value",
    'app+user',
    `${PC}/get-a-price-sheet`,
    'App+User only (Global admin, Admin agent, Sales agent). api.partner.microsoft.com; the body (CSV, plain or compressed, ~42 MB) is streamed, never buffered. No sheet → not_found.',
    PARTNER_API,
  ),
  getUpgradeEligibility: op(
    'getUpgradeEligibility',
    'POST',
    '/productUpgrades/eligibility',
    'app+user',
    `${PC}/get-eligibility-for-product-upgrade`,
    'App+User only. POST, but a read: no action request id.',
    { stateChanging: false },
  ),
  createUpgrade: op(
    'createUpgrade',
    'POST',
    '/productupgrades',
    'app+user',
    `${PC}/create-product-upgrade-entity`,
    'App+User only. 202 Accepted, Location: productUpgrades/{upgradeId}; the REST backend then watches it (upgradePoller).',
  ),
  getUpgradeStatus: op(
    'getUpgradeStatus',
    'POST',
    '/productUpgrades/{upgradeId}/status',
    'app+user',
    `${PC}/get-product-upgrade-status`,
    'App+User only. POST, but a read: no action request id.',
    { stateChanging: false },
  ),
};

/** Fills `{name}` in a path template with URL-encoded values. */
export function pathOf(spec: OperationSpec, params: Record<string, string | number> = {}): string {
  return spec.path.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter ${name} for ${spec.operation}`);
    return encodeURIComponent(String(value));
  });
}

const BASE_PREFIX: Record<OperationSpec['base'], string> = {
  partnerCenter: '{pc}/v1',
  azureResourceManager: '{arm}',
  partnerApi: '{partnerApi}',
};

/** The Markdown table of docs/partner-center-api.md. */
export function operationsTableMarkdown(): string {
  const rows = Object.values(OPERATIONS).map(
    (o) =>
      `| ${o.operation} | ${o.method} | \`${BASE_PREFIX[o.base]}${o.path}\` | ${o.auth === 'app+user' ? 'App+User' : 'App-only'} (${o.resource}) | ${o.docUrl} | ${o.notes.replace(/\|/g, '\\|')} |`,
  );
  return [
    '| Operation | Method | Path | Auth | Doc | Notes |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}
