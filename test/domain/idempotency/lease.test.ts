import { expect } from 'chai';
import { fixedClock, type Clock } from '../../../src/domain/clock.js';
import { DomainError } from '../../../src/domain/errors.js';
import { ExactlyOnce } from '../../../src/domain/idempotency/exactlyOnce.js';
import { fingerprintOf } from '../../../src/domain/idempotency/fingerprint.js';
import { InMemoryIdempotencyStore } from '../../../src/domain/idempotency/idempotencyStore.js';

const NOW = '2026-11-26T12:00:00.000Z';
const KEY = 'test.op:t1:r1';
const PAYLOAD = { customerId: 'c1' };
const request = { scope: 'test.op', tenantId: 't1', requestId: 'r1', payload: PAYLOAD };

/** A clock the test moves by hand (no sleeping until a lease ends). */
function manualClock(iso: string): Clock & { set(iso: string): void } {
  let at = new Date(iso);
  return { now: () => new Date(at), set: (next: string) => (at = new Date(next)) };
}

/** What a process killed mid-effect leaves behind: an in-flight record it will never complete. */
async function leftInFlight(store: InMemoryIdempotencyStore, leaseUntil: string): Promise<void> {
  const reservation = await store.reserve(KEY, fingerprintOf(PAYLOAD), {
    owner: 'killed-process#1',
    at: '2026-11-26T11:59:55.000Z',
    leaseUntil,
  });
  expect(reservation.reserved).to.equal(true);
}

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('exactly-once: in-flight leases (a killed process never blocks its request id)', () => {
  it('a redelivery that finds the lease of a killed process ended takes it over and completes the request once', async () => {
    const store = new InMemoryIdempotencyStore();
    await leftInFlight(store, '2026-11-26T11:59:59.000Z');
    const restarted = new ExactlyOnce(store, fixedClock(NOW));
    let effects = 0;
    const effect = async () => ({ orderId: `order-${++effects}` });

    expect(await restarted.run(request, effect)).to.deep.equal({ orderId: 'order-1' });
    expect(await restarted.run(request, effect)).to.deep.equal({ orderId: 'order-1' });
    expect(effects).to.equal(1);
    expect(await store.get(KEY)).to.include({ state: 'succeeded', completedAt: NOW });
  });

  it('two instances redelivering the same ended lease at once run the effect once and give the same answer', async () => {
    const store = new InMemoryIdempotencyStore();
    await leftInFlight(store, '2026-11-26T11:59:59.000Z');
    const clock = fixedClock(NOW);
    const instances = [1, 2, 3].map(
      (n) => new ExactlyOnce(store, clock, { instanceId: `i${n}`, pollIntervalMs: 2 }),
    );
    let effects = 0;
    const outcomes = await Promise.all(
      instances.map((instance) =>
        instance.run(request, async () => {
          effects += 1;
          await tick(5);
          return `order-${effects}`;
        }),
      ),
    );
    expect(effects).to.equal(1);
    expect(outcomes).to.deep.equal(['order-1', 'order-1', 'order-1']);
  });

  it('a live lease is answered "still in progress" within about a second (default wait), without running the effect', async () => {
    const store = new InMemoryIdempotencyStore();
    await leftInFlight(store, '2026-11-26T12:00:08.000Z');
    const duplicate = new ExactlyOnce(store, fixedClock(NOW));
    let effects = 0;
    const error = await duplicate.run(request, async () => ++effects).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(DomainError).with.property('code', 'request_in_progress');
    expect(effects).to.equal(0);
    expect(await store.get(KEY)).to.include({ state: 'inFlight', owner: 'killed-process#1' });
  });

  it('a duplicate waiting on a live lease takes the request over when the lease ends', async () => {
    const store = new InMemoryIdempotencyStore();
    await leftInFlight(store, '2026-11-26T12:00:05.000Z');
    const clock = manualClock(NOW);
    const waiting = new ExactlyOnce(store, clock, { pollIntervalMs: 2, waitTimeoutMs: 5_000 });
    let effects = 0;
    const outcome = waiting.run(request, async () => `done-${++effects}`);
    await tick(20);
    expect(effects).to.equal(0);
    clock.set('2026-11-26T12:00:05.000Z');
    expect(await outcome).to.equal('done-1');
    expect(effects).to.equal(1);
  });

  it('records the owner and the lease deadline (now + leaseMs) before the effect runs', async () => {
    const store = new InMemoryIdempotencyStore();
    const runner = new ExactlyOnce(store, fixedClock(NOW), { leaseMs: 7_000, instanceId: 'bot-a' });
    let seen: unknown;
    await runner.run(request, async () => {
      seen = await store.get(KEY);
      return 1;
    });
    expect(seen).to.include({ state: 'inFlight', leaseUntil: '2026-11-26T12:00:07.000Z', attempts: 1 });
    expect((seen as { owner: string }).owner).to.match(/^bot-a#/);
  });

  it('an attempt that ran past its lease cannot overwrite the outcome of the attempt that took over', async () => {
    const store = new InMemoryIdempotencyStore();
    const clock = manualClock(NOW);
    const slow = new ExactlyOnce(store, clock, { instanceId: 'slow', leaseMs: 1_000, pollIntervalMs: 2 });
    const other = new ExactlyOnce(store, clock, { instanceId: 'other', leaseMs: 1_000 });
    let finishSlow!: () => void;
    const slowRun = slow.run(
      request,
      () => new Promise<string>((resolve) => (finishSlow = () => resolve('slow'))),
    );
    await tick(5);
    clock.set('2026-11-26T12:00:02.000Z');
    expect(await other.run(request, async () => 'other')).to.equal('other');
    finishSlow();
    expect(await slowRun).to.equal('other');
    expect(await store.get(KEY)).to.include({ state: 'succeeded', outcome: 'other' });
  });
});
