import { expect } from 'chai';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../../../src/domain/clock.js';
import { DomainError } from '../../../src/domain/errors.js';
import type { ProductUpgrade, UpgradeStatusValue } from '../../../src/domain/transition/productUpgrade.js';
import { UpgradeEvents, type UpgradeEvent } from '../../../src/domain/transition/upgradeEvents.js';
import { CallScope } from '../../../src/partnerCenter/callContext.js';
import { FileUpgradeWatchStore, UpgradePoller } from '../../../src/partnerCenter/rest/upgradePoller.js';

const CUSTOMER = '14876998-c0dc-46e6-9d0c-65a57a6c32ec';
const UPGRADE = '42d075a4-bfe7-43e7-af6d-7c68a57edcb4';
const USER = { tenantId: 'partner-tenant', aadObjectId: 'megan-oid' };

/** A clock the test moves by hand. */
function movableClock(iso: string): Clock & { advance(ms: number): void } {
  let at = new Date(iso).getTime();
  return { now: () => new Date(at), advance: (ms) => void (at += ms) };
}

function upgrade(status: UpgradeStatusValue, lines: UpgradeStatusValue[]): ProductUpgrade {
  return {
    id: UPGRADE,
    customerId: CUSTOMER,
    productFamily: 'Azure',
    status,
    createdAt: '',
    completedAt: null,
    errorDetails: null,
    lineItems: lines.map((s, i) => ({
      sourceSubscriptionId: `legacy-${i}`,
      azureSubscriptionId: `legacy-${i}`,
      sourceProduct: { id: `legacy-${i}`, name: 'AzureSubscription' },
      targetProduct: { id: 'plan', name: 'Microsoft Azure plan' },
      partnerIdOnRecord: null,
      targetPlanId: 'plan',
      upgradedDate: null,
      status: s,
      errorDetails: null,
    })),
  };
}

describe('REST upgrade poller (watches persisted in files)', () => {
  let directory: string;
  let clock: ReturnType<typeof movableClock>;
  let status: ProductUpgrade | DomainError;
  let statusCalls: Array<{ customerId: string; upgradeId: string; user: unknown }>;
  let scope: CallScope;
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'upgrade-watches-'));
    clock = movableClock('2026-12-01T09:00:00Z');
    statusCalls = [];
    scope = new CallScope();
  });
  afterEach(() => rm(directory, { recursive: true, force: true }));

  function poller(events: UpgradeEvents): UpgradePoller {
    return new UpgradePoller({
      partnerCenter: {
        getUpgradeStatus: async (customerId, upgradeId) => {
          statusCalls.push({ customerId, upgradeId, user: scope.current().user });
          if (status instanceof DomainError) throw status;
          return status;
        },
      },
      store: new FileUpgradeWatchStore(directory),
      events,
      clock,
      callScope: scope,
      initialDelayMs: 1_000,
      maxDelayMs: 8_000,
    });
  }

  function recorder(): { events: UpgradeEvents; seen: UpgradeEvent[] } {
    const events = new UpgradeEvents();
    const seen: UpgradeEvent[] = [];
    events.subscribe((e) => void seen.push(e));
    return { events, seen };
  }

  it('resumes after a restart and emits the completion exactly once', async () => {
    const first = recorder();
    const before = poller(first.events);
    await scope.run({ user: USER }, () => before.watch(CUSTOMER, UPGRADE));
    status = upgrade('inProgress', ['completed', 'inProgress']);
    expect(await before.pollOnce()).to.equal(0, 'not due before the first delay');
    clock.advance(1_000);
    await before.pollOnce();
    expect(first.seen).to.deep.equal([
      {
        type: 'upgradeProgress',
        customerId: CUSTOMER,
        upgradeId: UPGRADE,
        completedLines: 1,
        failedLines: 0,
        totalLines: 2,
      },
    ]);
    expect(statusCalls[0].user).to.deep.equal(USER, 'polled with the token of the user who started it');

    // "Restart": a new poller over the same directory.
    const second = recorder();
    const after = poller(second.events);
    status = upgrade('completed', ['completed', 'completed']);
    clock.advance(2_000);
    await after.pollOnce();
    clock.advance(60_000);
    await after.pollOnce();
    const third = recorder();
    await poller(third.events).pollOnce();
    expect(second.seen.filter((e) => e.type === 'upgradeCompleted')).to.deep.equal([
      { type: 'upgradeCompleted', customerId: CUSTOMER, upgradeId: UPGRADE, status: 'completed' },
    ]);
    expect(third.seen).to.deep.equal([]);
    expect(await readdir(directory)).to.deep.equal([]);
  });

  it('a completion no listener took (or a crash before it was delivered) is offered again after a restart without asking Partner Center again', async () => {
    const failing = new UpgradeEvents();
    failing.subscribe((e) => {
      if (e.type === 'upgradeCompleted') throw new Error('Teams is down');
    });
    const before = poller(failing);
    await before.watch(CUSTOMER, UPGRADE);
    status = upgrade('failed', ['completed', 'failed']);
    clock.advance(1_000);
    await before.pollOnce();
    expect(statusCalls).to.have.length(1);

    const later = recorder();
    await poller(later.events).pollOnce();
    await poller(later.events).pollOnce();
    expect(later.seen).to.deep.equal([
      { type: 'upgradeCompleted', customerId: CUSTOMER, upgradeId: UPGRADE, status: 'failed' },
    ]);
    expect(statusCalls).to.have.length(1);
  });

  it('polls with backoff (1 s, 2 s, 4 s, capped at 8 s) and emits progress only when it changes', async () => {
    const { events, seen } = recorder();
    const p = poller(events);
    await p.watch(CUSTOMER, UPGRADE);
    status = upgrade('inProgress', ['pending', 'pending']);
    const pollsAt: number[] = [];
    for (let second = 1; second <= 24; second += 1) {
      clock.advance(1_000);
      const before = statusCalls.length;
      await p.pollOnce();
      if (statusCalls.length > before) pollsAt.push(second);
    }
    expect(pollsAt).to.deep.equal([1, 3, 7, 15, 23]);
    expect(seen).to.have.length(1);
  });

  it('an upgrade Partner Center does not know (900106) is dropped; other errors are retried later', async () => {
    const { events, seen } = recorder();
    const p = poller(events);
    await p.watch(CUSTOMER, UPGRADE);
    status = new DomainError('partner_center_unavailable', { reason: 'server' });
    clock.advance(1_000);
    await p.pollOnce();
    expect(await readdir(directory)).to.have.length(1);
    status = new DomainError('900106');
    clock.advance(2_000);
    await p.pollOnce();
    expect(await readdir(directory)).to.deep.equal([]);
    expect(seen).to.deep.equal([]);
  });
});
