import { randomUUID } from 'node:crypto';
import { MCA_AGREEMENT_TYPE, type Agreement } from '../../domain/agreements/agreement.js';
import { sameContact } from '../../domain/agreements/attestationRules.js';
import {
  effectiveStatus,
  signatoryContact,
  type EnhancedAttestation,
  type EnhancedAttestationRequest,
} from '../../domain/agreements/enhancedAttestation.js';
import type { Clock } from '../../domain/clock.js';
import { normalizeGuid } from '../../domain/customers/guid.js';
import { DomainError } from '../../domain/errors.js';
import type { EnhancedAttestationPort } from '../../domain/partnerCenter/port.js';
import type { SandboxData } from './sandboxData.js';
import type { SandboxStore } from './sandboxStore.js';

/** Default lifetime of an acceptance link in the sandbox (the docs name none; ATTESTATION_LINK_TTL_HOURS). */
export const DEFAULT_ATTESTATION_LINK_TTL_HOURS = 168;

export interface SandboxAttestationOptions {
  clock: Clock;
  linkTtlHours?: number;
  newId?: () => string;
}

/** Told when a signatory accepted in the (local) acceptance component. */
export type AcceptanceListener = (attestation: EnhancedAttestation) => void | Promise<void>;

/** What the acceptance page shows: the attestation, the customer and the agreement document. */
export interface AcceptancePageData {
  attestation: EnhancedAttestation;
  companyName: string;
  agreementTitle: string;
  agreementLink: string;
}

/**
 * The enhanced attestation API in the embedded sandbox, with the rules of the Learn pages:
 * indirect resellers refused, direct acceptance makes it unnecessary, 600061 for a signatory whose
 * first name, last name, e-mail and phone all repeat, links that expire (a setting here; API data
 * for the real service), the agreement only from an accepted attestation, and only once.
 * `accept` plays Microsoft's acceptance component (the local acceptance page calls it).
 */
export class SandboxAttestations implements EnhancedAttestationPort {
  private readonly listeners = new Set<AcceptanceListener>();
  private readonly newId: () => string;

  constructor(
    private readonly store: SandboxStore,
    private readonly options: SandboxAttestationOptions,
  ) {
    this.newId = options.newId ?? randomUUID;
  }

  private now(): Date {
    return this.options.clock.now();
  }

  /** Returns a function that unsubscribes. */
  onAccepted(listener: AcceptanceListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async createEnhancedAttestation(
    customerId: string,
    request: EnhancedAttestationRequest,
  ): Promise<EnhancedAttestation> {
    return this.store.mutate((data) => {
      if (data.partner.type === 'IndirectReseller')
        throw new DomainError('reseller_not_allowed', {
          operation: 'agreements.attest',
          partner: data.partner.name,
        });
      customerIn(data, customerId);
      if (data.directlySigned.includes(customerId))
        throw new DomainError('already_signed_directly', { customerId });
      const contact = signatoryContact(request);
      if (data.agreements.some((a) => a.customerId === customerId && sameContact(a.primaryContact, contact)))
        throw new DomainError('600061', { customerId });
      const now = this.now();
      const attestationId = this.newId();
      const ttlHours = this.options.linkTtlHours ?? DEFAULT_ATTESTATION_LINK_TTL_HOURS;
      const attestation: EnhancedAttestation = {
        attestationId,
        customerId,
        status: 'pending',
        request: structuredClone(request),
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + ttlHours * 3_600_000).toISOString(),
        linkParameters: { attestationId, language: request.language, country: request.country },
      };
      (data.enhancedAttestations ??= []).push(attestation);
      return structuredClone(attestation);
    });
  }

  async getEnhancedAttestation(attestationId: string): Promise<EnhancedAttestation> {
    return this.store.read((data) => this.current(attestationIn(data, attestationId)));
  }

  async listEnhancedAttestations(customerId: string): Promise<EnhancedAttestation[]> {
    return this.store.read((data) => {
      customerIn(data, customerId);
      return (data.enhancedAttestations ?? [])
        .filter((a) => a.customerId === customerId)
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
        .map((a) => this.current(a));
    });
  }

  async createAgreementFromAttestation(customerId: string, attestationId: string): Promise<Agreement> {
    return this.store.mutate((data) => {
      customerIn(data, customerId);
      const stored = attestationIn(data, attestationId);
      if (stored.customerId !== customerId)
        throw new DomainError('not_found', { kind: 'attestation', id: attestationId });
      const status = effectiveStatus(stored, this.now());
      if (status === 'agreementCreated') throw new DomainError('600061', { customerId });
      if (status !== 'accepted') throw new DomainError('attestation_not_accepted', { status });
      const metadata = [...data.agreementMetadata]
        .filter((m) => m.agreementType === MCA_AGREEMENT_TYPE)
        .sort((a, b) => b.versionRank - a.versionRank)[0];
      if (!metadata)
        throw new DomainError('not_found', { kind: 'agreementMetadata', id: MCA_AGREEMENT_TYPE });
      const agreement: Agreement = {
        customerId,
        primaryContact: signatoryContact(stored.request),
        dateAgreed: stored.acceptedAt ?? this.now().toISOString(),
        templateId: metadata.templateId,
        type: MCA_AGREEMENT_TYPE,
        // App-only: the agreement is the application's, not a partner user's.
        userId: 'app-only',
        recordedAt: this.now().toISOString(),
        agreementLink: metadata.agreementLink,
        attestationId,
      };
      data.agreements.push(agreement);
      stored.status = 'agreementCreated';
      return structuredClone(agreement);
    });
  }

  // — what Microsoft's acceptance component does (sandbox only) —

  /** The acceptance page's content, or not_found. */
  async acceptancePage(attestationId: string): Promise<AcceptancePageData> {
    return this.store.read((data) => {
      const attestation = this.current(attestationIn(data, attestationId));
      const customer = customerIn(data, attestation.customerId);
      const metadata = data.agreementMetadata.find((m) => m.agreementType === MCA_AGREEMENT_TYPE);
      return {
        attestation,
        companyName: customer.companyName,
        agreementTitle: 'Microsoft Customer Agreement',
        agreementLink: metadata?.agreementLink ?? '',
      };
    });
  }

  /**
   * The signatory accepts. Throws attestation_expired for an expired link; accepting twice is a
   * no-op (the listeners hear it once). Listeners run after the change is stored.
   */
  async accept(attestationId: string): Promise<EnhancedAttestation> {
    const { attestation, changed } = await this.store.mutate((data) => {
      const stored = attestationIn(data, attestationId);
      const status = effectiveStatus(stored, this.now());
      if (status === 'expired') throw new DomainError('attestation_expired', { attestationId });
      if (status !== 'pending') return { attestation: structuredClone(stored), changed: false };
      stored.status = 'accepted';
      stored.acceptedAt = this.now().toISOString();
      return { attestation: structuredClone(stored), changed: true };
    });
    if (changed) {
      await Promise.allSettled([...this.listeners].map(async (listener) => listener(attestation)));
    }
    return attestation;
  }

  private current(attestation: EnhancedAttestation): EnhancedAttestation {
    return { ...structuredClone(attestation), status: effectiveStatus(attestation, this.now()) };
  }
}

function customerIn(data: Readonly<SandboxData>, customerId: string) {
  const customer = data.customers.find((c) => c.id === customerId);
  if (!customer) throw new DomainError('not_found', { kind: 'customer', id: customerId });
  return customer;
}

function attestationIn(data: Readonly<SandboxData>, attestationId: string): EnhancedAttestation {
  const id = normalizeGuid(attestationId);
  const attestation = (data.enhancedAttestations ?? []).find((a) => a.attestationId.toLowerCase() === id);
  if (!attestation) throw new DomainError('not_found', { kind: 'attestation', id: attestationId });
  return attestation;
}
