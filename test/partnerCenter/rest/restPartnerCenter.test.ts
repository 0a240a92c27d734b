import { expect } from 'chai';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MCA_TEMPLATE_ID } from '../../../src/domain/agreements/agreement.js';
import { DomainError } from '../../../src/domain/errors.js';
import { RestPartnerCenter } from '../../../src/partnerCenter/rest/restPartnerCenter.js';

interface Seen {
  method: string;
  url: string;
  authorization: string | undefined;
  body: unknown;
}

type Route = (request: Seen) => { status: number; body?: unknown; headers?: Record<string, string> };

const CUSTOMER = '14876998-c0dc-46e6-9d0c-65a57a6c32ec';

/** A fake Partner Center on 127.0.0.1 that answers per "METHOD path" and records what it saw. */
async function fakePartnerCenter(
  routes: Record<string, Route>,
): Promise<{ server: Server; baseUrl: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer(async (req: IncomingMessage, res) => {
    let text = '';
    for await (const chunk of req) text += chunk;
    const request: Seen = {
      method: req.method ?? '',
      url: req.url ?? '',
      authorization: req.headers.authorization,
      body: text ? JSON.parse(text) : undefined,
    };
    seen.push(request);
    const route = routes[`${request.method} ${request.url.split('?')[0]}`];
    const answer = route ? route(request) : { status: 404 };
    res.writeHead(answer.status, { 'Content-Type': 'application/json', ...(answer.headers ?? {}) });
    res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, baseUrl: `http://127.0.0.1:${port}/v1`, seen };
}

function adapter(baseUrl: string): RestPartnerCenter {
  return new RestPartnerCenter(
    {
      baseUrl,
      fetch: (url, init) => fetch(url, init),
      getAccessToken: async () => 'app-user-token',
      sleep: async () => undefined,
    },
    {
      partner: {
        tenantId: 't',
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

describe('REST Partner Center adapter (against a local fake server)', () => {
  let fake: Awaited<ReturnType<typeof fakePartnerCenter>>;
  afterEach(async () => new Promise<void>((resolve) => fake.server.close(() => resolve())));

  it('rule 5: reads agreements with agreementType=MicrosoftCustomerAgreement and the bearer token', async () => {
    fake = await fakePartnerCenter({
      [`GET /v1/customers/${CUSTOMER}/agreements`]: () => ({
        status: 200,
        body: {
          items: [
            {
              userId: 'u1',
              primaryContact: { firstName: 'Patti', lastName: 'Fernandez', email: 'patti@contoso.com' },
              dateAgreed: '2024-02-05T00:00:00Z',
              templateId: MCA_TEMPLATE_ID,
              type: 'MicrosoftCustomerAgreement',
              agreementLink: 'https://aka.ms/customeragreement',
            },
          ],
        },
      }),
    });
    const agreements = await adapter(fake.baseUrl).listMcaAgreements(CUSTOMER);
    expect(agreements).to.have.length(1);
    expect(agreements[0]).to.include({ userId: 'u1', templateId: MCA_TEMPLATE_ID });
    expect(fake.seen[0].url).to.equal(
      `/v1/customers/${CUSTOMER}/agreements?agreementType=MicrosoftCustomerAgreement`,
    );
    expect(fake.seen[0].authorization).to.equal('Bearer app-user-token');
  });

  it('maps an error body {code, description} to the Partner Center code (600061 duplicate attestation)', async () => {
    fake = await fakePartnerCenter({
      [`POST /v1/customers/${CUSTOMER}/agreements`]: () => ({
        status: 409,
        body: { code: 600061, description: 'PartnerConfirmedAgreementAlreadyExists' },
      }),
    });
    const request = {
      primaryContact: { firstName: 'Patti', lastName: 'Fernandez', email: 'patti@contoso.com' },
      dateAgreed: '2026-11-26T00:00:00.000Z',
      templateId: MCA_TEMPLATE_ID,
      type: 'MicrosoftCustomerAgreement' as const,
    };
    const error = await adapter(fake.baseUrl)
      .createAgreement(CUSTOMER, request, { userId: 'u1', displayName: 'Megan Bowen' })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).to.be.instanceOf(DomainError).with.property('code', '600061');
    expect(fake.seen[0].body).to.deep.equal(request);
  });

  it('starts a product upgrade and takes its id from the Location header', async () => {
    fake = await fakePartnerCenter({
      'POST /v1/productupgrades': () => ({
        status: 202,
        headers: { Location: 'productUpgrades/42d075a4-bfe7-43e7-af6d-7c68a57edcb4' },
      }),
      'POST /v1/productUpgrades/42d075a4-bfe7-43e7-af6d-7c68a57edcb4/status': () => ({
        status: 200,
        body: {
          id: '42d075a4-bfe7-43e7-af6d-7c68a57edcb4',
          status: 'Completed',
          productFamily: 'Azure',
          lineItems: [
            {
              sourceProduct: { id: 'b1beb621-3cad-4d7a-b360-62db33ce028e', name: 'AzureSubscription' },
              targetProduct: { id: 'd231908e-31c1-de0e-027b-bc5ce11f09d9', name: 'Microsoft Azure plan' },
              upgradedDate: '2026-11-26T10:00:00Z',
              status: 'Completed',
            },
          ],
        },
      }),
    });
    const pc = adapter(fake.baseUrl);
    const { upgradeId } = await pc.createUpgrade(CUSTOMER);
    expect(upgradeId).to.equal('42d075a4-bfe7-43e7-af6d-7c68a57edcb4');
    expect(fake.seen[0].body).to.deep.equal({ customerId: CUSTOMER, productFamily: 'Azure' });
    const status = await pc.getUpgradeStatus(CUSTOMER, upgradeId);
    expect(status.status).to.equal('completed');
    expect(status.lineItems[0]).to.include({ status: 'completed', upgradedDate: '2026-11-26T10:00:00Z' });
  });

  it('maps a 404 without an error code to not_found and an unreachable server (after the retries) to partner_center_unavailable', async () => {
    fake = await fakePartnerCenter({});
    const notFound = await adapter(fake.baseUrl)
      .getCustomer(CUSTOMER)
      .then(
        () => undefined,
        (e: DomainError) => e.code,
      );
    expect(notFound).to.equal('not_found');
    const unreachable = await adapter('http://127.0.0.1:1/v1')
      .getCustomer(CUSTOMER)
      .then(
        () => undefined,
        (e: DomainError) => e.code,
      );
    expect(unreachable).to.equal('partner_center_unavailable');
  });
});
