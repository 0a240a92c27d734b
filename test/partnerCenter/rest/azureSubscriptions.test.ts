import { expect } from 'chai';
import { DomainError } from '../../../src/domain/errors.js';
import { CallScope } from '../../../src/partnerCenter/callContext.js';
import {
  RestPartnerCenter,
  type RestPartnerCenterOptions,
} from '../../../src/partnerCenter/rest/restPartnerCenter.js';
import { FakeTokens, fakeServer, recordingSleep, type FakeServer } from './support/fakeHttp.js';

const CUSTOMER = '14876998-c0dc-46e6-9d0c-65a57a6c32ec';
const PLAN = 'd231908e-31c1-de0e-027b-bc5ce11f09d9';
const AZURE_SUB = 'b1beb621-3cad-4d7a-b360-62db33ce028e';
const REQUEST_ID = '0f9e8d7c-6b5a-4c3d-8e2f-1a0b9c8d7e6f';
const USER = { tenantId: 'partner-tenant', aadObjectId: 'megan-oid' };
const API = 'api-version=2021-10-01';

describe('REST Partner Center client: Azure subscriptions under the plan (Azure Resource Manager)', () => {
  let server: FakeServer;
  let tokens: FakeTokens;
  let scope: CallScope;
  afterEach(() => server?.close());

  function client(options: Partial<RestPartnerCenterOptions> = {}): RestPartnerCenter {
    tokens = new FakeTokens();
    scope = new CallScope();
    return new RestPartnerCenter(
      {
        baseUrl: server.baseUrl,
        armBaseUrl: `${server.origin}/arm`,
        tokens,
        callScope: scope,
        sleep: recordingSleep().sleep,
        billingAccountName:
          '99a13315-xxxx-xxxx-xxxx-xxxxxxxxxxxx:xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx_2019-05-31',
        aliasPolls: { intervalMs: 1 },
        ...options,
      },
      {
        partner: {
          tenantId: 'partner-tenant',
          mpnId: '1234567',
          name: 'Contoso',
          type: 'IndirectProvider',
          country: 'US',
        },
        users: [],
        indirectResellers: [],
      },
    );
  }

  it('creates one under the plan with a subscription alias named by the request id (billing scope = customer, reseller = partner of record), polling a 202', async () => {
    const aliasPath = `/arm/providers/Microsoft.Subscription/aliases/${REQUEST_ID}`;
    server = await fakeServer({
      [`GET /v1/customers/${CUSTOMER}/subscriptions/${PLAN}`]: {
        status: 200,
        body: { id: PLAN, offerId: 'DZH318Z0BPS6:0001', status: 'active', partnerId: '4847383' },
      },
      [`PUT ${aliasPath}`]: {
        status: 202,
        headers: { 'Retry-After': '2' },
        body: { properties: { provisioningState: 'Accepted' } },
      },
      [`GET ${aliasPath}`]: [
        { status: 200, body: { properties: { provisioningState: 'Running' } } },
        {
          status: 200,
          body: {
            name: REQUEST_ID,
            properties: { provisioningState: 'Succeeded', subscriptionId: AZURE_SUB.toUpperCase() },
          },
        },
      ],
    });
    const pc = client();
    const created = await scope.run(
      { requestId: REQUEST_ID, user: USER, locale: 'ko-KR', correlationId: 'turn-7' },
      () => pc.createAzureSubscription(CUSTOMER, PLAN, 'Contoso Dev'),
    );
    expect(created).to.include({
      id: AZURE_SUB,
      friendlyName: 'Contoso Dev',
      status: 'active',
      subscriptionId: PLAN,
    });
    const put = server.seen.find((r) => r.method === 'PUT');
    expect(put?.url).to.equal(`${aliasPath}?${API}`);
    expect(put?.body).to.deep.equal({
      properties: {
        displayName: 'Contoso Dev',
        workload: 'Production',
        billingScope: `/providers/Microsoft.Billing/billingAccounts/99a13315-xxxx-xxxx-xxxx-xxxxxxxxxxxx:xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx_2019-05-31/customers/${CUSTOMER}`,
        resellerId: '4847383',
      },
    });
    expect(put?.headers['ms-requestid']).to.equal(REQUEST_ID);
    expect(put?.headers.authorization).to.equal('Bearer app+user.azureResourceManager.megan-oid.v1');
    expect(put?.headers['x-ms-client-request-id']).to.equal(REQUEST_ID);
    expect(put?.headers['accept-language']).to.equal('ko-KR');
    expect(put?.headers['x-ms-correlation-request-id']).to.equal('turn-7');
    expect(server.seen.filter((r) => r.method === 'GET' && r.url.startsWith(aliasPath))).to.have.length(2);
  });

  it('without a billing account name, creating says not_configured and calls nothing', async () => {
    server = await fakeServer({});
    const error = await client({ billingAccountName: undefined })
      .createAzureSubscription(CUSTOMER, PLAN, 'x')
      .catch((e: DomainError) => e);
    expect(error).to.be.instanceOf(DomainError).with.property('code', 'not_configured');
    expect(server.seen).to.have.length(0);
  });

  const changes = [
    {
      name: 'rename',
      path: 'rename',
      body: { subscriptionName: 'Contoso Prod' },
      status: 'active',
      friendlyName: 'Contoso Prod',
    },
    { name: 'suspend (cancel)', path: 'cancel', body: undefined, status: 'suspended', friendlyName: '' },
    { name: 'reactivate (enable)', path: 'enable', body: undefined, status: 'active', friendlyName: '' },
  ] as const;
  for (const change of changes) {
    it(`${change.name}: POST /subscriptions/{id}/providers/Microsoft.Subscription/${change.path}`, async () => {
      const path = `/arm/subscriptions/${AZURE_SUB}/providers/Microsoft.Subscription/${change.path}`;
      server = await fakeServer({ [`POST ${path}`]: { status: 200, body: { subscriptionId: AZURE_SUB } } });
      const pc = client();
      const result = await scope.run({ requestId: REQUEST_ID, user: USER }, () =>
        change.path === 'rename'
          ? pc.renameAzureSubscription(CUSTOMER, AZURE_SUB, 'Contoso Prod')
          : change.path === 'cancel'
            ? pc.suspendAzureSubscription(CUSTOMER, AZURE_SUB)
            : pc.reactivateAzureSubscription(CUSTOMER, AZURE_SUB),
      );
      expect(result).to.include({ id: AZURE_SUB, status: change.status, friendlyName: change.friendlyName });
      expect(server.seen).to.have.length(1);
      expect(server.seen[0].url).to.equal(`${path}?${API}`);
      expect(server.seen[0].body).to.deep.equal(change.body);
      expect(server.seen[0].headers['ms-requestid']).to.equal(REQUEST_ID);
    });
  }

  it('an ARM error body {error: {code}} becomes a DomainError with that code', async () => {
    const path = `/arm/subscriptions/${AZURE_SUB}/providers/Microsoft.Subscription/enable`;
    server = await fakeServer({
      [`POST ${path}`]: {
        status: 409,
        body: { error: { code: 'SubscriptionNotDisabled', message: 'It is active.' } },
      },
    });
    const error = await client()
      .reactivateAzureSubscription(CUSTOMER, AZURE_SUB)
      .catch((e: DomainError) => e);
    expect(error).to.be.instanceOf(DomainError).with.property('code', 'SubscriptionNotDisabled');
  });
});
