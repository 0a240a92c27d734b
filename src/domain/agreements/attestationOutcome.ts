import { isDomainError, type DomainError } from '../errors.js';
import { meaningOf600002 } from '../partnerCenter/errorDescriptions.js';
import { isValidationError } from '../partnerCenter/validationError.js';

/**
 * What a refused attestation means for the customer and for a flow waiting on it (e.g. the
 * purchase, which continues only when the customer has accepted the MCA):
 * - 'alreadyRecorded' — 600061 `PartnerConfirmedAgreementAlreadyExists`: an attestation with the
 *   same first name, last name, e-mail and phone is already on record (rule 6, azure-plan.md §2; still
 *   so with the enhanced attestation API, changes-2025-2026.md). Not a failure: treated as "already
 *   attested" (rule 6), so the waiting flow goes on — and checks acceptance again itself before any
 *   order, because an old acceptance (before 2023-04-01) may need renewing.
 * - 'signedDirectly' — the customer accepted in the Microsoft 365 admin center meanwhile; that
 *   acceptance satisfies the order precondition too (rule 8).
 * - 'failed' — anything else: nothing was recorded and the customer has not accepted through it.
 */
export type AttestationRefusal = 'alreadyRecorded' | 'signedDirectly' | 'failed';

export interface AttestationOutcome {
  refusal: AttestationRefusal;
  /** The customer counts as having accepted the MCA: a waiting flow continues (and re-checks). */
  customerHasAccepted: boolean;
}

export function attestationRefusal(error: Pick<DomainError, 'code'>): AttestationOutcome {
  if (error.code === '600061') return { refusal: 'alreadyRecorded', customerHasAccepted: true };
  if (error.code === 'already_signed_directly')
    return { refusal: 'signedDirectly', customerHasAccepted: true };
  return { refusal: 'failed', customerHasAccepted: false };
}

/**
 * The form fields a refused attestation input is shown at (field → reason), or undefined when the
 * refusal is not about the input: every field problem of a validation error, and a 600002 that
 * means "date agreed later than today in UTC" (rule 2) at the date field.
 */
export function attestationFieldReasons(error: unknown): Record<string, string> | undefined {
  if (isValidationError(error)) return { ...error.fields };
  if (isDomainError(error) && meaningOf600002(error) === 'futureDate') return { dateAgreed: 'future' };
  return undefined;
}
