import { expect } from 'chai';
import { CUSTOMERS, emulatorFixture, type EmulatorFixture } from './emulatorFixture.js';

describe('Partner Center emulator: throttling and injected faults', () => {
  let fx: EmulatorFixture;
  afterEach(async () => {
    await fx.dispose();
  });

  it('past requestsPerMinute a caller gets 429 with Retry-After; another caller still gets through', async () => {
    fx = await emulatorFixture({ requestsPerMinute: 2 });
    const user = await fx.tokens.appUser();
    const path = `/v1/customers/${CUSTOMERS.contosoWithPlan}`;
    expect((await fx.call('GET', path, { token: user })).status).to.equal(200);
    expect((await fx.call('GET', path, { token: user })).status).to.equal(200);
    const limited = await fx.call('GET', path, { token: user });
    expect(limited.status).to.equal(429);
    // The clock is pinned: the window frees after a full minute.
    expect(limited.headers.get('retry-after')).to.equal('60');
    expect(limited.body).to.deep.equal({
      statusCode: 429,
      message: 'Rate limit is exceeded. Try again in 60 seconds.',
    });

    const app = await fx.tokens.appOnly();
    expect((await fx.call('GET', path, { token: app })).status).to.equal(200);
  });

  it('a fault plan answers the next N matching requests with 503, then the route again', async () => {
    fx = await emulatorFixture();
    fx.emulator.faults.add({ path: '/subscriptions', times: 2, action: { kind: 'status', status: 503 } });
    const path = `/v1/customers/${CUSTOMERS.contosoWithPlan}/subscriptions`;
    expect((await fx.call('GET', path)).status).to.equal(503);
    expect((await fx.call('GET', `/v1/customers/${CUSTOMERS.contosoWithPlan}`)).status).to.equal(200);
    const second = await fx.call('GET', path);
    expect(second.status).to.equal(503);
    expect(second.body.isRetryable).to.equal(true);
    expect((await fx.call('GET', path)).status).to.equal(200);
  });

  it('a fault can be 429 with Retry-After 1, or a dropped connection', async () => {
    fx = await emulatorFixture();
    fx.emulator.faults.add({
      method: 'POST',
      path: /\/carts$/,
      times: 1,
      action: { kind: 'status', status: 429, retryAfterSeconds: 1 },
    });
    fx.emulator.faults.add({ path: /\/agreements$/, times: 1, action: { kind: 'drop' } });
    const throttled = await fx.call('POST', `/v1/customers/${CUSTOMERS.fabrikamNoMca}/carts`, {
      body: { lineItems: [] },
    });
    expect(throttled.status).to.equal(429);
    expect(throttled.headers.get('retry-after')).to.equal('1');

    let dropped: unknown;
    try {
      await fx.call('GET', '/v1/agreements');
    } catch (error) {
      dropped = error;
    }
    expect(dropped).to.be.instanceOf(TypeError);
    expect((await fx.call('GET', '/v1/agreements?agreementType=MicrosoftCustomerAgreement')).status).to.equal(
      200,
    );
  });

  it('faults can be added over HTTP (POST /_emulator/faults) for an emulator in another process', async () => {
    fx = await emulatorFixture();
    const added = await fetch(`${fx.emulator.baseUrl}/_emulator/faults`, {
      method: 'POST',
      body: JSON.stringify({ path: '^/v1/customers$', times: 1, status: 503, retryAfterSeconds: 2 }),
    });
    expect(added.status).to.equal(201);
    const faulted = await fx.call('GET', '/v1/customers?size=1');
    expect([faulted.status, faulted.headers.get('retry-after')]).to.deep.equal([503, '2']);
    expect((await fx.call('GET', '/v1/customers?size=1')).status).to.equal(200);
  });
});
