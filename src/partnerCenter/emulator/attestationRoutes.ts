import type {
  EnhancedAttestation,
  EnhancedAttestationRequest,
} from '../../domain/agreements/enhancedAttestation.js';
import { acceptanceLink, DEFAULT_ACCEPTANCE_PATH } from './acceptancePage.js';
import { partnerCenterError, type EmulatorResponse } from './errors.js';
import { agreementResource, collection } from './representations.js';
import type { Route, RouteContext } from './routes.js';

/**
 * The enhanced attestation API (issue 14; docs/mca-attestation.md), **App-only** as the Learn page
 * says ("This scenario only supports AppOnly authentication"). The create path and the body field
 * names country, language, companyName, signatoryFirstName, signatoryLastName come from
 * integrate-sandbox-confirm-customer-accept; the version (v1), signatoryEmail / signatoryPhoneNumber,
 * the response fields, the get / list / create-agreement paths are **shape inferred**.
 */
const DOC = 'https://learn.microsoft.com/partner-center/customers/integrate-sandbox-confirm-customer-accept';

function objectBody(body: unknown): Record<string, unknown> {
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

function str(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

function guid(value: string): string {
  return value.trim().replace(/^\{/, '').replace(/\}$/, '').toLowerCase();
}

/** The attestation as the emulator sends it; `acceptanceUrl` points at this emulator's acceptance page. */
export function attestationResource(a: EnhancedAttestation, baseUrl: string): Record<string, unknown> {
  return {
    id: a.attestationId,
    customerId: a.customerId,
    status: a.status,
    ...a.request,
    createdDateTime: a.createdAt,
    ...(a.expiresAt ? { expirationDateTime: a.expiresAt } : {}),
    ...(a.acceptedAt ? { acceptedDateTime: a.acceptedAt } : {}),
    acceptanceUrl: acceptanceLink(`${baseUrl}${DEFAULT_ACCEPTANCE_PATH}`, a.linkParameters),
    linkParameters: { ...a.linkParameters },
    attributes: { objectType: 'EnhancedAttestation' },
  };
}

const REQUIRED = [
  'customerId',
  'country',
  'language',
  'companyName',
  'signatoryFirstName',
  'signatoryLastName',
  'signatoryEmail',
] as const;

function createRequest(
  body: unknown,
): { customerId: string; request: EnhancedAttestationRequest } | EmulatorResponse {
  const b = objectBody(body);
  const missing = REQUIRED.filter((name) => !str(b[name]));
  if (missing.length > 0)
    return partnerCenterError(400, 3000, `Invalid property: ${missing.join(', ')} required`, {
      fields: missing.join(','),
    });
  const phone = str(b.signatoryPhoneNumber);
  return {
    customerId: guid(str(b.customerId)),
    request: {
      country: str(b.country).toUpperCase(),
      language: str(b.language),
      companyName: str(b.companyName),
      signatoryFirstName: str(b.signatoryFirstName),
      signatoryLastName: str(b.signatoryLastName),
      signatoryEmail: str(b.signatoryEmail),
      ...(phone ? { signatoryPhoneNumber: phone } : {}),
    },
  };
}

function ok(body: unknown, status = 200): EmulatorResponse {
  return { status, headers: {}, body };
}

export const ATTESTATION_ROUTES: readonly Route[] = [
  {
    operation: 'create-enhanced-attestation',
    method: 'POST',
    pattern: '/v1/attestations/enhanced',
    api: 'partnerCenter',
    auth: 'app',
    effect: true,
    docUrl: DOC,
    async handle(ctx: RouteContext) {
      const parsed = createRequest(ctx.body);
      if ('status' in parsed) return parsed;
      const created = await ctx.attestations.createEnhancedAttestation(parsed.customerId, parsed.request);
      return ok(attestationResource(created, ctx.baseUrl), 201);
    },
  },
  {
    operation: 'get-enhanced-attestation',
    method: 'GET',
    pattern: '/v1/attestations/enhanced/{attestationId}',
    api: 'partnerCenter',
    auth: 'app',
    effect: false,
    docUrl: DOC,
    async handle(ctx) {
      const found = await ctx.attestations.getEnhancedAttestation(guid(ctx.params.attestationId));
      return ok(attestationResource(found, ctx.baseUrl));
    },
  },
  {
    operation: 'list-enhanced-attestations',
    method: 'GET',
    pattern: '/v1/customers/{customerId}/attestations/enhanced',
    api: 'partnerCenter',
    auth: 'app',
    effect: false,
    docUrl: DOC,
    async handle(ctx) {
      const customerId = guid(ctx.params.customerId);
      const items = (await ctx.attestations.listEnhancedAttestations(customerId)).map((a) =>
        attestationResource(a, ctx.baseUrl),
      );
      return ok(collection(items, `/customers/${customerId}/attestations/enhanced`));
    },
  },
  {
    operation: 'create-agreement-from-attestation',
    method: 'POST',
    pattern: '/v1/customers/{customerId}/attestations/enhanced/{attestationId}/agreement',
    api: 'partnerCenter',
    auth: 'app',
    effect: true,
    docUrl: DOC,
    async handle(ctx) {
      const agreement = await ctx.attestations.createAgreementFromAttestation(
        guid(ctx.params.customerId),
        guid(ctx.params.attestationId),
      );
      return ok(
        {
          ...agreementResource(agreement),
          attestationId: agreement.attestationId,
          recordedDateTime: agreement.recordedAt,
        },
        201,
      );
    },
  },
];
