import { expect } from 'chai';
import path from 'node:path';
import { fixedClock } from '../../../src/domain/clock.js';
import { DomainError } from '../../../src/domain/errors.js';
import { AttestationService } from '../../../src/domain/services/attestationService.js';
import { openSandbox } from '../../../src/partnerCenter/sandbox/openSandbox.js';
import { servicesOver } from './serviceFixture.js';
import {
  CUSTOMERS,
  NOW,
  RESELLER_SEED,
  USERS,
  sandboxFixture,
  type SandboxFixture,
} from '../../partnerCenter/sandbox/sandboxFixture.js';

const form = {
  customerId: CUSTOMERS.fabrikamNoMca,
  firstName: 'Pradeep',
  lastName: 'Gupta',
  email: 'pradeep.gupta@fabrikam.com',
  dateAgreed: '2026-11-26',
};

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (e: DomainError) => e.code,
  );

describe('AttestationService (MCA attestation, sandbox backend)', () => {
  let fixture: SandboxFixture;
  let service: AttestationService;
  beforeEach(async () => {
    fixture = await sandboxFixture();
    service = new AttestationService(servicesOver(fixture.sandbox));
  });
  afterEach(async () => fixture.dispose());

  it('records an attestation by a Sales agent and shows it as the acceptance, attested by whom', async () => {
    const megan = await fixture.actor(USERS.meganSalesAgent);
    const agreement = await service.attest(megan, form, 'req-1');
    expect(agreement).to.include({
      customerId: CUSTOMERS.fabrikamNoMca,
      userId: USERS.meganSalesAgent,
      userDisplayName: 'Megan Bowen',
      dateAgreed: '2026-11-26T00:00:00.000Z',
    });
    const status = await service.status(megan, CUSTOMERS.fabrikamNoMca);
    expect(status.acceptance.kind).to.equal('attested');
    expect(status.metadata.agreementLink).to.equal('https://aka.ms/customeragreement');
    const [entry] = await fixture.sandbox.auditLog.list({ customerId: CUSTOMERS.fabrikamNoMca });
    expect(entry).to.include({
      operation: 'agreements.attest',
      userId: USERS.meganSalesAgent,
      requestId: 'req-1',
      outcome: 'succeeded',
    });
  });

  it('rule 3: the sandbox refuses a date agreed later than today in UTC with 600002', async () => {
    const adele = await fixture.actor(USERS.adeleAdminAgent);
    expect(await codeOf(service.attest(adele, { ...form, dateAgreed: '2026-11-27' }, 'req-f'))).to.equal(
      '600002',
    );
  });

  it('rule 6: identical contact data is refused with 600061, different contact data adds to the history', async () => {
    const megan = await fixture.actor(USERS.meganSalesAgent);
    await service.attest(megan, form, 'req-1');
    expect(
      await codeOf(service.attest(megan, { ...form, email: 'PRADEEP.GUPTA@fabrikam.com ' }, 'req-2')),
    ).to.equal('600061');
    await service.attest(megan, { ...form, phoneNumber: '+1 425 555 0100' }, 'req-3');
    expect((await service.status(megan, CUSTOMERS.fabrikamNoMca)).agreements).to.have.length(2);
  });

  it('rule 6: 600061 for an already attested customer re-posting the seeded contact', async () => {
    const megan = await fixture.actor(USERS.meganSalesAgent);
    const northwind = {
      customerId: CUSTOMERS.northwindAttested,
      firstName: 'Oliver',
      lastName: 'Bennett',
      email: 'oliver.bennett@northwindtraders.co.uk',
      phoneNumber: '+44 20 7946 0321',
      dateAgreed: '2026-11-20',
    };
    expect(await codeOf(service.attest(megan, northwind, 'req-n'))).to.equal('600061');
  });

  it('rule 7: Admin agent and Sales agent may attest; Billing admin and Global admin are refused', async () => {
    expect(await codeOf(service.attest(await fixture.actor(USERS.adeleAdminAgent), form, 'a'))).to.equal(
      'ok',
    );
    expect(await codeOf(service.attest(await fixture.actor(USERS.leeBillingAdmin), form, 'b'))).to.equal(
      'forbidden',
    );
    expect(await codeOf(service.attest(await fixture.actor(USERS.alexGlobalAdmin), form, 'c'))).to.equal(
      'forbidden',
    );
  });

  it('rule 7: an indirect reseller cannot attest and is sent to its indirect provider', async () => {
    const reseller = await openSandbox({
      dataFile: path.join(fixture.dir, 'reseller.json'),
      seedFile: RESELLER_SEED,
      clock: fixedClock(NOW),
    });
    try {
      const partner = await reseller.partnerCenter.getPartner();
      const user = await reseller.partnerCenter.findUser(
        partner.tenantId,
        '00000000-0000-0000-0000-0000000000120',
      );
      const error = await new AttestationService(servicesOver(reseller))
        .attest(
          { partner, user: user! },
          { ...form, customerId: '2ebd8cbc-557a-4b85-9a2c-b8f95691d5ce' },
          'r',
        )
        .then(
          () => undefined,
          (e: DomainError) => e,
        );
      expect(error?.code).to.equal('reseller_not_allowed');
    } finally {
      await reseller.close();
    }
  });

  it('rule 8: a customer who accepted directly needs no attestation (already_signed_directly)', async () => {
    const megan = await fixture.actor(USERS.meganSalesAgent);
    expect((await service.status(megan, CUSTOMERS.hanbitDirectlySigned)).acceptance.kind).to.equal(
      'directlySigned',
    );
    expect(
      await codeOf(service.attest(megan, { ...form, customerId: CUSTOMERS.hanbitDirectlySigned }, 'k')),
    ).to.equal('already_signed_directly');
  });

  it('validation errors name each bad field and do not use up the request id', async () => {
    const megan = await fixture.actor(USERS.meganSalesAgent);
    const error = await service.attest(megan, { ...form, email: 'nope' }, 'req-v').then(
      () => undefined,
      (e: DomainError) => e,
    );
    expect(error?.code).to.equal('validation');
    expect(error?.params.reasons).to.deep.equal(['email:invalidEmail']);
    expect(await codeOf(service.attest(megan, form, 'req-v'))).to.equal('ok');
  });

  it('20 concurrent duplicate submits of one form produce exactly one attestation and one audit entry', async () => {
    const megan = await fixture.actor(USERS.meganSalesAgent);
    const results = await Promise.all(
      Array.from({ length: 20 }, () => service.attest(megan, form, 'req-dup')),
    );
    expect(new Set(results.map((r) => r.recordedAt))).to.have.property('size', 1);
    expect(await fixture.sandbox.partnerCenter.listMcaAgreements(CUSTOMERS.fabrikamNoMca)).to.have.length(1);
    expect(await fixture.sandbox.auditLog.list({ customerId: CUSTOMERS.fabrikamNoMca })).to.have.length(1);
  });

  it('a redelivered submit after a restart returns the first attestation instead of 600061', async () => {
    const megan = await fixture.actor(USERS.meganSalesAgent);
    const first = await service.attest(megan, form, 'req-r');
    await fixture.sandbox.close();
    const restarted = new AttestationService(servicesOver(await fixture.reopen()));
    expect(await restarted.attest(megan, form, 'req-r')).to.deep.equal(first);
  });

  it('refuses a stale card: the same request id from another user or for another customer', async () => {
    await service.attest(await fixture.actor(USERS.meganSalesAgent), form, 'req-s');
    expect(await codeOf(service.attest(await fixture.actor(USERS.adeleAdminAgent), form, 'req-s'))).to.equal(
      'request_id_conflict',
    );
    expect(
      await codeOf(
        service.attest(
          await fixture.actor(USERS.meganSalesAgent),
          { ...form, customerId: CUSTOMERS.tailspinSharedServices },
          'req-s',
        ),
      ),
    ).to.equal('request_id_conflict');
  });
});
