/**
 * Customer agreements (azure-plan.md §2). Template ids are data: the MCA template comes from the
 * agreement metadata, the retired Microsoft Cloud Agreement template must never be used again.
 */
export const MCA_AGREEMENT_TYPE = 'MicrosoftCustomerAgreement';
export const CLOUD_AGREEMENT_TYPE = 'MicrosoftCloudAgreement';
export type AgreementType = typeof MCA_AGREEMENT_TYPE | typeof CLOUD_AGREEMENT_TYPE;

/** Template id of the MCA as published in the agreement metadata (seed and tests use it). */
export const MCA_TEMPLATE_ID = '117a77b0-9360-443b-8795-c6dedc750cf9';
/** Microsoft Cloud Agreement template, unsupported since February 2020 (rule 4). */
export const RETIRED_CLOUD_AGREEMENT_TEMPLATE_ID = '998b88de-aa99-4388-a42c-1b3517d49490';

export interface AgreementMetadata {
  templateId: string;
  agreementType: AgreementType;
  agreementLink: string;
  versionRank: number;
}

export interface PrimaryContact {
  firstName: string;
  lastName: string;
  email: string;
  phoneNumber?: string;
}

/** What the partner sends to attest (`POST /v1/customers/{id}/agreements`). */
export interface AgreementRequest {
  primaryContact: PrimaryContact;
  /** UTC ISO-8601; a calendar date is stored as UTC midnight, e.g. 2026-11-27T00:00:00.000Z. */
  dateAgreed: string;
  templateId: string;
  type: typeof MCA_AGREEMENT_TYPE;
}

/** A recorded attestation: the request plus who attested and when it was recorded. */
export interface Agreement extends AgreementRequest {
  customerId: string;
  /** Partner user (AAD object id) who attested; derived from the App+User token in the real API. */
  userId: string;
  /** Display name of that user, for "attested by" (sandbox only; the real API returns the id). */
  userDisplayName?: string;
  /** When the attestation was recorded (UTC ISO). */
  recordedAt: string;
  agreementLink: string;
  /** The enhanced attestation it was created from (absent for legacy attestations). */
  attestationId?: string;
}

/** The partner user on whose behalf an agreement is created (App+User in the real API). */
export interface ActingUser {
  userId: string;
  displayName: string;
}
