import type { Agreement } from '../agreements/agreement.js';
import {
  mcaStateOf,
  signatoryContact,
  validateSignatory,
  type BoardRow,
  type EnhancedAttestation,
  type McaState,
  type SignatoryInput,
} from '../agreements/enhancedAttestation.js';
import type { Clock } from '../clock.js';
import type { Customer } from '../customers/customer.js';
import { DomainError } from '../errors.js';
import { assertCan, type Actor } from '../identity/actor.js';
import type { EnhancedAttestationPort } from '../partnerCenter/port.js';
import type { McaStateIndex } from './mcaStateIndex.js';
import { auditedOnce, requireCustomerId, type ServiceDependencies } from './serviceContext.js';

export interface McaStatus {
  customer: Customer;
  state: McaState;
  /** The MCA document (agreement metadata) the form links to. */
  agreementLink: string;
}

/** The MCA board: the rows known now and how many of how many customers are checked. */
export interface McaBoard {
  rows: BoardRow[];
  /** Customers whose state is known (the rows). */
  checked: number;
  /** Customers in the partner's list. While the index is first built, checked < total. */
  total: number;
}

/** One customer's outcome in an attestation campaign. */
export type CampaignOutcome =
  | { customerId: string; companyName: string; kind: 'created'; attestation: EnhancedAttestation }
  | { customerId: string; companyName: string; kind: 'skipped'; reason: string };

/** The request id that creates the agreement from an attestation: one agreement per attestation. */
export function agreementRequestId(attestationId: string): string {
  return `agreement-from-${attestationId}`;
}

/**
 * MCA attestation with the enhanced attestation API (issue 14). Admin agent / Sales agent only;
 * indirect resellers are refused (assertCan: reseller_not_allowed). Every state change runs exactly
 * once per request id and is audited.
 */
export class EnhancedAttestationService {
  constructor(
    private readonly deps: ServiceDependencies,
    private readonly attestations: EnhancedAttestationPort,
    /** Every customer's MCA state, built in the background (the board); without it the board reads each customer. */
    private readonly index?: McaStateIndex,
  ) {}

  private get clock(): Clock {
    return this.deps.clock;
  }

  /** The customer's MCA state. Throws forbidden, validation, not_found. */
  async status(actor: Actor, customerId: string): Promise<McaStatus> {
    assertCan(actor, 'agreements.view');
    const id = requireCustomerId(customerId);
    const pc = this.deps.partnerCenter;
    const [customer, agreements, directSign, attestations, metadata] = await Promise.all([
      pc.getCustomer(id),
      pc.listMcaAgreements(id),
      pc.getDirectSignStatus(id),
      this.attestations.listEnhancedAttestations(id),
      pc.getMcaMetadata(),
    ]);
    const newest = [...metadata].sort((a, b) => b.versionRank - a.versionRank)[0];
    return {
      customer,
      agreementLink: newest?.agreementLink ?? '',
      state: mcaStateOf({ agreements, directlySigned: directSign.isSigned, attestations }, this.clock.now()),
    };
  }

  /**
   * Every customer with its state (the MCA board), from the index at once: while its first build
   * runs, the customers checked so far. `refresh` (the board's button) reads again the customers
   * whose read failed, or starts the build.
   */
  async board(actor: Actor, options: { refresh?: boolean } = {}): Promise<McaBoard> {
    assertCan(actor, 'agreements.view');
    if (this.index) {
      if (options.refresh) await this.index.fillGaps();
      return this.index.board();
    }
    const rows = await this.readBoard(actor);
    return { rows, checked: rows.length, total: rows.length };
  }

  /** The board without an index: five calls per customer, one customer after another. */
  private async readBoard(actor: Actor): Promise<BoardRow[]> {
    const customers = await this.deps.partnerCenter.listCustomers();
    const rows: BoardRow[] = [];
    for (const customer of customers) {
      const { state } = await this.status(actor, customer.id);
      rows.push({
        customerId: customer.id,
        companyName: customer.companyName,
        state: state.kind,
        country: customer.country,
      });
    }
    return rows;
  }

  /**
   * Creates the attestation (step 1) exactly once per request id. Throws reseller_not_allowed,
   * forbidden, validation (signatory fields), already_signed_directly, 600061, not_found,
   * request_id_conflict, request_in_progress.
   */
  async createAttestation(
    actor: Actor,
    customerId: string,
    input: SignatoryInput,
    requestId: string,
  ): Promise<EnhancedAttestation> {
    assertCan(actor, 'agreements.attest');
    const id = requireCustomerId(customerId);
    const request = validateSignatory(input);
    return auditedOnce(
      this.deps,
      actor,
      'agreements.attestEnhanced',
      id,
      requestId,
      request,
      () => this.attestations.createEnhancedAttestation(id, request),
      (a) => ({ attestationId: a.attestationId }),
    ).finally(() => this.index?.changed(id));
  }

  /** The attestation's status now. */
  async attestation(actor: Actor, attestationId: string): Promise<EnhancedAttestation> {
    assertCan(actor, 'agreements.view');
    return this.attestations.getEnhancedAttestation(attestationId);
  }

  /**
   * Creates the agreement from an accepted attestation (step 3), exactly once per attestation —
   * whoever clicks, however often, also after a restart. Throws attestation_not_accepted, 600061,
   * forbidden, not_found.
   */
  async createAgreement(actor: Actor, customerId: string, attestationId: string): Promise<Agreement> {
    assertCan(actor, 'agreements.attest');
    const id = requireCustomerId(customerId);
    return auditedOnce(
      this.deps,
      actor,
      'agreements.createFromAttestation',
      id,
      agreementRequestId(attestationId),
      { attestationId },
      () => this.attestations.createAgreementFromAttestation(id, attestationId),
      (agreement) => ({ attestationId, dateAgreed: agreement.dateAgreed }),
    ).finally(() => this.index?.changed(id));
  }

  /**
   * An attestation campaign: one attestation (and link) per selected customer, exactly once per
   * customer for this campaign id. The signatory is the one on record (the expired link's, or the
   * old agreement's for a renewal); customers without one, or that need none, are skipped.
   */
  async campaign(
    actor: Actor,
    customerIds: readonly string[],
    campaignId: string,
    language: string,
  ): Promise<CampaignOutcome[]> {
    assertCan(actor, 'agreements.attest');
    const outcomes: CampaignOutcome[] = [];
    for (const customerId of new Set(customerIds.map(requireCustomerId))) {
      const { customer, state } = await this.status(actor, customerId);
      const base = { customerId, companyName: customer.companyName };
      const signatory =
        state.kind === 'linkExpired'
          ? signatoryContact(state.attestation.request)
          : state.kind === 'renewalRequired'
            ? state.agreement.primaryContact
            : undefined;
      if (state.kind !== 'linkExpired' && state.kind !== 'renewalRequired') {
        outcomes.push({ ...base, kind: 'skipped', reason: state.kind });
        continue;
      }
      if (!signatory) {
        outcomes.push({ ...base, kind: 'skipped', reason: 'noSignatory' });
        continue;
      }
      try {
        const attestation = await this.createAttestation(
          actor,
          customerId,
          {
            country: customer.country,
            language: state.kind === 'linkExpired' ? state.attestation.request.language : language,
            companyName: customer.companyName,
            firstName: signatory.firstName,
            lastName: signatory.lastName,
            email: signatory.email,
            phoneNumber: signatory.phoneNumber,
          },
          `${campaignId}:${customerId}`,
        );
        outcomes.push({ ...base, kind: 'created', attestation });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        outcomes.push({ ...base, kind: 'skipped', reason: error.code });
      }
    }
    return outcomes;
  }
}
