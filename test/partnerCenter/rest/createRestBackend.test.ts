import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../../../src/domain/clock.js';
import { InMemoryIdempotencyStore } from '../../../src/domain/idempotency/idempotencyStore.js';
import { InMemoryAuditLog } from '../../../src/domain/services/auditLog.js';
import type { UpgradeEvent } from '../../../src/domain/transition/upgradeEvents.js';
import { CallScope } from '../../../src/partnerCenter/callContext.js';
import { createRestBackend } from '../../../src/partnerCenter/rest/createRestBackend.js';
import { FakeTokens, fakeServer, recordingSleep, type FakeServer } from './support/fakeHttp.js';

const CUSTOMER = '14876998-c0dc-46e6-9d0c-65a57a6c32ec';
const UPGRADE = '42d075a4-bfe7-43e7-af6d-7c68a57edcb4';
const REQUEST_ID = '3b2a1c0d-9e8f-4a7b-8c6d-5e4f3a2b1c0d';
const USER = { tenantId: 'partner-tenant', aadObjectId: 'megan-oid' };

describe('createRestBackend: ExactlyOnce, the REST client and the upgrade poller wired together', () => {
  let server: FakeServer;
  let directory: string;
  afterEach(async () => {
    await server?.close();
    await rm(directory, { recursive: true, force: true });
  });

  it('an upgrade started in an action carries its request id, is watched, and its completion reaches the listeners once', async () => {
    directory = await mkdtemp(join(tmpdir(), 'rest-backend-'));
    server = await fakeServer({
      'POST /v1/productupgrades': { status: 202, headers: { Location: `productUpgrades/${UPGRADE}` } },
      [`POST /v1/productUpgrades/${UPGRADE}/status`]: {
        status: 200,
        body: {
          id: UPGRADE,
          status: 'Completed',
          lineItems: [
            { sourceProduct: { id: 'legacy' }, targetProduct: { id: 'plan' }, status: 'Completed' },
          ],
        },
      },
    });
    let at = Date.parse('2026-12-01T09:00:00Z');
    const clock: Clock = { now: () => new Date(at) };
    const callScope = new CallScope();
    const tokens = new FakeTokens();
    const backend = createRestBackend({
      client: { baseUrl: server.baseUrl, tokens, sleep: recordingSleep().sleep },
      directory: {
        partner: {
          tenantId: 'partner-tenant',
          mpnId: '1',
          name: 'Contoso',
          type: 'IndirectProvider',
          country: 'US',
        },
        users: [],
        indirectResellers: [],
      },
      callScope,
      idempotencyStore: new InMemoryIdempotencyStore(),
      audit: new InMemoryAuditLog(),
      clock,
      pollerClock: clock,
      upgradeWatches: { directory },
      poller: { initialDelayMs: 1_000 },
    });
    const seen: UpgradeEvent[] = [];
    backend.upgradeEvents.subscribe((e) => void seen.push(e));

    const { upgradeId } = await callScope.run({ user: USER, correlationId: 'turn-1' }, () =>
      backend.services.exactlyOnce.run(
        {
          scope: 'transition.start',
          tenantId: 'partner-tenant',
          requestId: REQUEST_ID,
          payload: { CUSTOMER },
        },
        () => backend.services.partnerCenter.createUpgrade(CUSTOMER),
      ),
    );
    expect(upgradeId).to.equal(UPGRADE);
    expect(server.seen[0].headers['ms-requestid']).to.equal(REQUEST_ID);

    at += 1_000;
    await backend.poller.pollOnce();
    await backend.poller.pollOnce();
    expect(seen.filter((e) => e.type === 'upgradeCompleted')).to.deep.equal([
      { type: 'upgradeCompleted', customerId: CUSTOMER, upgradeId: UPGRADE, status: 'completed' },
    ]);
    // The background status call used the token of the user who started the upgrade.
    expect(tokens.requested.at(-1)).to.deep.equal({
      kind: 'app+user',
      resource: 'partnerCenter',
      user: USER,
    });
    expect(await backend.health()).to.include({ kind: 'rest', watchedUpgrades: 0 });
    await backend.close();
  });
});
