import { expect } from 'chai';
import type { Clock } from '../../../src/domain/clock.js';
import type { Actor } from '../../../src/domain/identity/actor.js';
import type { EnhancedAttestationPort, PartnerCenter } from '../../../src/domain/partnerCenter/port.js';
import { CustomerDirectory } from '../../../src/domain/services/customerDirectory.js';
import { McaStateIndex } from '../../../src/domain/services/mcaStateIndex.js';
import { PARTNER, user } from '../../support/fakeDirectory.js';
import { bigPartnerCenter, countingPartnerCenter, total } from '../../support/countingPartnerCenter.js';

const actor: Actor = { partner: PARTNER, user: user('u-1', 'Admin', ['AdminAgent']) };
const FIRST = { page: 1, token: '', trail: [] };
const PAGE = 10;

function movableClock(iso: string): Clock & { advance(ms: number): void } {
  let at = new Date(iso).getTime();
  return { now: () => new Date(at), advance: (ms) => (at += ms) };
}

/** bigPartnerCenter: every 7th customer legacy, every other one signed directly, no upgrade started. */
function setUp(count = 10_000, inner: PartnerCenter = bigPartnerCenter(count)) {
  const clock = movableClock('2026-12-01T10:00:00Z');
  // The attestation port is counted with the rest (one wrapper: the index's own count must match).
  Object.assign(inner, { listEnhancedAttestations: async () => [] });
  const counted = countingPartnerCenter(inner);
  const index = new McaStateIndex({
    partnerCenter: counted.partnerCenter,
    attestations: counted.partnerCenter as unknown as EnhancedAttestationPort,
    clock,
    ttlMs: 15 * 60_000,
    concurrency: 4,
  });
  const directory = new CustomerDirectory(counted.partnerCenter, {
    clock,
    stateTtlMs: 30_000,
    mcaIndex: index,
  });
  /** Calls since `from` that were not the index's background build. */
  const pageCalls = (from: { calls: number; build: number }) =>
    total(counted.calls) - from.calls - (index.progress().buildCalls - from.build);
  const mark = () => ({ calls: total(counted.calls), build: index.progress().buildCalls });
  return { directory, index, calls: counted.calls, clock, pageCalls, mark, inner };
}

describe('customers with the MCA state index: one list call + one subscriptions call per shown customer', () => {
  for (const page of [1, 2, 5]) {
    it(`page ${page} with a warm index costs exactly 1 + ${PAGE} calls (list + listSubscriptions)`, async () => {
      const { directory, index, calls, mark, pageCalls } = setUp();
      await index.refresh();
      let cursor = FIRST;
      for (let n = 1; n < page; n += 1) {
        const shown = await directory.listPage(actor, PAGE, cursor);
        cursor = { page: n + 1, token: shown.nextToken ?? '', trail: [] };
      }
      const before = mark();
      const subscriptionsBefore = calls.listSubscriptions ?? 0;
      const shown = await directory.listPage(actor, PAGE, cursor);
      expect(shown.summaries).to.have.length(PAGE);
      expect(pageCalls(before)).to.equal(1 + PAGE);
      expect((calls.listSubscriptions ?? 0) - subscriptionsBefore).to.equal(PAGE);
    });
  }

  it('shows the same rows as without the index (MCA, plan, legacy, upgrade)', async () => {
    const { directory, index, inner } = setUp(40);
    await index.refresh();
    const indexed = await directory.listPage(actor, PAGE, FIRST);
    const plain = await new CustomerDirectory(inner).listPage(actor, PAGE, FIRST);
    expect(indexed.summaries).to.deep.equal(plain.summaries);
  });

  it('cold: a customer the index does not have is read on demand and put in; its next view costs one call', async () => {
    const { directory, index, clock, mark, pageCalls } = setUp(10_000);
    const before = mark();
    const cold = await directory.listPage(actor, PAGE, FIRST);
    // As without the index: direct-sign + subscriptions; agreements for the 5 not signed directly;
    // the upgrade for the 2 legacy ones.
    expect(pageCalls(before)).to.equal(1 + PAGE * 2 + 5 + 2);
    for (const row of cold.summaries) expect(await index.entry(row.customer.id)).to.not.equal(undefined);
    clock.advance(60_000); // past the subscriptions' 30 s
    const again = mark();
    await directory.listPage(actor, PAGE, FIRST);
    expect(pageCalls(again)).to.equal(1 + PAGE);
  });

  it('a legacy customer whose upgrade the index does not know costs the upgrade read too (2 calls more at most)', async () => {
    const inner = bigPartnerCenter(30);
    let eligibilityFails = true;
    const eligibility = inner.getUpgradeEligibility.bind(inner);
    Object.assign(inner, {
      getUpgradeEligibility: async (id: string) => {
        if (eligibilityFails) throw new Error('503');
        return eligibility(id);
      },
    });
    const { directory, index, mark, pageCalls } = setUp(30, inner);
    await index.refresh();
    eligibilityFails = false;
    const before = mark();
    const shown = await directory.listPage(actor, PAGE, FIRST);
    // Customers 0 and 7 are legacy: eligibility (no upgrade id, so no status call) for each.
    expect(pageCalls(before)).to.equal(1 + PAGE + 2);
    expect(shown.summaries[7]!.upgrade).to.equal(null);
    expect((await index.entry(shown.summaries[7]!.customer.id))!.upgrade, 'now known').to.equal(null);
  });

  it('a customer the bot changed (forget) is read again before it is shown', async () => {
    const { directory, index, inner } = setUp(30);
    await index.refresh();
    const row = async () => (await directory.listPage(actor, PAGE, FIRST)).summaries[1]!.mca.kind;
    expect(await row()).to.equal('none');
    Object.assign(inner, { getDirectSignStatus: async () => ({ isSigned: true }) });
    expect(await row(), 'the index, within its TTL').to.equal('none');
    directory.forget('00000000-0000-4000-8000-000000000001');
    expect(await row()).to.equal('directlySigned');
  });
});
