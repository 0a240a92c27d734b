import { expect } from 'chai';
import {
  mcaStateOf,
  type EnhancedAttestationRequest,
} from '../../../src/domain/agreements/enhancedAttestation.js';
import type { Clock } from '../../../src/domain/clock.js';
import { DomainError } from '../../../src/domain/errors.js';
import { CUSTOMERS, NOW, RESELLER_SEED, sandboxFixture, type SandboxFixture } from './sandboxFixture.js';

const request: EnhancedAttestationRequest = {
  country: 'US',
  language: 'en-US',
  companyName: 'Fabrikam, Inc.',
  signatoryFirstName: 'Ana',
  signatoryLastName: 'Lopez',
  signatoryEmail: 'ana.lopez@fabrikam.com',
  signatoryPhoneNumber: '+1 206 555 0100',
};

/** A clock the test moves forward by hand. */
function movableClock(iso: string): Clock & { advanceHours(hours: number): void } {
  let at = new Date(iso).getTime();
  return { now: () => new Date(at), advanceHours: (hours) => (at += hours * 3_600_000) };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return 'no error';
}

describe('sandbox: MCA enhanced attestation rules', () => {
  let fixture: SandboxFixture;
  let clock: ReturnType<typeof movableClock>;
  beforeEach(async () => {
    clock = movableClock(NOW);
    fixture = await sandboxFixture({ clock, attestationLinkTtlHours: 24 });
  });
  afterEach(async () => fixture.dispose());

  it('attestation → the signatory accepts → the agreement is created from it, once', async () => {
    const api = fixture.sandbox.attestations;
    const heard: string[] = [];
    api.onAccepted((a) => void heard.push(a.attestationId));
    const created = await api.createEnhancedAttestation(CUSTOMERS.fabrikamNoMca, request);
    expect(created.status).to.equal('pending');
    expect(created.expiresAt).to.equal('2026-11-27T12:00:00.000Z', 'ATTESTATION_LINK_TTL_HOURS=24');
    expect(created.linkParameters).to.deep.equal({
      attestationId: created.attestationId,
      language: 'en-US',
      country: 'US',
    });
    expect(
      await codeOf(api.createAgreementFromAttestation(CUSTOMERS.fabrikamNoMca, created.attestationId)),
    ).to.equal('attestation_not_accepted');

    await api.accept(created.attestationId);
    await api.accept(created.attestationId); // a second click on Accept
    expect(heard).to.deep.equal([created.attestationId]);
    expect((await api.getEnhancedAttestation(created.attestationId)).status).to.equal('accepted');

    const agreement = await api.createAgreementFromAttestation(
      CUSTOMERS.fabrikamNoMca,
      created.attestationId,
    );
    expect(agreement).to.include({
      attestationId: created.attestationId,
      type: 'MicrosoftCustomerAgreement',
    });
    expect(agreement.primaryContact).to.include({ firstName: 'Ana', lastName: 'Lopez' });
    expect(
      await codeOf(api.createAgreementFromAttestation(CUSTOMERS.fabrikamNoMca, created.attestationId)),
    ).to.equal('600061');
    expect(await fixture.sandbox.partnerCenter.listMcaAgreements(CUSTOMERS.fabrikamNoMca)).to.have.length(1);
  });

  it('600061 when first name, last name, e-mail and phone all repeat an agreement on record', async () => {
    const api = fixture.sandbox.attestations;
    const northwind = {
      ...request,
      companyName: 'Northwind Traders Ltd',
      country: 'GB',
      signatoryFirstName: 'oliver',
      signatoryLastName: 'Bennett',
      signatoryEmail: 'Oliver.Bennett@northwindtraders.co.uk',
      signatoryPhoneNumber: '+44 20 7946 0321',
    };
    expect(await codeOf(api.createEnhancedAttestation(CUSTOMERS.northwindAttested, northwind))).to.equal(
      '600061',
    );
    // Another phone number is another signatory record: allowed.
    const other = await api.createEnhancedAttestation(CUSTOMERS.northwindAttested, {
      ...northwind,
      signatoryPhoneNumber: '+44 20 7946 0999',
    });
    expect(other.status).to.equal('pending');
  });

  it('the link expires after the configured lifetime; accepting then is refused', async () => {
    const api = fixture.sandbox.attestations;
    const created = await api.createEnhancedAttestation(CUSTOMERS.fabrikamNoMca, request);
    clock.advanceHours(23);
    expect((await api.getEnhancedAttestation(created.attestationId)).status).to.equal('pending');
    clock.advanceHours(1);
    expect((await api.getEnhancedAttestation(created.attestationId)).status).to.equal('expired');
    expect(await codeOf(api.accept(created.attestationId))).to.equal('attestation_expired');
  });

  it('a customer who accepted in the admin center needs no attestation', async () => {
    const code = await codeOf(
      fixture.sandbox.attestations.createEnhancedAttestation(CUSTOMERS.hanbitDirectlySigned, request),
    );
    expect(code).to.equal('already_signed_directly');
  });

  it('seeds one customer in each state, including renewal required and an expired link', async () => {
    const pc = fixture.sandbox.partnerCenter;
    const api = fixture.sandbox.attestations;
    const stateOf = async (id: string) =>
      mcaStateOf(
        {
          agreements: await pc.listMcaAgreements(id),
          directlySigned: (await pc.getDirectSignStatus(id)).isSigned,
          attestations: await api.listEnhancedAttestations(id),
        },
        clock.now(),
      ).kind;
    expect(await stateOf(CUSTOMERS.fabrikamNoMca)).to.equal('required');
    expect(await stateOf(CUSTOMERS.alpineRenewalRequired)).to.equal('renewalRequired');
    expect(await stateOf(CUSTOMERS.relecloudLinkPending)).to.equal('linkPending');
    expect(await stateOf(CUSTOMERS.lamnaLinkExpired)).to.equal('linkExpired');
    expect(await stateOf(CUSTOMERS.vanArsdelReadyToCreate)).to.equal('readyToCreateAgreement');
    expect(await stateOf(CUSTOMERS.hanbitDirectlySigned)).to.equal('acceptedDirectly');
    expect(await stateOf(CUSTOMERS.northwindAttested)).to.equal('acceptedViaPartner');
  });
});

describe('sandbox: an indirect reseller cannot use the enhanced attestation API', () => {
  it('refuses with reseller_not_allowed', async () => {
    const fixture = await sandboxFixture({ seedFile: RESELLER_SEED });
    try {
      const [customer] = await fixture.sandbox.partnerCenter.listCustomers();
      const code = await codeOf(fixture.sandbox.attestations.createEnhancedAttestation(customer.id, request));
      expect(code).to.equal('reseller_not_allowed');
    } finally {
      await fixture.dispose();
    }
  });
});
