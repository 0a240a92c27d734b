import { DomainError } from '../../domain/errors.js';

/** A Partner Center REST error body (error-codes.md; example in confirm-customer-consent-customer-agreement.md). */
export interface PartnerCenterErrorBody {
  code: number | string;
  description: string;
  message: string;
  errorName?: string;
  isRetryable: boolean;
  parameters: Record<string, string>;
  errorMessageExtended: string;
}

/** An HTTP answer the emulator sends: status, extra headers and a JSON body (or none). */
export interface EmulatorResponse {
  status: number;
  headers: Record<string, string>;
  body?: unknown;
  /** A byte stream sent as it is (e.g. a price sheet) instead of a JSON body; set Content-Type in headers. */
  stream?: AsyncIterable<Uint8Array>;
}

interface ErrorRow {
  status: number;
  description: string;
  errorName?: string;
}

/**
 * Partner Center codes the rule engine (the sandbox) throws, with the HTTP status and description of
 * the row in develop/error-codes.md. `{name}` placeholders are filled from DomainError params.
 * errorName is only given where a docs page shows one (600061); elsewhere it is left out.
 */
const DOCUMENTED: Record<string, ErrorRow> = {
  '600002': { status: 400, description: 'Date of agreement cannot be greater than the current date' },
  '600061': {
    status: 400,
    description: 'A partner confirmed agreement already exists for the customer.',
    errorName: 'PartnerConfirmedAgreementAlreadyExists',
  },
  '13605': {
    status: 403,
    description:
      'Either a partner confirmation of the customer acceptance of the Microsoft Customer Agreement must be provided or the customer must accept the Microsoft Customer Agreement in the Microsoft Admin Center before you can complete this purchase',
  },
  '800016': { status: 400, description: 'MPN Id is not a valid Indirect Reseller' },
  '900105': {
    status: 403,
    description:
      "You have one or more Azure subscriptions in the suspended state. These can't be transitioned to the Azure plan",
  },
  '900106': { status: 404, description: 'No upgrade request was found' },
  '900107': {
    status: 400,
    description: 'Cannot process Azure upgrade since Azure catalog item was not found',
  },
  '900108': {
    status: 403,
    description: 'Cannot process Azure upgrade since customer has no Azure subscriptions.',
  },
  '900109': {
    status: 409,
    description: 'This upgrade is not allowed as original upgrade {upgradeId} is in progress',
  },
  '900110': {
    status: 400,
    description: 'Cannot process the upgrade request for completed upgrade {upgradeId}',
  },
  '900111': {
    status: 400,
    description:
      'The upgrade ID provided does not belong to customer {customerId}. The customer is mapped to upgrade Id {upgradeId}',
  },
  '900112': {
    status: 409,
    description: 'This purchase is not allowed as the upgrade request {upgradeId} is in pending state',
  },
  '900113': {
    status: 409,
    description: 'This purchase is not allowed as the upgrade request {upgradeId} is in progress',
  },
  '900114': {
    status: 409,
    description: 'This purchase is not allowed as the upgrade request {upgradeId} failed',
  },
  '900115': {
    status: 403,
    description:
      'Azure plan cannot be moved to suspended state since you have one or more Azure Subscriptions in the active state',
  },
  '900116': {
    status: 400,
    description:
      'Unable to create order. There is a limit to how many Azure plans can be created under sandbox accounts',
  },
  '900119': { status: 403, description: 'Cannot process Azure upgrade for Azure Partner Shared Services' },
  '900120': { status: 403, description: 'Cannot process Azure upgrade' },
  '900123': {
    status: 403,
    description: 'Microsoft Partner Agreement has not been accepted by the indirect reseller',
  },
  '900124': {
    status: 403,
    description:
      'Your company has not accepted the Microsoft Partner Agreement (MPA). The global admin of the CSP account must accept the MPA to resume the full functionality',
  },
  '900130': {
    status: 403,
    description:
      'One or more Azure subscriptions were purchased recently, these subscriptions cannot be transitioned at this time. Please try again later',
  },
  // Bot-level rule codes mapped onto documented rows.
  no_relationship: {
    status: 403,
    description: 'The partner id {partnerId} has no commerce relationship with the customer id {customerId}.',
  },
};

/** Bot-level codes that have a documented Partner Center equivalent (code sent instead). */
const DOCUMENTED_EQUIVALENT: Record<string, number> = { no_relationship: 20002 };

/**
 * Bot-level rule codes with no documented Partner Center code. The emulator sends them as they are
 * (string code) so the bot keeps its meaning; the HTTP status is the one of the nearest documented
 * case. Inferred.
 */
const UNDOCUMENTED: Record<string, ErrorRow> = {
  plan_exists: {
    status: 409,
    description: 'The customer already has an Azure plan for this partner of record.',
  },
  legacy_offer_present: {
    status: 409,
    description:
      'The customer has legacy Azure subscriptions (MS-AZR-0145P); upgrade them to the Azure plan.',
  },
  not_available_in_country: {
    status: 400,
    description: 'The Azure plan is not available in the customer country.',
  },
  plan_not_active: { status: 409, description: 'The Azure plan is not active.' },
  // Enhanced attestation refusals (docs/mca-attestation.md; codes of the sandbox, inferred statuses).
  reseller_not_allowed: {
    status: 403,
    description: "Indirect resellers can't use the enhanced attestation experience.",
  },
  already_signed_directly: {
    status: 409,
    description: 'The customer has already accepted the Microsoft Customer Agreement directly.',
  },
  attestation_not_accepted: {
    status: 409,
    description: 'The signatory has not accepted the Microsoft Customer Agreement yet.',
  },
};

function fill(template: string, parameters: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => parameters[name] ?? whole);
}

/** DomainError params as Partner Center's string dictionary (arrays joined with commas). */
export function toParameters(params: DomainError['params']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    out[key] = Array.isArray(value) ? value.join(',') : String(value);
  }
  return out;
}

export function partnerCenterError(
  status: number,
  code: number | string,
  description: string,
  parameters: Record<string, string> = {},
  errorName?: string,
  isRetryable = false,
): EmulatorResponse {
  const body: PartnerCenterErrorBody = {
    code,
    description,
    message: description,
    ...(errorName ? { errorName } : {}),
    isRetryable,
    parameters,
    errorMessageExtended: `InternalErrorCode=${code}`,
  };
  return { status, headers: {}, body };
}

/** 404 for an unknown customer / cart / subscription: rows 1000 "Not found" and 20003 of error-codes.md. */
export function notFound(kind: string, id: string): EmulatorResponse {
  if (kind === 'azurePlan' || kind === 'subscription')
    return partnerCenterError(404, 20003, `Subscription with id ${id} not found.`, { id });
  return partnerCenterError(404, 1000, `Not found: ${kind} ${id}`, { kind, id });
}

/** Maps a DomainError thrown by the rule engine to the Partner Center HTTP answer. */
export function fromDomainError(error: DomainError): EmulatorResponse {
  const parameters = toParameters(error.params);
  if (error.code === 'not_found')
    return notFound(String(error.params.kind ?? 'resource'), String(error.params.id ?? ''));
  if (error.code === 'validation')
    return partnerCenterError(400, 3000, `Invalid property: ${parameters.reasons ?? ''}`, parameters);
  const documented = DOCUMENTED[error.code];
  if (documented) {
    const code = DOCUMENTED_EQUIVALENT[error.code] ?? Number(error.code);
    return partnerCenterError(
      documented.status,
      code,
      fill(documented.description, parameters),
      parameters,
      documented.errorName,
    );
  }
  const undocumented = UNDOCUMENTED[error.code];
  if (undocumented)
    return partnerCenterError(undocumented.status, error.code, undocumented.description, parameters);
  return partnerCenterError(400, error.code, `Request refused (${error.code}).`, parameters);
}

/** 500 for anything the rule engine did not expect (isRetryable: a retry may succeed). */
export function internalError(): EmulatorResponse {
  return partnerCenterError(500, 0, 'Internal server error', {}, undefined, true);
}

/** Azure Resource Manager error body: `{ error: { code, message } }`. */
export function armError(status: number, code: string, message: string): EmulatorResponse {
  return { status, headers: {}, body: { error: { code, message } } };
}

export function armFromDomainError(error: DomainError): EmulatorResponse {
  if (error.code === 'not_found')
    return armError(
      404,
      'SubscriptionNotFound',
      `The subscription '${String(error.params.id ?? '')}' could not be found.`,
    );
  if (error.code === 'validation')
    return armError(
      400,
      'InvalidRequestContent',
      `Invalid property: ${toParameters(error.params).reasons ?? ''}`,
    );
  if (error.code === 'plan_not_active')
    return armError(409, 'BillingAccountInactive', 'The Azure plan of this subscription is not active.');
  return armError(400, error.code, `Request refused (${error.code}).`);
}
