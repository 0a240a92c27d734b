import { expect } from 'chai';
import { CUSTOMERS, emulatorFixture, type EmulatorFixture } from './emulatorFixture.js';

const CART = {
  lineItems: [
    {
      id: 0,
      catalogItemId: 'DZH318Z0BPS6:0001:DZH318Z0BML6',
      quantity: 1,
      billingCycle: 'one_time',
      participants: [{ key: 'transaction_reseller', value: '4412873' }],
    },
  ],
};

describe('Partner Center emulator: MS-RequestId idempotency', () => {
  let fx: EmulatorFixture;
  beforeEach(async () => {
    fx = await emulatorFixture();
  });
  afterEach(async () => {
    await fx.dispose();
  });

  const cartsPath = `/v1/customers/${CUSTOMERS.fabrikamNoMca}/carts`;
  const cartCount = () =>
    fx.emulator.sandbox.store.read(
      (data) => data.carts.filter((c) => c.customerId === CUSTOMERS.fabrikamNoMca).length,
    );

  it('a repeated request with the same MS-RequestId gets the first answer and has no second effect', async () => {
    const headers = { 'MS-RequestId': '3c1f1b46-7d0c-4a57-9d15-7b0b3a2f6a01' };
    const first = await fx.call('POST', cartsPath, { body: CART, headers });
    const again = await fx.call('POST', cartsPath, { body: CART, headers });
    expect(first.status).to.equal(201);
    expect(again.status).to.equal(201);
    expect(again.body).to.deep.equal(first.body);
    expect(again.headers.get('ms-requestid')).to.equal(headers['MS-RequestId']);
    expect(cartCount()).to.equal(1);

    const other = await fx.call('POST', cartsPath, {
      body: CART,
      headers: { 'MS-RequestId': 'a-different-id' },
    });
    expect(other.body.id).to.not.equal(first.body.id);
    expect(cartCount()).to.equal(2);
  });

  it('replays after an emulator restart (the log is persisted in the data dir)', async () => {
    const headers = { 'MS-RequestId': '0d5c3a1e-5f7b-4c1a-8d3e-2b9f6a7c8d90' };
    const first = await fx.call('POST', cartsPath, { body: CART, headers });
    await fx.restart();
    const again = await fx.call('POST', cartsPath, { body: CART, headers });
    expect(again.body).to.deep.equal(first.body);
    expect(cartCount()).to.equal(1);
  });

  it('replays a 202 with its Location header; a business refusal is decided again (it changed nothing)', async () => {
    const headers = { 'MS-RequestId': 'f3b0c1d2-0000-4000-8000-000000000001' };
    const body = { customerId: CUSTOMERS.woodgroveLegacyTwoResellers, productFamily: 'Azure' };
    const first = await fx.call('POST', '/v1/productUpgrades', { body, headers });
    const again = await fx.call('POST', '/v1/productUpgrades', { body, headers });
    expect(first.status).to.equal(202);
    expect(again.status).to.equal(202);
    expect(again.headers.get('location')).to.equal(first.headers.get('location'));
    expect(again.headers.get('ms-idempotent-replay')).to.equal('true');
    // A new id is a new request: the upgrade already runs, so it is refused.
    const fresh = await fx.call('POST', '/v1/productUpgrades', { body, headers: { 'MS-RequestId': 'new' } });
    expect(fresh.status).to.be.greaterThanOrEqual(400);

    const refusalHeaders = { 'MS-RequestId': 'f3b0c1d2-0000-4000-8000-000000000002' };
    const suspended = { customerId: CUSTOMERS.litwareLegacySuspended, productFamily: 'Azure' };
    const refused = await fx.call('POST', '/v1/productUpgrades', {
      body: suspended,
      headers: refusalHeaders,
    });
    const refusedAgain = await fx.call('POST', '/v1/productUpgrades', {
      body: suspended,
      headers: refusalHeaders,
    });
    expect([refused.status, refused.body.code]).to.deep.equal([403, 900105]);
    expect(refusedAgain.body).to.deep.equal(refused.body);
    expect(refusedAgain.headers.get('ms-idempotent-replay')).to.equal(null);
    // …so the corrected request may reuse the id (the bot releases a refused request id).
    const corrected = await fx.call('POST', '/v1/productUpgrades', {
      body: { customerId: CUSTOMERS.adatumLegacyRecent, productFamily: 'Azure' },
      headers: refusalHeaders,
    });
    expect(corrected.status).to.not.equal(409);
  });

  it('the same MS-RequestId with a different body → 409 and no effect', async () => {
    const headers = { 'MS-RequestId': '7e6d5c4b-3a29-4817-a6f5-e4d3c2b1a098' };
    await fx.call('POST', cartsPath, { body: CART, headers });
    const changed = structuredClone(CART);
    changed.lineItems[0].participants[0].value = '5120934';
    const result = await fx.call('POST', cartsPath, { body: changed, headers });
    expect(result.status).to.equal(409);
    expect(result.body.errorName).to.equal('RequestIdConflict');
    expect(cartCount()).to.equal(1);
  });

  it('reads are not replayed: the upgrade status moves on under one MS-RequestId', async () => {
    const body = { customerId: CUSTOMERS.woodgroveLegacyTwoResellers, productFamily: 'Azure' };
    const created = await fx.call('POST', '/v1/productUpgrades', { body });
    const id = (created.headers.get('location') ?? '').split('/')[1];
    const headers = { 'MS-RequestId': 'one-id-for-all-polls' };
    let status = '';
    for (let i = 0; i < 400 && status !== 'Completed'; i += 1) {
      status = (await fx.call('POST', `/v1/productUpgrades/${id}/status`, { body, headers })).body.status;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(status).to.equal('Completed');
  });
});
