import { expect } from 'chai';
// restify replaces http.ServerResponse.prototype.writeHead (returning undefined) for every server in
// the process; the emulator shares the process with the bot's restify server in e2e runs.
import 'restify';
import { CUSTOMERS, emulatorFixture, type EmulatorFixture } from './emulatorFixture.js';

describe('Partner Center emulator: in the same process as restify', () => {
  let fx: EmulatorFixture;
  before(async () => {
    fx = await emulatorFixture();
  });
  after(async () => {
    await fx.dispose();
  });

  it('still answers (with a body, without a body, with an error)', async () => {
    expect((await fx.call('GET', `/v1/customers/${CUSTOMERS.contosoWithPlan}`)).status).to.equal(200);
    const created = await fx.call('POST', '/v1/productUpgrades', {
      body: { customerId: CUSTOMERS.woodgroveLegacyTwoResellers, productFamily: 'Azure' },
    });
    expect(created.status).to.equal(202);
    expect(
      (await fx.call('GET', `/v1/customers/${CUSTOMERS.contosoWithPlan}`, { token: '' })).status,
    ).to.equal(401);
  });
});
