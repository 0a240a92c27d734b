import { expect } from 'chai';
import { fixedClock } from '../../../src/domain/clock.js';
import { DomainError } from '../../../src/domain/errors.js';
import { ExactlyOnce } from '../../../src/domain/idempotency/exactlyOnce.js';
import { InMemoryIdempotencyStore } from '../../../src/domain/idempotency/idempotencyStore.js';

const clock = fixedClock('2026-11-26T12:00:00Z');
const request = (requestId: string, payload: unknown = { customerId: 'c1' }) => ({
  scope: 'test.op',
  tenantId: 't1',
  requestId,
  payload,
});

describe('exactly-once requests (request id recorded before the effect)', () => {
  it('records the request id before the effect runs', async () => {
    const store = new InMemoryIdempotencyStore();
    const runner = new ExactlyOnce(store, clock);
    let seenDuringEffect: string | undefined;
    await runner.run(request('r1'), async () => {
      seenDuringEffect = (await store.get('test.op:t1:r1'))?.state;
      return 1;
    });
    expect(seenDuringEffect).to.equal('inFlight');
  });

  it('returns the first outcome for a repeated request id without running the effect again', async () => {
    const runner = new ExactlyOnce(new InMemoryIdempotencyStore(), clock);
    let effects = 0;
    const first = await runner.run(request('r1'), async () => ({ id: ++effects }));
    const second = await runner.run(request('r1'), async () => ({ id: ++effects }));
    expect(second).to.deep.equal(first);
    expect(effects).to.equal(1);
  });

  it('runs the effect once for 20 concurrent duplicates, all getting the same outcome', async () => {
    const runner = new ExactlyOnce(new InMemoryIdempotencyStore(), clock);
    let effects = 0;
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () =>
        runner.run(request('r1'), async () => {
          effects += 1;
          await new Promise((resolve) => setTimeout(resolve, 5));
          return `order-${effects}`;
        }),
      ),
    );
    expect(effects).to.equal(1);
    expect(new Set(outcomes)).to.deep.equal(new Set(['order-1']));
  });

  it('refuses the same request id with a different payload (request_id_conflict)', async () => {
    const runner = new ExactlyOnce(new InMemoryIdempotencyStore(), clock);
    await runner.run(request('r1', { customerId: 'c1' }), async () => 1);
    const error = await runner
      .run(request('r1', { customerId: 'c2' }), async () => 2)
      .catch((e: unknown) => e);
    expect(error).to.be.instanceOf(DomainError).with.property('code', 'request_id_conflict');
  });

  it('waits for a request another instance is running over the same store', async () => {
    const store = new InMemoryIdempotencyStore();
    const first = new ExactlyOnce(store, clock);
    const second = new ExactlyOnce(store, clock, { pollIntervalMs: 2 });
    let release!: () => void;
    const running = first.run(
      request('r1'),
      () => new Promise<string>((resolve) => (release = () => resolve('done'))),
    );
    await new Promise((resolve) => setTimeout(resolve, 5));
    const duplicate = second.run(request('r1'), async () => 'second effect');
    release();
    expect(await running).to.equal('done');
    expect(await duplicate).to.equal('done');
  });

  it('lets a corrected retry run after a refusal (nothing happened), duplicates share the refusal', async () => {
    const runner = new ExactlyOnce(new InMemoryIdempotencyStore(), clock);
    const refused = await Promise.all(
      [1, 2].map(() =>
        runner
          .run(request('r1'), async () => Promise.reject(new DomainError('13605')))
          .catch((e: DomainError) => e.code),
      ),
    );
    expect(refused).to.deep.equal(['13605', '13605']);
    expect(await runner.run(request('r1'), async () => 'bought')).to.equal('bought');
  });

  it('blocks a request id whose effect crashed unexpectedly (it may have happened)', async () => {
    const runner = new ExactlyOnce(new InMemoryIdempotencyStore(), clock);
    await runner
      .run(request('r1'), async () => Promise.reject(new Error('socket hang up')))
      .catch(() => undefined);
    const error = await runner.run(request('r1'), async () => 'again').catch((e: unknown) => e);
    expect(error).to.be.instanceOf(DomainError).with.property('code', 'request_failed');
  });
});

describe('ExactlyOnce.outcomeOf: what a request id already did (for a card pressed after its flow ended)', () => {
  const clock = fixedClock('2026-11-26T12:00:00.000Z');
  const request = (requestId: string, payload: unknown = { customerId: 'c1' }) => ({
    scope: 'plan.purchase',
    tenantId: 't1',
    requestId,
    payload,
  });

  it('a succeeded request gives its outcome and runs nothing', async () => {
    const runner = new ExactlyOnce(new InMemoryIdempotencyStore(), clock);
    await runner.run(request('r1'), async () => ({ planId: 'p1' }));
    expect(await runner.outcomeOf(request('r1'))).to.deep.equal({ planId: 'p1' });
  });

  const nothing: Array<[string, (runner: ExactlyOnce) => Promise<unknown>, ReturnType<typeof request>]> = [
    ['an unknown request id', async () => undefined, request('r2')],
    [
      'the same id with another payload',
      (runner) => runner.run(request('r3'), async () => 'done'),
      request('r3', { customerId: 'c2' }),
    ],
    [
      'a refused request (nothing happened)',
      (runner) =>
        runner
          .run(request('r4'), async () => {
            throw new DomainError('13605');
          })
          .catch(() => undefined),
      request('r4'),
    ],
  ];
  for (const [name, setup, asked] of nothing) {
    it(`${name}: nothing`, async () => {
      const runner = new ExactlyOnce(new InMemoryIdempotencyStore(), clock);
      await setup(runner);
      expect(await runner.outcomeOf(asked)).to.equal(undefined);
    });
  }

  it('a request still running (its lease live) answers "still being processed", not "nothing"', async () => {
    const runner = new ExactlyOnce(new InMemoryIdempotencyStore(), clock);
    let finish: (value: string) => void = () => undefined;
    const running = runner.run(request('r5'), () => new Promise<string>((resolve) => (finish = resolve)));
    await new Promise((resolve) => setImmediate(resolve));
    const error = await runner.outcomeOf(request('r5')).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(DomainError).with.property('code', 'request_in_progress');
    finish('done');
    await running;
    expect(await runner.outcomeOf(request('r5'))).to.equal('done');
  });
});
