import type { Agreement, AgreementMetadata } from '../../domain/agreements/agreement.js';
import type { AttestationInput } from '../../domain/agreements/attestationRules.js';
import type { McaAcceptance } from '../../domain/agreements/mcaAcceptance.js';
import type { Customer } from '../../domain/customers/customer.js';
import type { Actor } from '../../domain/identity/actor.js';

/** What the attest dialog needs from the domain's attestation service. */
export interface AttestationApi {
  /** The customer's acceptance state, history and the MCA metadata (role-checked). */
  status(
    actor: Actor,
    customerId: string,
  ): Promise<{
    customer: Customer;
    acceptance: McaAcceptance;
    agreements: Agreement[];
    metadata: AgreementMetadata;
  }>;
  /** Records the attestation exactly once per request id (600002, 600061, validation, forbidden …). */
  attest(actor: Actor, input: AttestationInput, requestId: string): Promise<Agreement>;
}
