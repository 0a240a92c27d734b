import type { Agreement, AgreementMetadata } from '../agreements/agreement.js';
import { validateAttestation, type AttestationInput } from '../agreements/attestationRules.js';
import { mcaAcceptance, type McaAcceptance } from '../agreements/mcaAcceptance.js';
import type { Customer } from '../customers/customer.js';
import { DomainError } from '../errors.js';
import { assertCan, type Actor } from '../identity/actor.js';
import { auditedOnce, requireCustomerId, type ServiceDependencies } from './serviceContext.js';

export interface AttestationStatus {
  customer: Customer;
  acceptance: McaAcceptance;
  /** Every attestation of the customer, newest first. */
  agreements: Agreement[];
  /** The MCA metadata (template id, agreementLink) the form should use. */
  metadata: AgreementMetadata;
}

/** MCA attestation (issue 3, rules 1–8). */
export class AttestationService {
  constructor(private readonly deps: ServiceDependencies) {}

  /**
   * Acceptance state and history. Throws: forbidden (needs agreements.view), validation
   * (customerId), not_found.
   */
  async status(actor: Actor, customerId: string): Promise<AttestationStatus> {
    assertCan(actor, 'agreements.view');
    const id = requireCustomerId(customerId);
    const pc = this.deps.partnerCenter;
    const [customer, agreements, directSign, metadata] = await Promise.all([
      pc.getCustomer(id),
      pc.listMcaAgreements(id),
      pc.getDirectSignStatus(id),
      this.mcaMetadata(),
    ]);
    return {
      customer,
      acceptance: mcaAcceptance(agreements, directSign.isSigned),
      agreements: [...agreements].sort((a, b) => b.recordedAt.localeCompare(a.recordedAt)),
      metadata,
    };
  }

  /**
   * Records the attestation exactly once per request id. Throws: reseller_not_allowed (indirect
   * reseller: ask the indirect provider), forbidden (Admin agent / Sales agent only), validation
   * (fields: customerId, firstName, lastName, email, phoneNumber, dateAgreed, templateId, type),
   * 600002 (date agreed later than today in UTC; params.todayUtc), not_found, already_signed_directly
   * (the customer accepted in the admin center: no attestation needed), 600061 (identical contact
   * data already attested), request_id_conflict, request_in_progress, request_failed.
   */
  async attest(actor: Actor, input: AttestationInput, requestId: string): Promise<Agreement> {
    assertCan(actor, 'agreements.attest');
    const metadata = await this.mcaMetadata();
    const valid = validateAttestation(input, this.deps.clock.now(), [metadata.templateId]);
    const pc = this.deps.partnerCenter;
    return auditedOnce(
      this.deps,
      actor,
      'agreements.attest',
      valid.customerId,
      requestId,
      valid.request,
      async () => {
        await pc.getCustomer(valid.customerId);
        if ((await pc.getDirectSignStatus(valid.customerId)).isSigned) {
          throw new DomainError('already_signed_directly', { customerId: valid.customerId });
        }
        return pc.createAgreement(valid.customerId, valid.request, {
          userId: actor.user.aadObjectId,
          displayName: actor.user.displayName,
        });
      },
      (agreement) => ({ templateId: agreement.templateId, dateAgreed: agreement.dateAgreed }),
    );
  }

  private async mcaMetadata(): Promise<AgreementMetadata> {
    const metadata = await this.deps.partnerCenter.getMcaMetadata();
    const newest = [...metadata].sort((a, b) => b.versionRank - a.versionRank)[0];
    if (!newest)
      throw new DomainError('not_found', { kind: 'agreementMetadata', id: 'MicrosoftCustomerAgreement' });
    return newest;
  }
}
