import { expect } from 'chai';
import { MCA_TEMPLATE_ID } from '../../../src/domain/agreements/agreement.js';
import { DomainError } from '../../../src/domain/errors.js';
import { CallScope } from '../../../src/partnerCenter/callContext.js';
import {
  RestPartnerCenter,
  type RestPartnerCenterOptions,
} from '../../../src/partnerCenter/rest/restPartnerCenter.js';
import { FakeTokens, fakeServer, recordingSleep, type FakeServer } from './support/fakeHttp.js';

const CUSTOMER = '14876998-c0dc-46e6-9d0c-65a57a6c32ec';
const REQUEST_ID = '5a3e8f4c-7d2b-4c1e-9f60-1b2a3c4d5e6f';
const USER = { tenantId: 'partner-tenant', aadObjectId: 'megan-oid', channelUserId: '29:megan' };

const AGREEMENT_REQUEST = {
  primaryContact: { firstName: 'Patti', lastName: 'Fernandez', email: 'patti@contoso.com' },
  dateAgreed: '2026-11-26T00:00:00.000Z',
  templateId: MCA_TEMPLATE_ID,
  type: 'MicrosoftCustomerAgreement' as const,
};
const AGREEMENT_ANSWER = {
  ...AGREEMENT_REQUEST,
  userId: 'u1',
  agreementLink: 'https://aka.ms/customeragreement',
};
const CUSTOMER_ANSWER = {
  id: CUSTOMER,
  companyProfile: { companyName: 'Contoso', domain: 'contoso.onmicrosoft.com' },
  billingProfile: { defaultAddress: { country: 'us' } },
};

async function failure(promise: Promise<unknown>): Promise<DomainError> {
  return promise.then(
    () => expect.fail('expected a DomainError'),
    (e: unknown) => {
      expect(e).to.be.instanceOf(DomainError);
      return e as DomainError;
    },
  );
}

describe('REST Partner Center client: HTTP hygiene (fake server on loopback)', () => {
  let server: FakeServer;
  let tokens: FakeTokens;
  let scope: CallScope;
  let slept: ReturnType<typeof recordingSleep>;
  afterEach(() => server?.close());

  function client(options: Partial<RestPartnerCenterOptions> = {}): RestPartnerCenter {
    tokens = new FakeTokens();
    scope = new CallScope();
    slept = recordingSleep();
    return new RestPartnerCenter(
      {
        baseUrl: server.baseUrl,
        armBaseUrl: server.origin,
        tokens,
        callScope: scope,
        sleep: slept.sleep,
        ...options,
      },
      {
        partner: {
          tenantId: 'partner-tenant',
          mpnId: '1234567',
          name: 'Contoso Cloud Partners',
          type: 'IndirectProvider',
          country: 'US',
        },
        users: [],
        indirectResellers: [],
      },
    );
  }

  it("429 with Retry-After: 1 then success: waits 1 s, one effect at the server, both attempts carry the action's MS-RequestId", async () => {
    server = await fakeServer({
      [`POST /v1/customers/${CUSTOMER}/agreements`]: [
        {
          status: 429,
          headers: { 'Retry-After': '1' },
          body: { statusCode: 429, message: 'Rate limit is exceeded.' },
        },
        { status: 201, body: AGREEMENT_ANSWER },
      ],
    });
    const pc = client();
    const agreement = await scope.run({ requestId: REQUEST_ID, user: USER }, () =>
      pc.createAgreement(CUSTOMER, AGREEMENT_REQUEST, { userId: 'u1', displayName: 'Megan Bowen' }),
    );
    expect(agreement.userDisplayName).to.equal('Megan Bowen');
    expect(server.seen).to.have.length(2);
    expect(server.effects(`POST /v1/customers/${CUSTOMER}/agreements`)).to.equal(1);
    expect(server.seen.map((r) => r.headers['ms-requestid'])).to.deep.equal([REQUEST_ID, REQUEST_ID]);
    expect(slept.delays).to.deep.equal([1000]);
  });

  it('503 then success: the read is retried with the same (fresh) MS-RequestId', async () => {
    server = await fakeServer({
      [`GET /v1/customers/${CUSTOMER}`]: [{ status: 503 }, { status: 200, body: CUSTOMER_ANSWER }],
    });
    const pc = client();
    const customer = await pc.getCustomer(CUSTOMER);
    expect(customer).to.include({ companyName: 'Contoso', country: 'US' });
    const [first, second] = server.seen.map((r) => r.headers['ms-requestid']);
    expect(first).to.match(/^[0-9a-f-]{36}$/);
    expect(second).to.equal(first);
    // A second logical read gets a new id.
    await pc.getCustomer(CUSTOMER);
    expect(server.seen[2].headers['ms-requestid']).to.not.equal(first);
  });

  it('a connection reset then success', async () => {
    server = await fakeServer({
      [`GET /v1/customers/${CUSTOMER}`]: ['reset', { status: 200, body: CUSTOMER_ANSWER }],
    });
    const customer = await client().getCustomer(CUSTOMER);
    expect(customer.companyName).to.equal('Contoso');
    expect(server.seen).to.have.length(2);
  });

  it('a server that never answers: each attempt times out, is retried, and the call ends with partner_center_unavailable at the deadline', async () => {
    server = await fakeServer({ [`GET /v1/customers/${CUSTOMER}`]: 'hang' });
    const error = await failure(
      client({
        timeouts: { attemptMs: 100, deadlineMs: 400 },
        retry: { maxAttempts: 10, minDelayMs: 1 },
      }).getCustomer(CUSTOMER),
    );
    expect(error.code).to.equal('partner_center_unavailable');
    expect(error.params).to.include({ reason: 'timeout', operation: 'getCustomer' });
    expect(server.seen.length).to.be.greaterThan(1);
    expect(new Set(server.seen.map((r) => r.headers['ms-requestid'])).size).to.equal(1);
  });

  it('retries are capped: four 503 answers end in partner_center_unavailable with the status', async () => {
    server = await fakeServer({ [`GET /v1/customers/${CUSTOMER}`]: { status: 503 } });
    const error = await failure(client({ retry: { maxAttempts: 4, minDelayMs: 100 } }).getCustomer(CUSTOMER));
    expect(error.code).to.equal('partner_center_unavailable');
    expect(error.params).to.include({ reason: 'server', httpStatus: 503 });
    expect(server.seen).to.have.length(4);
    expect(slept.delays).to.deep.equal([100, 200, 400]);
  });

  it('Retry-After as an HTTP date is waited until that time; a longer one is capped at maxDelayMs', async () => {
    server = await fakeServer({
      [`GET /v1/customers/${CUSTOMER}`]: [
        { status: 429, headers: { 'Retry-After': 'Tue, 01 Dec 2026 10:00:03 GMT' } },
        { status: 429, headers: { 'Retry-After': '3600' } },
        { status: 200, body: CUSTOMER_ANSWER },
      ],
    });
    const pc = client({
      now: () => Date.parse('Tue, 01 Dec 2026 10:00:00 GMT'),
      retry: { maxDelayMs: 20_000 },
    });
    await pc.getCustomer(CUSTOMER);
    expect(slept.delays).to.deep.equal([3000, 20_000]);
  });

  it('a Retry-After beyond the deadline is not waited: partner_center_unavailable (throttled) at once', async () => {
    server = await fakeServer({
      [`GET /v1/customers/${CUSTOMER}`]: { status: 429, headers: { 'Retry-After': '120' } },
    });
    const error = await failure(
      client({ timeouts: { deadlineMs: 60_000 }, retry: { maxDelayMs: 300_000 } }).getCustomer(CUSTOMER),
    );
    expect(error.params).to.include({ reason: 'throttled', httpStatus: 429, retryAfterSeconds: 120 });
    expect(slept.delays).to.deep.equal([]);
  });

  it('401: the token is invalidated and the call is sent once more with a fresh token', async () => {
    server = await fakeServer({
      [`GET /v1/customers/${CUSTOMER}`]: [{ status: 401 }, { status: 200, body: CUSTOMER_ANSWER }],
    });
    await client().getCustomer(CUSTOMER);
    expect(tokens.invalidated).to.deep.equal([{ kind: 'app-only', resource: 'partnerCenter' }]);
    expect(server.seen.map((r) => r.headers.authorization)).to.deep.equal([
      'Bearer app-only.partnerCenter.app.v1',
      'Bearer app-only.partnerCenter.app.v2',
    ]);
  });

  it('a second 401 is sign_in_required for App+User and app_credentials_invalid for App-only', async () => {
    server = await fakeServer({
      [`GET /v1/customers/${CUSTOMER}/agreements`]: { status: 401 },
      [`GET /v1/customers/${CUSTOMER}`]: { status: 401 },
    });
    const pc = client();
    const appUser = await failure(scope.run({ user: USER }, () => pc.listMcaAgreements(CUSTOMER)));
    expect(appUser.code).to.equal('sign_in_required');
    const appOnly = await failure(pc.getCustomer(CUSTOMER));
    expect(appOnly.code).to.equal('app_credentials_invalid');
    expect(server.seen).to.have.length(4);
    expect(tokens.invalidated).to.have.length(4);
  });

  it("App+User calls ask for the token of the scope's user; App-only calls for the app's", async () => {
    server = await fakeServer({
      [`GET /v1/customers/${CUSTOMER}/agreements`]: { status: 200, body: { items: [AGREEMENT_ANSWER] } },
      [`GET /v1/customers/${CUSTOMER}`]: { status: 200, body: CUSTOMER_ANSWER },
    });
    const pc = client();
    await scope.run({ user: USER }, async () => {
      await pc.listMcaAgreements(CUSTOMER);
      await pc.getCustomer(CUSTOMER);
    });
    expect(tokens.requested).to.deep.equal([
      { kind: 'app+user', resource: 'partnerCenter', user: USER },
      { kind: 'app-only', resource: 'partnerCenter' },
    ]);
    expect(server.seen[0].headers.authorization).to.equal('Bearer app+user.partnerCenter.megan-oid.v1');
  });

  it('X-Locale ko-KR and one MS-CorrelationId on every call of one scope; outside a scope en-US and one id per call', async () => {
    server = await fakeServer({
      [`GET /v1/customers/${CUSTOMER}`]: { status: 200, body: CUSTOMER_ANSWER },
      [`GET /v1/customers/${CUSTOMER}/subscriptions`]: { status: 200, body: { items: [] } },
    });
    const pc = client();
    await scope.run({ correlationId: 'f0e1d2c3-0000-4000-8000-000000000001', locale: 'ko-KR' }, async () => {
      await pc.getCustomer(CUSTOMER);
      await pc.listSubscriptions(CUSTOMER);
      await pc.getCustomer(CUSTOMER);
    });
    expect(server.seen.map((r) => r.headers['x-locale'])).to.deep.equal(['ko-KR', 'ko-KR', 'ko-KR']);
    expect(new Set(server.seen.map((r) => r.headers['ms-correlationid']))).to.deep.equal(
      new Set(['f0e1d2c3-0000-4000-8000-000000000001']),
    );
    expect(server.seen.every((r) => r.headers.accept === 'application/json')).to.equal(true);
    await pc.getCustomer(CUSTOMER);
    await pc.getCustomer(CUSTOMER);
    const outside = server.seen.slice(3);
    expect(outside.map((r) => r.headers['x-locale'])).to.deep.equal(['en-US', 'en-US']);
    expect(outside[0].headers['ms-correlationid']).to.not.equal(outside[1].headers['ms-correlationid']);
  });

  it('listCustomers pages through 3 pages with the MS-ContinuationToken of links.next', async () => {
    const page = (n: number, next?: string) => ({
      status: 200,
      body: {
        totalCount: 5,
        items: [n * 2 - 1, n * 2]
          .filter((i) => i <= 5)
          .map((i) => ({
            ...CUSTOMER_ANSWER,
            id: `00000000-0000-4000-8000-00000000000${i}`,
            companyProfile: { companyName: `C${i}` },
          })),
        ...(next
          ? {
              links: {
                next: {
                  uri: '/customers?size=500',
                  method: 'GET',
                  headers: [{ key: 'MS-ContinuationToken', value: next }],
                },
              },
            }
          : {}),
      },
    });
    server = await fakeServer({
      'GET /v1/customers': (request) => {
        const token = request.headers['ms-continuationtoken'];
        if (!token) return page(1, 'token-2');
        return token === 'token-2' ? page(2, 'token-3') : page(3);
      },
    });
    const pc = client();
    const customers = await scope.run({ correlationId: 'corr-paging' }, () => pc.listCustomers());
    expect(customers.map((c) => c.companyName)).to.deep.equal(['C1', 'C2', 'C3', 'C4', 'C5']);
    expect(server.seen.map((r) => [r.url, r.headers['ms-continuationtoken']])).to.deep.equal([
      ['/v1/customers?size=500', undefined],
      ['/v1/customers?size=500', 'token-2'],
      ['/v1/customers?size=500', 'token-3'],
    ]);
    expect(new Set(server.seen.map((r) => r.headers['ms-correlationid']))).to.deep.equal(
      new Set(['corr-paging']),
    );
  });

  it('an error body becomes a DomainError with the Partner Center code; 600002 carries the meaning read from the description', async () => {
    server = await fakeServer({
      [`POST /v1/customers/${CUSTOMER}/agreements`]: {
        status: 400,
        body: { code: 600002, description: 'Date of agreement cannot be greater than the current date.' },
      },
      [`GET /v1/customers/${CUSTOMER}/subscriptions`]: {
        status: 403,
        body: { code: 900105, description: 'suspended' },
      },
    });
    const pc = client();
    const futureDate = await failure(
      pc.createAgreement(CUSTOMER, AGREEMENT_REQUEST, { userId: 'u1', displayName: 'Megan Bowen' }),
    );
    expect(futureDate.code).to.equal('600002');
    expect(futureDate.params).to.include({ reason: 'futureDate', httpStatus: 400 });
    const suspended = await failure(pc.listSubscriptions(CUSTOMER));
    expect(suspended.code).to.equal('900105');
    // Business errors are not retried.
    expect(server.seen).to.have.length(2);
  });

  it('a purchase (create cart, then checkout) in one action: the first call sends the request id, the second a distinct id derived from it, stable on a re-run', async () => {
    server = await fakeServer({
      [`POST /v1/customers/${CUSTOMER}/carts`]: { status: 201, body: { id: 'cart-1' } },
      [`POST /v1/customers/${CUSTOMER}/carts/cart-1/checkout`]: {
        status: 200,
        body: {
          orders: [
            {
              id: 'order-1',
              lineItems: [{ lineItemNumber: 0, offerId: 'DZH318Z0BPS6:0001', subscriptionId: 'plan-1' }],
            },
          ],
        },
      },
    });
    const pc = client();
    const purchase = () =>
      scope.run({ requestId: REQUEST_ID, user: USER }, async () => {
        const cart = await pc.createCart(CUSTOMER, {
          catalogItemId: 'DZH318Z0BPS6:0001:DZH318Z0BPS6',
          quantity: 1,
          billingCycle: 'one_time',
        });
        return pc.checkoutCart(CUSTOMER, cart.id);
      });
    const order = await purchase();
    expect(order.id).to.equal('order-1');
    await purchase();
    const ids = server.seen.map((r) => r.headers['ms-requestid']);
    expect(ids[0]).to.equal(REQUEST_ID);
    expect(ids[1]).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(ids[1]).to.not.equal(REQUEST_ID);
    expect(ids.slice(2)).to.deep.equal(ids.slice(0, 2));
  });
});
