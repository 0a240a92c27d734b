import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { LeaderLease } from '../../src/storage/leaderLease.js';
import { LeaseLock } from '../../src/storage/leaseLock.js';
import { FileLeases, type HeldLease, type Leases } from '../../src/storage/leases.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Leases', () => {
  let dir = '';
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'leases-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a lock held longer than its lease stays exclusive (it is renewed while the work runs)', async () => {
    const leases = () => new FileLeases(dir, { durationMs: 300 });
    const [a, b] = [new LeaseLock(leases()), new LeaseLock(leases())];
    const events: string[] = [];
    const first = a.runExclusive('customer-1', async () => {
      events.push('A in');
      await sleep(1_000);
      events.push('A out');
    });
    await sleep(50);
    await b.runExclusive('customer-1', async () => void events.push('B in'));
    await first;
    expect(events).to.deep.equal(['A in', 'A out', 'B in']);
  });

  it('a file lease whose holder stopped renewing can be taken; a live one cannot', async () => {
    let now = 1_000_000;
    const leases = () => new FileLeases(dir, { durationMs: 1_000, now: () => now });
    const held = await leases().tryAcquire('worker');
    expect(held).to.not.equal(undefined);
    now += 999;
    expect(await leases().tryAcquire('worker')).to.equal(undefined);
    now += 1;
    const taken = await leases().tryAcquire('worker');
    expect(taken).to.not.equal(undefined);
    // The old holder cannot renew any more; the new one can.
    expect(await held!.renew()).to.equal(false);
    expect(await taken!.renew()).to.equal(true);
  });

  it('a leader whose renewals fail stops leading and says so', async () => {
    let renewals = 0;
    const flaky: Leases = {
      durationMs: 90,
      async tryAcquire(): Promise<HeldLease> {
        return {
          validUntil: Date.now() + 90,
          renew: async () => ++renewals < 2,
          release: async () => undefined,
        };
      },
    };
    const leader = new LeaderLease(flaky, 'worker', { retryMs: 10_000 });
    const events: string[] = [];
    const lost = new Promise<void>((resolve) => leader.onLost(resolve));
    leader.onAcquired(() => events.push('acquired'));
    leader.onLost(() => events.push('lost'));
    leader.start();
    await lost;
    expect(events).to.deep.equal(['acquired', 'lost']);
    expect(leader.isLeader()).to.equal(false);
    await leader.stop();
  });
});
