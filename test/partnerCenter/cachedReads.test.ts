import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../../src/domain/clock.js';
import type { Subscription } from '../../src/domain/subscriptions/subscription.js';
import { CachedReads } from '../../src/partnerCenter/cachedReads.js';
import { openSandbox, type Sandbox } from '../../src/partnerCenter/sandbox/openSandbox.js';
import { countingPartnerCenter, total } from '../support/countingPartnerCenter.js';

/** A wall clock the test moves by hand. */
function handClock(start = Date.UTC(2026, 11, 15, 10)): Clock & { advance(ms: number): void } {
  let now = start;
  return {
    now: () => new Date(now),
    advance(ms: number) {
      now += ms;
    },
  };
}

const CONTOSO = '4a9d2601-413f-4fde-8fee-3c7987ff6ce9';
const FABRIKAM = 'e2ff5fb0-21c1-4137-be62-ee3eb86436a9';

describe('CachedReads: one customer\u2019s Partner Center reads kept for a short time', () => {
  let dir: string;
  let sandbox: Sandbox;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cached-reads-'));
    sandbox = await openSandbox({ dataFile: join(dir, 'sandbox.json') });
  });
  afterEach(async () => {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function cached(ttlMs = 30_000, maxCustomers?: number) {
    const clock = handClock();
    const counted = countingPartnerCenter(sandbox.partnerCenter);
    const attestationCalls: Record<string, number> = {};
    const attestations = new Proxy(sandbox.attestations, {
      get(target, property, receiver) {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== 'function' || typeof property !== 'string') return value;
        return (...args: unknown[]) => {
          attestationCalls[property] = (attestationCalls[property] ?? 0) + 1;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    const reads = new CachedReads(counted.partnerCenter as typeof sandbox.partnerCenter, attestations, {
      ttlMs,
      clock,
      ...(maxCustomers ? { maxCustomers } : {}),
    });
    return { reads, clock, calls: counted.calls, attestationCalls };
  }

  const kept: Array<[string, (r: CachedReads) => Promise<unknown>]> = [
    ['the customer', (r) => r.getCustomer(CONTOSO)],
    ['its MCA agreements', (r) => r.listMcaAgreements(CONTOSO)],
    ['its direct signature', (r) => r.getDirectSignStatus(CONTOSO)],
    ['its subscriptions', (r) => r.listSubscriptions(CONTOSO)],
    ['its plan availability', (r) => r.getAzurePlanAvailability(CONTOSO)],
    ['its upgrade eligibility', (r) => r.getUpgradeEligibility(CONTOSO)],
    ['the MCA metadata', (r) => r.getMcaMetadata()],
    ['a page of the customer list', (r) => r.listCustomersPage({ size: 5 })],
  ];
  for (const [what, read] of kept) {
    it(`asks Partner Center once for ${what} within the time, again after it`, async () => {
      const { reads, clock, calls } = cached();
      const first = await read(reads);
      expect(await read(reads)).to.deep.equal(first);
      expect(total(calls)).to.equal(1);
      clock.advance(what === 'the MCA metadata' ? 60 * 60_000 : 30_000);
      await read(reads);
      expect(total(calls)).to.equal(2);
    });
  }

  it('keeps each customer apart and forgets only the one it is told to', async () => {
    const { reads, calls } = cached();
    await reads.listSubscriptions(CONTOSO);
    await reads.listSubscriptions(FABRIKAM);
    reads.forget(FABRIKAM.toUpperCase());
    await reads.listSubscriptions(CONTOSO);
    await reads.listSubscriptions(FABRIKAM);
    expect(calls.listSubscriptions).to.equal(3);
  });

  it('reads a customer again after the bot changed it, and shows the change', async () => {
    const { reads, attestationCalls } = cached();
    expect(await reads.listEnhancedAttestations(FABRIKAM)).to.have.length(0);
    await reads.createEnhancedAttestation(FABRIKAM, {
      country: 'US',
      language: 'en-US',
      companyName: 'Fabrikam',
      signatoryFirstName: 'Ana',
      signatoryLastName: 'Bowman',
      signatoryEmail: 'ana@fabrikam.example',
    });
    expect(await reads.listEnhancedAttestations(FABRIKAM)).to.have.length(1);
    expect(attestationCalls.listEnhancedAttestations).to.equal(2);
  });

  it('never keeps what the poller and the acceptance sweep watch for changes', async () => {
    const { reads, calls, attestationCalls } = cached();
    const created = await reads.createEnhancedAttestation(FABRIKAM, {
      country: 'US',
      language: 'en-US',
      companyName: 'Fabrikam',
      signatoryFirstName: 'Ana',
      signatoryLastName: 'Bowman',
      signatoryEmail: 'ana@fabrikam.example',
    });
    await reads.listEnhancedAttestations(FABRIKAM);
    await reads.getEnhancedAttestation(created.attestationId);
    await reads.getEnhancedAttestation(created.attestationId);
    expect(attestationCalls.getEnhancedAttestation).to.equal(2);
    // Asking one attestation makes the customer's list be read again (its status may have moved).
    await reads.listEnhancedAttestations(FABRIKAM);
    expect(attestationCalls.listEnhancedAttestations).to.equal(2);
    await reads.getUpgradeStatus(CONTOSO, 'no-such-upgrade').catch(() => undefined);
    await reads.getUpgradeStatus(CONTOSO, 'no-such-upgrade').catch(() => undefined);
    expect(calls.getUpgradeStatus).to.equal(2);
  });

  it('does not keep a failed read: the next one asks again', async () => {
    const { reads, calls } = cached();
    const unknown = '11111111-2222-4333-8444-555555555555';
    for (let i = 0; i < 2; i += 1) {
      const error = await reads.getCustomer(unknown).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect((error as { code?: string }).code).to.equal('not_found');
    }
    expect(calls.getCustomer).to.equal(2);
  });

  it('does not keep a read that was running while the customer changed', async () => {
    const clock = handClock();
    let release: (value: Subscription[]) => void = () => undefined;
    let calls = 0;
    const slow = new Proxy(sandbox.partnerCenter, {
      get(target, property, receiver) {
        if (property === 'listSubscriptions')
          return () => {
            calls += 1;
            return calls === 1
              ? new Promise<Subscription[]>((resolve) => (release = resolve))
              : Promise.resolve([]);
          };
        return Reflect.get(target, property, receiver) as unknown;
      },
    });
    const reads = new CachedReads(slow, sandbox.attestations, { ttlMs: 30_000, clock });
    const old = reads.listSubscriptions(CONTOSO);
    reads.forget(CONTOSO);
    release([]);
    await old;
    await reads.listSubscriptions(CONTOSO);
    expect(calls).to.equal(2);
  });

  /** A Partner Center whose subscriptions answer is set by the test, counting the calls. */
  function scripted() {
    const clock = handClock();
    const answers: { next: Subscription[][]; calls: number; pending: Array<() => void> } = {
      next: [],
      calls: 0,
      pending: [],
    };
    const partnerCenter = new Proxy(sandbox.partnerCenter, {
      get(target, property, receiver) {
        if (property === 'listSubscriptions')
          return () => {
            answers.calls += 1;
            const answer = answers.next.shift() ?? [];
            return new Promise<Subscription[]>((resolve) => answers.pending.push(() => resolve(answer)));
          };
        return Reflect.get(target, property, receiver) as unknown;
      },
    });
    const reads = new CachedReads(partnerCenter, sandbox.attestations, { ttlMs: 30_000, clock });
    const answerAll = () => answers.pending.splice(0).forEach((resolve) => resolve());
    return { reads, clock, answers, answerAll };
  }
  const subscription = (id: string) => ({ id }) as unknown as Subscription;

  it('past its time (within as long again) answers at once with what it read, and reads again behind', async () => {
    const { reads, clock, answers, answerAll } = scripted();
    answers.next.push([subscription('old')], [subscription('new')]);
    const first = reads.listSubscriptions(CONTOSO);
    answerAll();
    expect((await first).map((s) => s.id)).to.deep.equal(['old']);
    clock.advance(45_000);
    // Answered without waiting for Partner Center (its answer is still pending here).
    expect((await reads.listSubscriptions(CONTOSO)).map((s) => s.id)).to.deep.equal(['old']);
    expect(answers.calls).to.equal(2);
    expect(
      (await reads.listSubscriptions(CONTOSO)).map((s) => s.id),
      'one refresh at a time',
    ).to.deep.equal(['old']);
    expect(answers.calls).to.equal(2);
    answerAll();
    await new Promise((resolve) => setImmediate(resolve));
    expect((await reads.listSubscriptions(CONTOSO)).map((s) => s.id)).to.deep.equal(['new']);
    expect(answers.calls).to.equal(2);
  });

  it('past twice its time the turn waits for a new read; a customer forgotten during a refresh gets no old answer back', async () => {
    const { reads, clock, answers, answerAll } = scripted();
    answers.next.push([subscription('first')], [subscription('second')], [subscription('third')]);
    const first = reads.listSubscriptions(CONTOSO);
    answerAll();
    await first;
    clock.advance(60_000);
    const waited = reads.listSubscriptions(CONTOSO);
    answerAll();
    expect((await waited).map((s) => s.id)).to.deep.equal(['second']);
    clock.advance(31_000);
    expect((await reads.listSubscriptions(CONTOSO)).map((s) => s.id)).to.deep.equal(['second']);
    reads.forget(CONTOSO); // the bot changed the customer while the refresh ran
    answerAll();
    await new Promise((resolve) => setImmediate(resolve));
    const after = reads.listSubscriptions(CONTOSO);
    answerAll();
    expect((await after).map((s) => s.id)).to.deep.equal([]);
    expect(answers.calls).to.equal(4);
  });

  it('keeps at most maxCustomers customers (the least recently read goes first)', async () => {
    const { reads, calls } = cached(30_000, 1);
    await reads.listSubscriptions(CONTOSO);
    await reads.listSubscriptions(FABRIKAM);
    await reads.listSubscriptions(CONTOSO);
    expect(calls.listSubscriptions).to.equal(3);
  });

  it('with a time of 0 asks Partner Center every time', async () => {
    const { reads, calls } = cached(0);
    await reads.getCustomer(CONTOSO);
    await reads.getCustomer(CONTOSO);
    await reads.getMcaMetadata();
    await reads.getMcaMetadata();
    expect(total(calls)).to.equal(4);
  });
});
