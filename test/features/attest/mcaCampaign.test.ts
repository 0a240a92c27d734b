import { expect } from 'chai';
import { fixedClock } from '../../../src/domain/clock.js';
import { EnhancedAttestationService } from '../../../src/domain/services/enhancedAttestationService.js';
import { servicesOver } from '../../support/services.js';
import {
  CUSTOMERS,
  NOW,
  sandboxFixture,
  USERS,
  type SandboxFixture,
} from '../../partnerCenter/sandbox/sandboxFixture.js';

describe('MCA attestation campaign (one attestation and link per customer, exactly once)', () => {
  let fixture: SandboxFixture;
  afterEach(async () => fixture?.dispose());

  it('creates a link for the expired one, skips the others with the reason, and a second run creates nothing new', async () => {
    const clock = fixedClock(NOW);
    fixture = await sandboxFixture({ clock });
    const service = new EnhancedAttestationService(
      servicesOver(fixture.sandbox, clock),
      fixture.sandbox.attestations,
    );
    const actor = await fixture.actor(USERS.meganSalesAgent);
    const selected = [CUSTOMERS.lamnaLinkExpired, CUSTOMERS.alpineRenewalRequired, CUSTOMERS.fabrikamNoMca];
    const first = await service.campaign(actor, selected, 'campaign-1', 'en-US');
    expect(first.map((o) => [o.companyName, o.kind === 'created' ? 'created' : o.reason])).to.deep.equal([
      ['Lamna Healthcare', 'created'],
      ['Alpine Ski House', '600061'],
      ['Fabrikam, Inc.', 'required'],
    ]);
    const again = await service.campaign(actor, selected, 'campaign-1', 'en-US');
    // The link of the first run is pending now: nothing new for that customer.
    expect(again[0]).to.include({ kind: 'skipped', reason: 'linkPending' });
    expect(
      await fixture.sandbox.attestations.listEnhancedAttestations(CUSTOMERS.lamnaLinkExpired),
    ).to.have.length(2);
  });

  it('a Billing admin cannot start one', async () => {
    const clock = fixedClock(NOW);
    fixture = await sandboxFixture({ clock });
    const service = new EnhancedAttestationService(
      servicesOver(fixture.sandbox, clock),
      fixture.sandbox.attestations,
    );
    const actor = await fixture.actor(USERS.leeBillingAdmin);
    try {
      await service.campaign(actor, [CUSTOMERS.lamnaLinkExpired], 'c', 'en-US');
      expect.fail('should refuse');
    } catch (error) {
      expect((error as { code?: string }).code).to.equal('forbidden');
    }
  });
});
