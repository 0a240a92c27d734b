import { expect } from 'chai';
import { TestAdapter, type TurnContext } from 'botbuilder';
import { MCA_TEMPLATE_ID } from '../../../src/domain/agreements/agreement.js';
import { fixedClock } from '../../../src/domain/clock.js';
import { ExactlyOnce } from '../../../src/domain/idempotency/exactlyOnce.js';
import { InMemoryIdempotencyStore } from '../../../src/domain/idempotency/idempotencyStore.js';
import { CallScopeMiddleware } from '../../../src/bot/middleware/callScopeMiddleware.js';
import { CallScope, type CallContext } from '../../../src/partnerCenter/callContext.js';
import { RestPartnerCenter } from '../../../src/partnerCenter/rest/restPartnerCenter.js';
import { FakeTokens, fakeServer, recordingSleep, type FakeServer } from './support/fakeHttp.js';

const CUSTOMER = '14876998-c0dc-46e6-9d0c-65a57a6c32ec';
const REQUEST_ID = '7c1d2e3f-4a5b-4c6d-8e7f-901a2b3c4d5e';
const REQUEST = {
  primaryContact: { firstName: 'Patti', lastName: 'Fernandez', email: 'patti@contoso.com' },
  dateAgreed: '2026-11-26T00:00:00.000Z',
  templateId: MCA_TEMPLATE_ID,
  type: 'MicrosoftCustomerAgreement' as const,
};

describe('CallScope wiring: ExactlyOnce aroundEffect and the bot middleware', () => {
  let server: FakeServer | undefined;
  afterEach(() => server?.close());

  it('ExactlyOnce hands the request id to aroundEffect, around the effect only', async () => {
    const seen: string[] = [];
    const exactlyOnce = new ExactlyOnce(new InMemoryIdempotencyStore(), fixedClock('2026-12-01T09:00:00Z'), {
      aroundEffect: async (requestId, effect) => {
        seen.push(requestId);
        return effect();
      },
    });
    const request = { scope: 'agreements.attest', tenantId: 't', requestId: REQUEST_ID, payload: { a: 1 } };
    expect(await exactlyOnce.run(request, async () => 'done')).to.equal('done');
    // A repeat answers from the store: no second effect, no second hook call.
    expect(await exactlyOnce.run(request, async () => 'again')).to.equal('done');
    expect(seen).to.deep.equal([REQUEST_ID]);
  });

  it("with aroundEffect = callScope.run({ requestId }), the REST client sends the action's request id as MS-RequestId, also on the retry after a 429", async () => {
    server = await fakeServer({
      [`POST /v1/customers/${CUSTOMER}/agreements`]: [
        { status: 429, headers: { 'Retry-After': '1' } },
        { status: 201, body: { ...REQUEST, userId: 'u1' } },
      ],
    });
    const scope = new CallScope();
    const pc = new RestPartnerCenter(
      { baseUrl: server.baseUrl, tokens: new FakeTokens(), callScope: scope, sleep: recordingSleep().sleep },
      {
        partner: { tenantId: 't', mpnId: '1', name: 'Contoso', type: 'IndirectProvider', country: 'US' },
        users: [],
        indirectResellers: [],
      },
    );
    const exactlyOnce = new ExactlyOnce(new InMemoryIdempotencyStore(), fixedClock('2026-12-01T09:00:00Z'), {
      aroundEffect: (requestId, effect) => scope.run({ requestId }, effect),
    });
    await scope.run({ correlationId: 'turn-1', locale: 'ko-KR' }, () =>
      exactlyOnce.run(
        { scope: 'agreements.attest', tenantId: 't', requestId: REQUEST_ID, payload: REQUEST },
        () => pc.createAgreement(CUSTOMER, REQUEST, { userId: 'u1', displayName: 'Megan Bowen' }),
      ),
    );
    expect(server.seen.map((r) => r.headers['ms-requestid'])).to.deep.equal([REQUEST_ID, REQUEST_ID]);
    expect(server.seen.map((r) => r.headers['ms-correlationid'])).to.deep.equal(['turn-1', 'turn-1']);
    expect(server.effects(`POST /v1/customers/${CUSTOMER}/agreements`)).to.equal(1);
  });

  it("the middleware runs each turn in a scope: a new correlation id per turn, the turn's locale and the acting user", async () => {
    const scope = new CallScope();
    const contexts: CallContext[] = [];
    let ids = 0;
    const adapter = new TestAdapter(async (_context: TurnContext) => {
      contexts.push(scope.current());
    }).use(new CallScopeMiddleware(scope, { newId: () => `corr-${(ids += 1)}` }));
    const activity = (locale: string) => ({
      type: 'message',
      text: 'hello',
      locale,
      from: { id: '29:megan', name: 'Megan', aadObjectId: 'megan-oid' },
      conversation: {
        id: 'a:1',
        tenantId: 'partner-tenant',
        isGroup: false,
        conversationType: 'personal',
        name: '',
      },
    });
    await adapter.send(activity('ko-KR'));
    await adapter.send(activity('en-GB'));
    expect(contexts).to.deep.equal([
      {
        correlationId: 'corr-1',
        locale: 'ko-KR',
        user: { tenantId: 'partner-tenant', aadObjectId: 'megan-oid', channelUserId: '29:megan' },
      },
      {
        correlationId: 'corr-2',
        locale: 'en-US',
        user: { tenantId: 'partner-tenant', aadObjectId: 'megan-oid', channelUserId: '29:megan' },
      },
    ]);
    expect(scope.current()).to.deep.equal({});
  });
});
