import type { Agreement, AgreementMetadata, AgreementRequest, ActingUser } from '../agreements/agreement.js';
import type { EnhancedAttestation, EnhancedAttestationRequest } from '../agreements/enhancedAttestation.js';
import type { Customer } from '../customers/customer.js';
import type { Partner, PartnerUser } from '../identity/actor.js';
import type { IndirectReseller } from '../identity/reseller.js';
import type { AzurePlanAvailability } from '../plans/azurePlanCatalog.js';
import type { Cart, CartLineItemRequest, Order } from '../plans/order.js';
import type { AzureEntitlement, Subscription } from '../subscriptions/subscription.js';
import type { ProductUpgrade, UpgradeEligibility } from '../transition/productUpgrade.js';

/** Price sheet views of `GET /v1.0/sales/pricesheets` (get-a-price-sheet). */
export type PriceSheetView =
  'azure_consumption' | 'azure_reservations' | 'updatedlicensebased' | 'marketplace' | 'software';

export interface CustomerPageRequest {
  /** Page size (Partner Center allows up to 500 per page). */
  size: number;
  /** Opaque token from the previous page's `continuationToken`; absent for the first page. */
  continuationToken?: string;
}

export interface CustomerPage {
  items: Customer[];
  totalCount: number;
  /** Present when there is a next page. */
  continuationToken?: string;
}

/**
 * The Partner Center API as the bot uses it, shaped after the real REST API
 * (https://api.partnercenter.microsoft.com/v1, azure-plan.md §2–§4, §9). Implemented by the
 * embedded sandbox (src/partnerCenter/sandbox) and the REST adapter (src/partnerCenter/rest).
 *
 * Every method throws DomainError with the Partner Center code the real service returns
 * (600002, 600061, 13605, 9001xx, 800016) or a bot code ('not_found', 'validation', 'plan_exists' …).
 * Customer ids are canonical GUIDs (see normalizeGuid); the application services normalize them.
 */
export interface PartnerCenter {
  // — partner and its users (directory) —
  getPartner(): Promise<Partner>;
  /** The partner user with this AAD object id in this tenant, or undefined (other tenant / unknown user). */
  findUser(tenantId: string, aadObjectId: string): Promise<PartnerUser | undefined>;
  /** Indirect resellers the (indirect provider) partner works with. */
  listIndirectResellers(): Promise<IndirectReseller[]>;

  // — customers —
  /** Every customer (pages through the whole list). Prefer listCustomersPage for anything a user sees. */
  listCustomers(): Promise<Customer[]>;
  /**
   * One page of customers, in Partner Center's order: `GET /v1/customers?size={size}`, next pages with
   * the `MS-ContinuationToken` header from `links.next` (get-a-list-of-customers). `totalCount` is
   * the number of customers in the whole list.
   */
  listCustomersPage(request: CustomerPageRequest): Promise<CustomerPage>;
  /** Throws DomainError('not_found') for an unknown customer. */
  getCustomer(customerId: string): Promise<Customer>;

  // — agreements (MCA) —
  /** `GET /v1/agreements?agreementType=MicrosoftCustomerAgreement` (always MCA; never the default type). */
  getMcaMetadata(): Promise<AgreementMetadata[]>;
  /** `GET /v1/customers/{id}/agreements?agreementType=MicrosoftCustomerAgreement`, oldest first. */
  listMcaAgreements(customerId: string): Promise<Agreement[]>;
  /** `GET /v1/customers/{id}/directSignedMicrosoftCustomerAgreementStatus`. */
  getDirectSignStatus(customerId: string): Promise<{ isSigned: boolean }>;
  /** `POST /v1/customers/{id}/agreements`: 600002 future date, 600061 identical contact data. */
  createAgreement(customerId: string, request: AgreementRequest, actingUser: ActingUser): Promise<Agreement>;

  // — catalog and ordering —
  /** Azure plan availability for the customer's country, or undefined where it is not offered. */
  getAzurePlanAvailability(customerId: string): Promise<AzurePlanAvailability | undefined>;
  createCart(customerId: string, lineItem: CartLineItemRequest): Promise<Cart>;
  /** Checks out the cart: 13605 without MCA acceptance, 800016 unknown reseller, 900112–900114, 'plan_exists'. */
  checkoutCart(customerId: string, cartId: string): Promise<Order>;

  // — subscriptions —
  /** Commerce subscriptions: Azure plans and legacy MS-AZR-0145P ones. */
  listSubscriptions(customerId: string): Promise<Subscription[]>;
  /** Azure subscriptions (entitlements) of one Azure plan. */
  listAzureEntitlements(customerId: string, planId: string): Promise<AzureEntitlement[]>;
  createAzureSubscription(customerId: string, planId: string, displayName: string): Promise<AzureEntitlement>;
  renameAzureSubscription(
    customerId: string,
    azureSubscriptionId: string,
    displayName: string,
  ): Promise<AzureEntitlement>;
  suspendAzureSubscription(customerId: string, azureSubscriptionId: string): Promise<AzureEntitlement>;
  reactivateAzureSubscription(customerId: string, azureSubscriptionId: string): Promise<AzureEntitlement>;
  /** 900115 (params.activeSubscriptionIds) while the plan still has active Azure subscriptions. */
  suspendPlan(customerId: string, planId: string): Promise<Subscription>;
  reactivatePlan(customerId: string, planId: string): Promise<Subscription>;

  // — pricing —
  /**
   * The partner's own price sheet as a byte stream (CSV, plain or compressed):
   * `GET https://api.partner.microsoft.com/v1.0/sales/pricesheets(Market='{market}',PricesheetView='{view}')/$value`
   * (https://learn.microsoft.com/partner-center/developer/get-a-price-sheet). **App+User** authentication
   * only (app-only is not supported); the user must be Global admin, Admin agent or Sales agent.
   * `market`: two-letter country code; `view`: azure_consumption, azure_reservations,
   * updatedlicensebased, marketplace or software. Not part of the Partner Center SDK. About 42 MB for
   * one market's azure_consumption sheet, so it is streamed, never buffered.
   * Throws DomainError('not_found') when there is no sheet for that market and view.
   */
  downloadPriceSheet(market: string, view: PriceSheetView): Promise<AsyncIterable<Uint8Array>>;

  // — product upgrade (transition MS-AZR-0145P → Azure plan) —
  getUpgradeEligibility(customerId: string): Promise<UpgradeEligibility>;
  /** Starts the upgrade (202 Accepted in the real API); refusals as in the eligibility reasons. */
  createUpgrade(customerId: string): Promise<{ upgradeId: string }>;
  /** 900106 unknown upgrade, 900111 upgrade of another customer. */
  getUpgradeStatus(customerId: string, upgradeId: string): Promise<ProductUpgrade>;
}

/**
 * The enhanced attestation API (issue 14; docs/mca-attestation.md). **App-only** authentication.
 * Docs: https://learn.microsoft.com/partner-center/customers/integrate-sandbox-confirm-customer-accept
 * (endpoint, fields, steps) and https://learn.microsoft.com/partner-center/confirm-customer-agreement.
 * Replaces `createAgreement` (retired 2026-01-05). Kept beside PartnerCenter, not inside it, so the
 * REST client can add it on its own schedule; the host passes one object implementing both.
 *
 * Errors: reseller_not_allowed (indirect resellers cannot use it), already_signed_directly, 600061
 * (first name, last name, e-mail and phone all repeat an attestation on record), not_found,
 * attestation_not_accepted (agreement asked for before the signatory accepted; params.status).
 */
export interface EnhancedAttestationPort {
  /**
   * `POST /v{version}/attestations/enhanced` (App-only) → the attestation id, its status ('pending'),
   * the acceptance component's link parameters and, where the API gives them, the URL and expiry.
   */
  createEnhancedAttestation(
    customerId: string,
    request: EnhancedAttestationRequest,
  ): Promise<EnhancedAttestation>;
  /** The attestation's status now (pending / accepted / expired / agreementCreated). App-only. */
  getEnhancedAttestation(attestationId: string): Promise<EnhancedAttestation>;
  /**
   * The customer's attestations, newest first. Shape inferred: the pages found name no list call;
   * a REST client may answer it from the attestation ids it created.
   */
  listEnhancedAttestations(customerId: string): Promise<EnhancedAttestation[]>;
  /** Creates the customer's MCA agreement from an accepted attestation (App-only). */
  createAgreementFromAttestation(customerId: string, attestationId: string): Promise<Agreement>;
}
