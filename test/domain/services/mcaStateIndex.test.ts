import { expect } from 'chai';
import type { Agreement } from '../../../src/domain/agreements/agreement.js';
import type {
  EnhancedAttestation,
  McaStateKind,
} from '../../../src/domain/agreements/enhancedAttestation.js';
import type { Clock } from '../../../src/domain/clock.js';
import type { Customer } from '../../../src/domain/customers/customer.js';
import { DomainError } from '../../../src/domain/errors.js';
import type { CustomerPageRequest } from '../../../src/domain/partnerCenter/port.js';
import { McaStateIndex, type McaStateIndexOptions } from '../../../src/domain/services/mcaStateIndex.js';
import { EnhancedAttestationService } from '../../../src/domain/services/enhancedAttestationService.js';
import { servicesOver } from '../../support/services.js';
import { CUSTOMERS, NOW, sandboxFixture, USERS } from '../../partnerCenter/sandbox/sandboxFixture.js';

const START = '2026-12-01T10:00:00.000Z';
const MINUTE = 60_000;

/** A clock the test moves on. */
function movableClock(iso: string): Clock & { advance(ms: number): void } {
  let at = new Date(iso).getTime();
  return { now: () => new Date(at), advance: (ms) => (at += ms) };
}

/** One fake customer's MCA facts. */
interface Facts {
  signed?: boolean;
  agreements?: Agreement[];
  attestations?: EnhancedAttestation[];
  upgradeId?: string;
  /** The direct-sign read throws this (a failed read of this customer). */
  fails?: DomainError;
}

const idOf = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

function agreement(customerId: string, dateAgreed: string): Agreement {
  return {
    customerId,
    templateId: 't',
    type: 'MicrosoftCustomerAgreement',
    dateAgreed,
    recordedAt: dateAgreed,
    agreementLink: 'https://example.com/mca',
    primaryContact: { firstName: 'Ana', lastName: 'Lopez', email: 'ana@example.com' },
    userId: 'u',
  };
}

function attestation(customerId: string, createdAt: string, expiresAt: string): EnhancedAttestation {
  return {
    attestationId: `att-${customerId}`,
    customerId,
    status: 'pending',
    request: {
      country: 'US',
      language: 'en-US',
      companyName: 'x',
      signatoryFirstName: 'Ana',
      signatoryLastName: 'Lopez',
      signatoryEmail: 'ana@example.com',
    },
    createdAt,
    expiresAt,
    linkParameters: {},
  };
}

/**
 * A fake Partner Center of `count` customers whose facts the test sets (and changes), counting
 * calls; `hold(i)` makes reads of customer i wait until released.
 */
function fakePartnerCenter(count: number, facts: (i: number) => Facts = () => ({})) {
  const customers: Customer[] = Array.from({ length: count }, (_, i) => ({
    id: idOf(i),
    companyName: `Customer ${String(i).padStart(5, '0')}`,
    domain: `customer${i}.onmicrosoft.com`,
    country: 'US',
    resellerOfRecord: null,
    relationship: 'Reseller',
  }));
  const overrides = new Map<number, Facts>();
  const held = new Map<number, Promise<void>>();
  const releases: Array<() => void> = [];
  const factsOf = (id: string) => {
    const i = Number.parseInt(id.slice(-12), 10);
    return { i, facts: overrides.get(i) ?? facts(i) };
  };
  const calls: Record<string, number> = {};
  const counted = (name: string) => (calls[name] = (calls[name] ?? 0) + 1);
  const partnerCenter: McaStateIndexOptions['partnerCenter'] = {
    async listCustomersPage(request: CustomerPageRequest) {
      counted('listCustomersPage');
      const start = request.continuationToken ? Number(request.continuationToken) : 0;
      const end = Math.min(customers.length, start + Math.min(500, request.size));
      return {
        items: customers.slice(start, end),
        totalCount: customers.length,
        ...(end < customers.length ? { continuationToken: String(end) } : {}),
      };
    },
    async getDirectSignStatus(id: string) {
      counted('getDirectSignStatus');
      const { i, facts: f } = factsOf(id);
      await held.get(i);
      if (f.fails) throw f.fails;
      return { isSigned: f.signed === true };
    },
    async listMcaAgreements(id: string) {
      counted('listMcaAgreements');
      return factsOf(id).facts.agreements ?? [];
    },
    async getUpgradeEligibility(id: string) {
      counted('getUpgradeEligibility');
      const { facts: f } = factsOf(id);
      return {
        customerId: id,
        productFamily: 'Azure' as const,
        isEligible: false,
        ...(f.upgradeId ? { upgradeId: f.upgradeId } : {}),
      };
    },
    async getUpgradeStatus(id: string, upgradeId: string) {
      counted('getUpgradeStatus');
      return {
        id: upgradeId,
        customerId: id,
        productFamily: 'azure',
        status: 'inProgress',
        createdAt: '',
        completedAt: null,
        lineItems: [],
      } as unknown as Awaited<ReturnType<McaStateIndexOptions['partnerCenter']['getUpgradeStatus']>>;
    },
  };
  const attestations: McaStateIndexOptions['attestations'] = {
    async listEnhancedAttestations(id: string) {
      counted('listEnhancedAttestations');
      return factsOf(id).facts.attestations ?? [];
    },
  };
  return {
    partnerCenter,
    attestations,
    calls,
    total: () => Object.values(calls).reduce((a, b) => a + b, 0),
    set: (i: number, f: Facts) => overrides.set(i, f),
    /** Reads of customers from..count-1 wait until `release()`. */
    holdFrom(from: number) {
      const gate = new Promise<void>((resolve) => releases.push(resolve));
      for (let i = from; i < count; i += 1) held.set(i, gate);
    },
    release() {
      held.clear();
      releases.splice(0).forEach((r) => r());
    },
  };
}

function indexOver(
  fake: ReturnType<typeof fakePartnerCenter>,
  clock: Clock,
  extra: Partial<McaStateIndexOptions> = {},
) {
  return new McaStateIndex({
    partnerCenter: fake.partnerCenter,
    attestations: fake.attestations,
    clock,
    ttlMs: 15 * MINUTE,
    concurrency: 4,
    ...extra,
  });
}

const kinds = (rows: { state: McaStateKind }[]) => rows.map((r) => r.state);

describe('MCA state index (every customer, built in the background)', () => {
  it('builds every customer (500 a page) with the state mcaStateOf gives, in list order', async () => {
    const fake = fakePartnerCenter(1_203, (i) =>
      i % 3 === 0
        ? { signed: true }
        : i % 3 === 1
          ? { agreements: [agreement(idOf(i), '2024-05-01T00:00:00Z')] }
          : { agreements: [agreement(idOf(i), '2022-05-01T00:00:00Z')] },
    );
    const index = indexOver(fake, movableClock(START));
    await index.refresh();
    const board = await index.board();
    expect(board).to.include({ checked: 1_203, total: 1_203 });
    expect(kinds(board.rows.slice(0, 3))).to.deep.equal([
      'acceptedDirectly',
      'acceptedViaPartner',
      'renewalRequired',
    ]);
    expect(board.rows[1_202]!.companyName).to.equal('Customer 01202');
    expect(fake.calls.listCustomersPage, 'three pages of at most 500').to.equal(3);
    // Signed directly: direct-sign + upgrade eligibility; otherwise also agreements + attestations.
    expect(index.progress()).to.include({ building: false, failed: 0, buildCalls: fake.total() });
    expect(fake.total()).to.equal(3 + 401 * 2 + 802 * 4);
  });

  it('answers at once while the first build runs: what is known, and how many of how many', async () => {
    const fake = fakePartnerCenter(100);
    fake.holdFrom(10);
    const index = indexOver(fake, movableClock(START), { firstAnswerCustomers: 5 });
    const board = await index.board();
    expect(board.total).to.equal(100);
    expect(board.checked).to.be.at.least(5).and.below(100);
    expect(board.rows).to.have.length(board.checked);
    expect(index.progress()).to.include({ building: true, total: 100 });
    fake.release();
    await index.refresh();
    expect(await index.board()).to.include({ checked: 100, total: 100 });
  });

  it('a small partner gets the whole board at the first ask (fewer customers than the first answer waits for)', async () => {
    const index = indexOver(fakePartnerCenter(12), movableClock(START));
    expect(await index.board()).to.include({ checked: 12, total: 12 });
  });

  it('older than the TTL: the next use answers the stale entries at once and refreshes in the background', async () => {
    const clock = movableClock(START);
    const fake = fakePartnerCenter(20);
    const index = indexOver(fake, clock);
    await index.refresh();
    fake.set(3, { signed: true });
    clock.advance(14 * MINUTE);
    expect(kinds((await index.board()).rows)[3], 'within the TTL: not read again').to.equal('required');
    expect(index.progress().building).to.equal(false);
    clock.advance(2 * MINUTE);
    fake.holdFrom(0);
    const stale = await index.board();
    expect(kinds(stale.rows)[3], 'stale, answered while it refreshes').to.equal('required');
    expect(stale).to.include({ checked: 20, total: 20 });
    expect(index.progress().building).to.equal(true);
    fake.release();
    await index.refresh();
    expect(kinds((await index.board()).rows)[3]).to.equal('acceptedDirectly');
    expect(index.progress().builtAt).to.equal(
      new Date(new Date(START).getTime() + 16 * MINUTE).toISOString(),
    );
  });

  it('a customer the bot changed is read again at once: only that customer, no list call', async () => {
    const fake = fakePartnerCenter(50);
    const index = indexOver(fake, movableClock(START));
    await index.refresh();
    fake.set(7, { attestations: [attestation(idOf(7), '2026-12-01T09:00:00Z', '2026-12-08T09:00:00Z')] });
    const before = { ...fake.calls };
    index.changed(idOf(7));
    const board = await index.board();
    expect(kinds(board.rows)[7]).to.equal('linkPending');
    expect(fake.calls.listCustomersPage).to.equal(before.listCustomersPage);
    expect(fake.calls.getDirectSignStatus! - before.getDirectSignStatus!).to.equal(1);
  });

  it('a failed read of one customer keeps the others (and that customer’s previous entry on a refresh)', async () => {
    const clock = movableClock(START);
    const fake = fakePartnerCenter(30, (i) =>
      i === 4 ? { fails: new DomainError('500') } : { signed: i === 5 },
    );
    const index = indexOver(fake, clock);
    await index.refresh();
    const board = await index.board();
    expect(board).to.include({ checked: 29, total: 30 });
    expect(board.rows.map((r) => r.customerId)).not.to.include(idOf(4));
    expect(index.progress().failed).to.equal(1);
    // Refresh reads only the missing one again.
    fake.set(4, {});
    const before = fake.total();
    await index.fillGaps();
    expect(await index.board()).to.include({ checked: 30, total: 30 });
    expect(fake.total() - before).to.equal(4);
    // A later rebuild where customer 5 fails keeps what was known of it.
    fake.set(5, { fails: new DomainError('503') });
    clock.advance(16 * MINUTE);
    await index.refresh();
    const after = await index.board();
    expect(after.checked).to.equal(30);
    expect(after.rows.find((r) => r.customerId === idOf(5))!.state).to.equal('acceptedDirectly');
  });

  it('a caller who cannot read (not signed in) stops the build at once and is told so', async () => {
    const fake = fakePartnerCenter(2_000, () => ({ fails: new DomainError('sign_in_required') }));
    const index = indexOver(fake, movableClock(START));
    try {
      await index.board();
      expect.fail('should throw');
    } catch (error) {
      expect((error as DomainError).code).to.equal('sign_in_required');
    }
    expect(fake.calls.getDirectSignStatus, 'not every customer tried').to.be.below(20);
  });

  it('the state is worked out at answer time: a pending link expires on the clock without a read', async () => {
    const clock = movableClock(START);
    const fake = fakePartnerCenter(3, (i) =>
      i === 1 ? { attestations: [attestation(idOf(1), '2026-12-01T09:00:00Z', '2026-12-02T09:00:00Z')] } : {},
    );
    const index = indexOver(fake, clock, { ttlMs: 7 * 24 * 60 * MINUTE });
    await index.refresh();
    expect(kinds((await index.board()).rows)[1]).to.equal('linkPending');
    const calls = fake.total();
    clock.advance(24 * 60 * MINUTE);
    expect(kinds((await index.board()).rows)[1]).to.equal('linkExpired');
    expect(fake.total()).to.equal(calls);
  });

  it('a customer the customers list put in without attestations is not counted on the board until read', async () => {
    const fake = fakePartnerCenter(3);
    const index = indexOver(fake, movableClock(START));
    const customer = {
      id: idOf(1),
      companyName: 'Customer 00001',
      domain: 'customer1.onmicrosoft.com',
      country: 'US',
      resellerOfRecord: null,
      relationship: 'Reseller' as const,
    };
    index.adopt(customer, { agreements: [], directlySigned: false, upgrade: null });
    expect(await index.entry(idOf(1)), 'the list can use it').to.not.equal(undefined);
    expect(index.progress().checked).to.equal(0);
    await index.refresh();
    expect(await index.board()).to.include({ checked: 3, total: 3 });
  });

  it('knows the upgrade of each customer (eligibility, then status when one exists)', async () => {
    const fake = fakePartnerCenter(4, (i) => (i === 2 ? { upgradeId: 'up-2' } : {}));
    const index = indexOver(fake, movableClock(START));
    await index.refresh();
    expect((await index.entry(idOf(2)))!.upgrade).to.deep.equal({ id: 'up-2', status: 'inProgress' });
    expect((await index.entry(idOf(1)))!.upgrade).to.equal(null);
    expect(fake.calls.getUpgradeStatus).to.equal(1);
  });
});

describe('MCA board from the index (EnhancedAttestationService over the sandbox)', () => {
  it('an attestation the bot creates shows on the board at once (no TTL wait)', async () => {
    const clock = movableClock(NOW);
    const fixture = await sandboxFixture({ clock });
    try {
      const index = new McaStateIndex({
        partnerCenter: fixture.sandbox.partnerCenter,
        attestations: fixture.sandbox.attestations,
        clock,
        ttlMs: 15 * MINUTE,
        concurrency: 4,
      });
      const service = new EnhancedAttestationService(
        servicesOver(fixture.sandbox, clock),
        fixture.sandbox.attestations,
        index,
      );
      const actor = await fixture.actor(USERS.meganSalesAgent);
      const stateOf = async (id: string) =>
        (await service.board(actor)).rows.find((r) => r.customerId === id)?.state;
      expect(await stateOf(CUSTOMERS.fabrikamNoMca)).to.equal('required');
      expect(await stateOf(CUSTOMERS.hanbitDirectlySigned)).to.equal('acceptedDirectly');
      expect(await stateOf(CUSTOMERS.lamnaLinkExpired)).to.equal('linkExpired');
      await service.createAttestation(
        actor,
        CUSTOMERS.fabrikamNoMca,
        {
          country: 'US',
          language: 'en-US',
          companyName: 'Fabrikam, Inc.',
          firstName: 'Ana',
          lastName: 'Lopez',
          email: 'ana.lopez@fabrikam.com',
        },
        'req-index-1',
      );
      expect(await stateOf(CUSTOMERS.fabrikamNoMca)).to.equal('linkPending');
    } finally {
      await fixture.dispose();
    }
  });
});
