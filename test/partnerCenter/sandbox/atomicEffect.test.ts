import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import { fixedClock } from '../../../src/domain/clock.js';
import { ExactlyOnce } from '../../../src/domain/idempotency/exactlyOnce.js';
import { fingerprintOf } from '../../../src/domain/idempotency/fingerprint.js';
import { SubscriptionService } from '../../../src/domain/services/subscriptionService.js';
import { isAzurePlan } from '../../../src/domain/subscriptions/subscription.js';
import type { SandboxData } from '../../../src/partnerCenter/sandbox/sandboxData.js';
import { servicesOver } from '../../domain/services/serviceFixture.js';
import { CUSTOMERS, NOW, sandboxFixture, USERS, type SandboxFixture } from './sandboxFixture.js';

const CONTOSO = CUSTOMERS.contosoWithPlan;

async function onDisk(fixture: SandboxFixture): Promise<SandboxData> {
  return JSON.parse(await readFile(fixture.dataFile, 'utf8')) as SandboxData;
}

describe('sandbox: a state change, its audit entry and its completion record are one write', () => {
  let fixture: SandboxFixture;
  beforeEach(async () => (fixture = await sandboxFixture()));
  afterEach(async () => fixture.dispose());

  it('a failure right after the effect (before the audit entry) leaves nothing on disk; the retry creates it once, audited', async () => {
    const actor = await fixture.actor(USERS.alexGlobalAdmin);
    const planId = (await fixture.sandbox.partnerCenter.listSubscriptions(CONTOSO)).find(isAzurePlan)!.id;
    const deps = servicesOver(fixture.sandbox);
    const pc = fixture.sandbox.partnerCenter;
    // The process "dies" between the effect and everything after it.
    const dying = new SubscriptionService({
      ...deps,
      partnerCenter: Object.assign(Object.create(pc) as typeof pc, {
        createAzureSubscription: async (customerId: string, plan: string, name: string) => {
          await pc.createAzureSubscription(customerId, plan, name);
          throw new Error('killed here');
        },
      }),
    });
    const input = { customerId: CONTOSO, planId, displayName: 'Analytics' };
    const error = await dying.createAzureSubscription(actor, input, 'req-1').catch((e: unknown) => e);
    expect(error).to.be.instanceOf(Error).with.property('message', 'killed here');

    let data = await onDisk(fixture);
    expect(data.entitlements.filter((e) => e.friendlyName === 'Analytics')).to.deep.equal([]);
    expect(data.audit.filter((a) => a.requestId === 'req-1')).to.deep.equal([]);

    const created = await new SubscriptionService(servicesOver(fixture.sandbox)).createAzureSubscription(
      actor,
      input,
      'req-1',
    );
    data = await onDisk(fixture);
    expect(data.entitlements.filter((e) => e.friendlyName === 'Analytics').map((e) => e.id)).to.deep.equal([
      created.id,
    ]);
    expect(data.audit.filter((a) => a.requestId === 'req-1').map((a) => a.details)).to.deep.equal([
      { planId, azureSubscriptionId: created.id },
    ]);
    expect(Object.values(data.idempotency).map((r) => r.state)).to.deep.equal(['succeeded']);
  });

  it('a transaction reads its own writes, writes nothing when it fails, and other writes wait for it', async () => {
    const store = fixture.sandbox.store;
    const before = await onDisk(fixture);
    const failed = await store
      .transaction(async () => {
        await store.mutate((d) => void d.directlySigned.push('x'));
        expect(store.read((d) => d.directlySigned.includes('x'))).to.equal(true);
        throw new Error('rolled back');
      })
      .catch((e: Error) => e.message);
    expect(failed).to.equal('rolled back');
    expect(store.read((d) => d.directlySigned.includes('x'))).to.equal(false);
    expect((await onDisk(fixture)).directlySigned).to.deep.equal(before.directlySigned);

    const order: string[] = [];
    let finish!: () => void;
    const gate = new Promise<void>((resolve) => (finish = resolve));
    const inside = store.transaction(async () => {
      await store.mutate((d) => void d.directlySigned.push('a'));
      await gate;
      order.push('transaction');
    });
    const outside = store.mutate((d) => void d.directlySigned.push('b')).then(() => order.push('outside'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(store.read((d) => d.directlySigned.slice(-1))).to.not.deep.equal(['a']);
    finish();
    await Promise.all([inside, outside]);
    expect(order).to.deep.equal(['transaction', 'outside']);
    expect((await onDisk(fixture)).directlySigned.slice(-2)).to.deep.equal(['a', 'b']);
  });

  it('a request id a killed process left in the file is answered "in progress" while its lease lasts, then completed once by the redelivery', async () => {
    const actor = await fixture.actor(USERS.alexGlobalAdmin);
    const planId = (await fixture.sandbox.partnerCenter.listSubscriptions(CONTOSO)).find(isAzurePlan)!.id;
    const input = { customerId: CONTOSO, planId, displayName: 'Left in flight' };
    const key = `subscriptions.create:${actor.partner.tenantId}:req-9`;
    const payload = {
      customerId: CONTOSO,
      userId: actor.user.aadObjectId,
      payload: { planId, displayName: input.displayName },
    };
    await fixture.sandbox.idempotencyStore.reserve(key, fingerprintOf(payload), {
      owner: 'killed#1',
      at: '2026-11-26T11:59:58.000Z',
      leaseUntil: '2026-11-26T12:00:05.000Z',
    });
    await fixture.sandbox.close();
    const restarted = await fixture.reopen();
    const serviceAt = (iso: string) =>
      new SubscriptionService({
        ...servicesOver(restarted, iso),
        exactlyOnce: new ExactlyOnce(restarted.idempotencyStore, fixedClock(iso), { waitTimeoutMs: 50 }),
      });

    const early = await serviceAt(NOW)
      .createAzureSubscription(actor, input, 'req-9')
      .catch((e: unknown) => e);
    expect(early).to.have.property('code', 'request_in_progress');

    const created = await serviceAt('2026-11-26T12:00:06.000Z').createAzureSubscription(
      actor,
      input,
      'req-9',
    );
    const again = await serviceAt('2026-11-26T12:00:07.000Z').createAzureSubscription(actor, input, 'req-9');
    expect(again.id).to.equal(created.id);
    const data = await onDisk(fixture);
    expect(data.entitlements.filter((e) => e.friendlyName === 'Left in flight')).to.have.length(1);
    expect(data.audit.filter((a) => a.requestId === 'req-9')).to.have.length(1);
    expect(data.idempotency[key]).to.include({ state: 'succeeded' });
  });
});
