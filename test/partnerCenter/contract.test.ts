import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { expect } from 'chai';
import { isDomainError } from '../../src/domain/errors.js';
import type { EnhancedAttestationPort, PartnerCenter } from '../../src/domain/partnerCenter/port.js';
import { RestPartnerCenter } from '../../src/partnerCenter/rest/restPartnerCenter.js';
import { CUSTOMERS, emulatorFixture, pollUpgrade, type EmulatorFixture } from './emulator/emulatorFixture.js';
import { REPO_ROOT } from './sandbox/sandboxFixture.js';

/**
 * Contract fixtures (test/fixtures/partner-center/*.json, from the Partner Center docs' examples):
 * (a) the seeded emulator answers each request with the fixture's status and a body of the same
 *     shape (every fixture key present with the same JSON type; ids and values may differ);
 * (b) the REST client, pointed at a replay server that answers the fixture's response, sends the
 *     fixture's method, path and body keys and reads the answer without error.
 * (b) goes through the PartnerCenter port only, so a rewritten REST client keeps passing as long as
 * it speaks the documented API; makeRestClient is the one place that knows its constructor.
 */

interface Fixture {
  operation: string;
  docUrl: string;
  docPage: string;
  auth: 'app-or-user' | 'app+user' | 'app-only';
  request: {
    method: string;
    path: string;
    pathTemplate: string;
    headers: Record<string, string>;
    body?: unknown;
  };
  response: { status: number; headers: Record<string, string>; body?: unknown };
  note?: string;
}

const FIXTURE_DIR = path.join(REPO_ROOT, 'test/fixtures/partner-center');
const FIXTURES: Fixture[] = readdirSync(FIXTURE_DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(path.join(FIXTURE_DIR, f), 'utf8')) as Fixture);

const UNKNOWN_CUSTOMER = '11111111-2222-4333-8444-555555555555';
const CONTOSO_PLAN = 'f80c27d0-528b-4ad2-97b4-482a7a15d2f6';
const CONTOSO_AZURE = ['23ecfaaf-7633-4898-8279-8a6d7b559bf1', 'dfb2e059-d81a-4df5-b6c5-64402ea91153'];
const US_PLAN = 'DZH318Z0BPS6:0001:DZH318Z0BML6';
/** The alias name of the ARM alias fixtures (the REST client names an alias with a new id). */
const DOC_ALIAS = 'd2a7c0d5-2f5e-4b1f-9d0e-0f4c1b6f8a11';
const DOC_BILLING_ACCOUNT =
  '99a13315-0000-0000-0000-000000000000:11112222-3333-4444-5555-666677778888_2019-05-31';

// — shape comparison —

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** Problems where `actual` lacks a key of `expected` or has another JSON type (arrays: first items). */
function shapeProblems(expected: unknown, actual: unknown, at = '$'): string[] {
  const e = jsonType(expected);
  const a = jsonType(actual);
  if (e === 'null') return [];
  if (e !== a) return [`${at}: expected ${e}, got ${a}`];
  if (e === 'array') {
    const [first] = expected as unknown[];
    const [got] = actual as unknown[];
    if (first === undefined) return [];
    if (got === undefined) return [`${at}: expected a non-empty array`];
    return shapeProblems(first, got, `${at}[0]`);
  }
  if (e === 'object') {
    const problems: string[] = [];
    for (const [key, value] of Object.entries(expected as Record<string, unknown>)) {
      if (!(key in (actual as Record<string, unknown>))) problems.push(`${at}.${key}: missing`);
      else problems.push(...shapeProblems(value, (actual as Record<string, unknown>)[key], `${at}.${key}`));
    }
    return problems;
  }
  return [];
}

/** Keys of `expected` (recursively, case-insensitive) missing from `actual`. */
function missingKeys(expected: unknown, actual: unknown, at = '$'): string[] {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${at}: expected an array`];
    return expected.length > 0 && actual.length > 0 ? missingKeys(expected[0], actual[0], `${at}[0]`) : [];
  }
  if (!expected || typeof expected !== 'object') return [];
  if (!actual || typeof actual !== 'object') return [`${at}: expected an object`];
  const byLower = new Map(Object.entries(actual).map(([k, v]) => [k.toLowerCase(), v]));
  return Object.entries(expected).flatMap(([key, value]) =>
    byLower.has(key.toLowerCase())
      ? missingKeys(value, byLower.get(key.toLowerCase()), `${at}.${key}`)
      : [`${at}.${key}: missing`],
  );
}

function fill(template: string, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!(name in params)) throw new Error(`no value for {${name}} in ${template}`);
    return encodeURIComponent(params[name]);
  });
}

/** Path parameters of the fixture's documented request (the doc example's ids). */
function docParams(fixture: Fixture): Record<string, string> {
  const template = fixture.request.pathTemplate.split('?')[0].split('/');
  const actual = fixture.request.path.split('?')[0].split('/');
  const params: Record<string, string> = {};
  template.forEach((part, i) => {
    if (part.startsWith('{')) params[part.slice(1, -1)] = decodeURIComponent(actual[i]);
  });
  return params;
}

function samePathAndQuery(a: string, b: string): boolean {
  const [pa, qa = ''] = decodeURIComponent(a).split('?');
  const [pb, qb = ''] = decodeURIComponent(b).split('?');
  const query = (q: string) => q.toLowerCase().split('&').filter(Boolean).sort().join('&');
  return (
    pa.toLowerCase().replace(/\/$/, '') === pb.toLowerCase().replace(/\/$/, '') && query(qa) === query(qb)
  );
}

// — (a) the emulator —

interface Prepared {
  params?: Record<string, string>;
  body?: unknown;
}

async function newCart(fx: EmulatorFixture, customerId: string, reseller: string): Promise<string> {
  const cart = await fx.call('POST', `/v1/customers/${customerId}/carts`, {
    body: {
      lineItems: [
        {
          id: 0,
          catalogItemId: US_PLAN,
          quantity: 1,
          billingCycle: 'one_time',
          participants: [{ key: 'transaction_reseller', value: reseller }],
        },
      ],
    },
  });
  return cart.body.id as string;
}

async function startUpgrade(fx: EmulatorFixture, customerId: string): Promise<string> {
  const created = await fx.call('POST', '/v1/productUpgrades', {
    body: { customerId, productFamily: 'Azure' },
  });
  return (created.headers.get('location') ?? '').split('/')[1];
}

async function armOperation(fx: EmulatorFixture): Promise<string> {
  const created = await fx.call(
    'POST',
    `/arm/providers/Microsoft.Billing/billingAccounts/ba/customers/${CUSTOMERS.contosoWithPlan}/providers/Microsoft.Subscription/createSubscription?api-version=2020-01-01`,
    {
      token: await fx.tokens.appUser({ audience: 'https://management.azure.com' }),
      body: { displayName: 'Contract test', skuId: '0001', resellerId: '4412873' },
    },
  );
  const location = new URL(created.headers.get('location') ?? '', 'http://x');
  return location.pathname.split('/').at(-1) as string;
}

const woodgroveUpgradeBody = { customerId: CUSTOMERS.woodgroveLegacyTwoResellers, productFamily: 'azure' };

/** How to make each fixture's request meaningful against the seed: ids to use, state to create first. */
const SCENARIOS: Record<string, (fx: EmulatorFixture) => Promise<Prepared>> = {
  'get-a-list-of-customers': async () => ({}),
  'get-a-list-of-customers-next-page': async () => ({}),
  'get-a-customer-by-id': async () => ({ params: { customerId: CUSTOMERS.contosoWithPlan } }),
  'get-customer-agreement-metadata': async () => ({}),
  'get-confirmation-of-customer-agreement': async () => ({
    params: { customerId: CUSTOMERS.northwindAttested },
  }),
  'get-direct-sign-status-of-customer-agreement': async () => ({
    params: { customerId: CUSTOMERS.hanbitDirectlySigned },
  }),
  'confirm-customer-consent-customer-agreement': async () => ({
    params: { customerId: CUSTOMERS.fabrikamNoMca },
  }),
  'get-a-list-of-availabilities-for-a-sku-by-customer': async () => ({
    params: { customerId: CUSTOMERS.fabrikamNoMca },
  }),
  'create-a-cart': async () => ({ params: { customerId: CUSTOMERS.fabrikamNoMca } }),
  'checkout-a-cart': async (fx) => ({
    params: {
      customerId: CUSTOMERS.wideWorldResellerCustomer,
      cartId: await newCart(fx, CUSTOMERS.wideWorldResellerCustomer, '5120934'),
    },
  }),
  'get-all-of-a-customer-s-subscriptions': async () => ({
    params: { customerId: CUSTOMERS.woodgroveLegacyTwoResellers },
  }),
  'get-a-subscription-by-id': async (fx) => {
    const list = await fx.call('GET', `/v1/customers/${CUSTOMERS.woodgroveLegacyTwoResellers}/subscriptions`);
    const legacy = list.body.items.find((s: { entitlementId?: string }) => s.entitlementId);
    return { params: { customerId: CUSTOMERS.woodgroveLegacyTwoResellers, subscriptionId: legacy.id } };
  },
  'suspend-a-subscription': async (fx) => {
    for (const id of CONTOSO_AZURE)
      await fx.emulator.sandbox.partnerCenter.suspendAzureSubscription(CUSTOMERS.contosoWithPlan, id);
    return { params: { customerId: CUSTOMERS.contosoWithPlan, subscriptionId: CONTOSO_PLAN } };
  },
  'get-a-list-of-azure-entitlements-for-subscription': async () => ({
    params: { customerId: CUSTOMERS.contosoWithPlan, subscriptionId: CONTOSO_PLAN },
  }),
  'get-eligibility-for-product-upgrade': async () => ({ body: woodgroveUpgradeBody }),
  'create-product-upgrade-entity': async () => ({ body: woodgroveUpgradeBody }),
  'get-product-upgrade-status': async (fx) => {
    const upgradeId = await startUpgrade(fx, CUSTOMERS.woodgroveLegacyTwoResellers);
    await pollUpgrade(fx, CUSTOMERS.woodgroveLegacyTwoResellers, upgradeId);
    return { params: { upgradeId }, body: woodgroveUpgradeBody };
  },
  'arm-create-csp-subscription': async () => ({
    params: { billingAccountName: 'ba', customerId: CUSTOMERS.contosoWithPlan },
  }),
  'arm-create-subscription-alias': async (fx) => ({
    params: { aliasName: DOC_ALIAS },
    body: {
      properties: {
        displayName: 'Contoso Analytics',
        workload: 'Production',
        billingScope: `/providers/Microsoft.Billing/billingAccounts/${fx.emulator.billingAccountName}/customers/${CUSTOMERS.contosoWithPlan}`,
      },
    },
  }),
  'arm-get-subscription-alias': async (fx) => {
    const created = await fx.call(
      'PUT',
      `/arm/providers/Microsoft.Subscription/aliases/${DOC_ALIAS}?api-version=2021-10-01`,
      {
        token: await fx.tokens.appUser({ audience: 'https://management.azure.com' }),
        body: {
          properties: {
            displayName: 'Contract test',
            workload: 'Production',
            billingScope: `/providers/Microsoft.Billing/billingAccounts/${fx.emulator.billingAccountName}/customers/${CUSTOMERS.contosoWithPlan}`,
          },
        },
      },
    );
    expect(created.status).to.equal(201);
    return { params: { aliasName: DOC_ALIAS } };
  },
  'create-enhanced-attestation': async () => ({}),
  'get-enhanced-attestation': async (fx) => {
    const created = await fx.emulator.sandbox.attestations.createEnhancedAttestation(
      CUSTOMERS.fabrikamNoMca,
      {
        country: 'US',
        language: 'en-US',
        companyName: 'Fabrikam',
        signatoryFirstName: 'Kenji',
        signatoryLastName: 'Sato',
        signatoryEmail: 'kenji.sato@fabrikam.com',
      },
    );
    await fx.emulator.sandbox.attestations.accept(created.attestationId);
    return { params: { attestationId: created.attestationId } };
  },
  'get-a-price-sheet': async () => ({}),
  'arm-get-subscription-operation': async (fx) => ({ params: { operationId: await armOperation(fx) } }),
  'arm-get-subscription': async () => ({ params: { subscriptionId: CONTOSO_AZURE[0] } }),
  'arm-rename-subscription': async () => ({ params: { subscriptionId: CONTOSO_AZURE[0] } }),
  'arm-cancel-subscription': async () => ({ params: { subscriptionId: CONTOSO_AZURE[0] } }),
  'arm-enable-subscription': async () => ({ params: { subscriptionId: CONTOSO_AZURE[0] } }),
  'error-600061-agreement-already-exists': async () => ({
    params: { customerId: CUSTOMERS.northwindAttested },
  }),
  'error-600002-date-in-future': async () => ({ params: { customerId: CUSTOMERS.fabrikamNoMca } }),
  'error-13605-mca-not-accepted': async (fx) => ({
    params: {
      customerId: CUSTOMERS.fabrikamNoMca,
      cartId: await newCart(fx, CUSTOMERS.fabrikamNoMca, '4412873'),
    },
  }),
  'error-900115-plan-has-active-subscriptions': async () => ({
    params: { customerId: CUSTOMERS.contosoWithPlan, subscriptionId: CONTOSO_PLAN },
  }),
  'error-unknown-customer': async () => ({ params: { customerId: UNKNOWN_CUSTOMER } }),
};

// — (b) the REST client against a replay server —

interface Recorded {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

class ReplayServer {
  readonly requests: Recorded[] = [];
  private server!: Server;
  origin = '';

  constructor(private readonly fixture: Fixture) {}

  async start(): Promise<void> {
    this.server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const text = Buffer.concat(chunks).toString('utf8');
      this.requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: text ? JSON.parse(text) : undefined,
      });
      // Other requests are preparatory reads (PATCH = GET then PATCH): they get an empty resource.
      const isFixtureRequest =
        req.method === this.fixture.request.method &&
        samePathAndQuery(req.url ?? '', this.fixture.request.path);
      const { status, headers, body } = isFixtureRequest
        ? this.fixture.response
        : { status: 200, headers: { 'Content-Type': 'application/json' }, body: {} };
      res.writeHead(status, headers);
      res.end(body === undefined ? undefined : JSON.stringify(body));
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}

/** The only place that knows how the REST client is built; public hosts are sent to the replay server. */
function makeRestClient(origin: string): PartnerCenter & EnhancedAttestationPort {
  const toReplay = (url: string) =>
    url
      .replace(/^https:\/\/api\.partnercenter\.microsoft\.com/i, origin)
      .replace(/^https:\/\/management\.azure\.com/i, `${origin}/arm`)
      .replace(/^https:\/\/api\.partner\.microsoft\.com/i, `${origin}/partnerapi`);
  return new RestPartnerCenter(
    {
      baseUrl: `${origin}/v1`,
      fetch: (url, init) => fetch(toReplay(url), init),
      getAccessToken: async () => 'replay-token',
      billingAccountName: DOC_BILLING_ACCOUNT,
      // The doc example's ids (alias name) are the ones the client makes up.
      newId: () => DOC_ALIAS,
    },
    {
      partner: { tenantId: 't', mpnId: '1234567', name: 'Partner', type: 'IndirectProvider', country: 'US' },
      users: [],
      indirectResellers: [],
    },
  );
}

type PortCall = (
  pc: PartnerCenter & EnhancedAttestationPort,
  ids: Record<string, string>,
  fixture: Fixture,
) => Promise<unknown>;

const acting = { userId: 'u', displayName: 'User' };
const bodyOf = (f: Fixture) => f.request.body as Record<string, string>;

/**
 * The port method that makes each fixture's request. Operations absent here have no port method of
 * their own (the ARM operation / subscription reads are steps inside create and rename).
 */
const PORT_CALLS: Record<string, PortCall> = {
  'get-a-list-of-customers': (pc) => pc.listCustomersPage({ size: 40 }),
  'get-a-list-of-customers-next-page': async (pc) => {
    const page = await pc.listCustomersPage({ size: 2 });
    expect(page.continuationToken).to.equal('AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expect(page.totalCount).to.equal(12);
    return page;
  },
  'get-a-customer-by-id': (pc, ids) => pc.getCustomer(ids.customerId),
  'get-customer-agreement-metadata': async (pc) => {
    expect(await pc.getMcaMetadata()).to.have.length(1);
  },
  'get-confirmation-of-customer-agreement': (pc, ids) => pc.listMcaAgreements(ids.customerId),
  'get-direct-sign-status-of-customer-agreement': async (pc, ids) => {
    expect(await pc.getDirectSignStatus(ids.customerId)).to.deep.equal({ isSigned: true });
  },
  'confirm-customer-consent-customer-agreement': (pc, ids, f) =>
    pc.createAgreement(ids.customerId, f.request.body as never, acting),
  'get-a-list-of-availabilities-for-a-sku-by-customer': async (pc, ids) => {
    expect((await pc.getAzurePlanAvailability(ids.customerId))?.catalogItemId).to.equal(US_PLAN);
  },
  'create-a-cart': (pc, ids) =>
    pc.createCart(ids.customerId, {
      catalogItemId: US_PLAN,
      quantity: 1,
      billingCycle: 'one_time',
      partnerIdOnRecord: '4412873',
    }),
  'checkout-a-cart': async (pc, ids) => {
    const order = await pc.checkoutCart(ids.customerId, ids.cartId);
    expect(order.lineItems[0].subscriptionId).to.equal('EF2E1307-86E6-40E3-A794-872403FBD31C');
  },
  'get-all-of-a-customer-s-subscriptions': (pc, ids) => pc.listSubscriptions(ids.customerId),
  'suspend-a-subscription': (pc, ids) => pc.suspendPlan(ids.customerId, ids.subscriptionId),
  'get-a-list-of-azure-entitlements-for-subscription': (pc, ids) =>
    pc.listAzureEntitlements(ids.customerId, ids.subscriptionId),
  'get-eligibility-for-product-upgrade': (pc, _ids, f) => pc.getUpgradeEligibility(bodyOf(f).customerId),
  'create-product-upgrade-entity': async (pc, _ids, f) => {
    expect(await pc.createUpgrade(bodyOf(f).customerId)).to.deep.equal({
      upgradeId: '42d075a4-bfe7-43e7-af6d-7c68a57edcb4',
    });
  },
  'get-product-upgrade-status': async (pc, ids, f) => {
    expect((await pc.getUpgradeStatus(bodyOf(f).customerId, ids.upgradeId)).status).to.equal('completed');
  },
  // arm-create-csp-subscription (POST createSubscription, 2020-01-01) is the older API the emulator
  // still serves; the client uses the alias API.
  'arm-create-subscription-alias': async (pc, _ids, f) => {
    const properties = (f.request.body as { properties: { displayName: string } }).properties;
    const created = await pc.createAzureSubscription(
      '14876998-c0dc-46e6-9d0c-65a57a6c32ec',
      CONTOSO_PLAN,
      properties.displayName,
    );
    expect(created).to.include({
      id: 'b5bab918-e8a9-4c34-a2e2-ebc1b75b9d74',
      friendlyName: 'Contoso Analytics',
    });
  },
  'arm-rename-subscription': (pc, ids, f) =>
    pc.renameAzureSubscription(CUSTOMERS.contosoWithPlan, ids.subscriptionId, bodyOf(f).subscriptionName),
  'arm-cancel-subscription': (pc, ids) =>
    pc.suspendAzureSubscription(CUSTOMERS.contosoWithPlan, ids.subscriptionId),
  'arm-enable-subscription': (pc, ids) =>
    pc.reactivateAzureSubscription(CUSTOMERS.contosoWithPlan, ids.subscriptionId),
  'create-enhanced-attestation': async (pc, _ids, f) => {
    const { customerId, ...request } = f.request.body as Record<string, string>;
    const created = await pc.createEnhancedAttestation(customerId, request as never);
    expect(created).to.include({ status: 'pending', attestationId: '0b0c8f9e-6a55-4b7e-9d3c-2f1e0a9b8c7d' });
    expect(created.acceptanceUrl).to.match(/^http:\/\/127\.0\.0\.1:4020\/emulator\/mca-acceptance\?/);
  },
  'get-enhanced-attestation': async (pc, ids) => {
    const found = await pc.getEnhancedAttestation(ids.attestationId);
    expect(found).to.include({ status: 'accepted', acceptedAt: '2026-11-30T13:00:00.000Z' });
    expect(found.request.signatoryEmail).to.equal('kenji.sato@fabrikam.com');
  },
  'get-a-price-sheet': async (pc) => {
    const stream = await pc.downloadPriceSheet('KR', 'azure_consumption');
    for await (const _chunk of stream) {
      // drained: the replay answers the headers only
    }
  },
  'error-600061-agreement-already-exists': (pc, ids, f) =>
    pc.createAgreement(ids.customerId, f.request.body as never, acting),
  'error-600002-date-in-future': (pc, ids, f) =>
    pc.createAgreement(ids.customerId, f.request.body as never, acting),
  'error-13605-mca-not-accepted': (pc, ids) => pc.checkoutCart(ids.customerId, ids.cartId),
  'error-900115-plan-has-active-subscriptions': (pc, ids) =>
    pc.suspendPlan(ids.customerId, ids.subscriptionId),
  'error-unknown-customer': (pc, ids) => pc.getCustomer(ids.customerId),
};

/** Codes the client may turn a documented error into (a rewrite may map 404/1000 to 'not_found'). */
function acceptableCodes(fixture: Fixture): string[] {
  const code = String((fixture.response.body as { code: unknown }).code);
  return fixture.response.status === 404 ? [code, 'not_found'] : [code];
}

describe('Partner Center contract fixtures', () => {
  it('every fixture names its doc, auth, request and response, and has a scenario', () => {
    expect(FIXTURES.length).to.be.greaterThan(20);
    for (const f of FIXTURES) {
      expect(f.docUrl, f.operation).to.match(/^https:\/\/learn\.microsoft\.com\//);
      expect(['app-or-user', 'app+user', 'app-only'], f.operation).to.include(f.auth);
      expect(f.request.path, f.operation).to.match(/^\/(v1|arm|partnerapi)\//);
      if (f.docPage)
        expect(f.docPage, f.operation).to.match(/^xdmushui\/partner-center-sdk develop\/.+\.md$/);
      else expect(f.note ?? '', f.operation).to.match(/inferred/i);
      expect(SCENARIOS, f.operation).to.have.property(f.operation);
    }
  });

  describe('(a) the seeded emulator answers like the docs', () => {
    for (const fixture of FIXTURES) {
      it(`${fixture.operation}: ${fixture.request.method} → ${fixture.response.status}`, async () => {
        const fx = await emulatorFixture();
        try {
          const prepared = await SCENARIOS[fixture.operation](fx);
          const target = fill(fixture.request.pathTemplate, { ...docParams(fixture), ...prepared.params });
          const audience = target.startsWith('/arm/')
            ? 'https://management.azure.com'
            : target.startsWith('/partnerapi/')
              ? 'https://api.partner.microsoft.com'
              : undefined;
          const token =
            fixture.auth === 'app-only'
              ? await fx.tokens.appOnly()
              : await fx.tokens.appUser(audience ? { audience } : {});
          if (fixture.response.headers['Content-Type'] === 'application/octet-stream') {
            // A file stream (the price sheet): status, headers and some bytes.
            const response = await fetch(`${fx.emulator.baseUrl}${target}`, {
              headers: { Authorization: `Bearer ${token}` },
            });
            expect(response.status).to.equal(fixture.response.status);
            expect(response.headers.get('content-type')).to.equal('application/octet-stream');
            expect(response.headers.get('content-disposition')).to.match(/^attachment/);
            expect((await response.arrayBuffer()).byteLength).to.be.greaterThan(0);
            return;
          }
          const result = await fx.call(fixture.request.method, target, {
            token,
            ...((prepared.body ?? fixture.request.body) !== undefined
              ? { body: prepared.body ?? fixture.request.body }
              : {}),
          });
          expect(result.status, JSON.stringify(result.body)).to.equal(fixture.response.status);
          for (const name of Object.keys(fixture.response.headers))
            expect(result.headers.get(name), `header ${name}`).to.be.a('string');
          if (fixture.response.body === undefined) expect(result.body).to.equal(undefined);
          else expect(shapeProblems(fixture.response.body, result.body)).to.deep.equal([]);
        } finally {
          await fx.dispose();
        }
      });
    }
  });

  describe('(b) the REST client sends the documented request and reads the documented answer', () => {
    for (const fixture of FIXTURES) {
      const call = PORT_CALLS[fixture.operation];
      if (!call) continue;
      it(`${fixture.operation}`, async () => {
        const replay = new ReplayServer(fixture);
        await replay.start();
        try {
          const client = makeRestClient(replay.origin);
          const ids = docParams(fixture);
          let failure: unknown;
          try {
            await call(client, ids, fixture);
          } catch (error) {
            failure = error;
          }
          if (fixture.response.status >= 400) {
            expect(isDomainError(failure), String(failure)).to.equal(true);
            expect(acceptableCodes(fixture)).to.include((failure as { code: string }).code);
            if (fixture.operation === 'error-600002-date-in-future')
              expect((failure as { params: Record<string, unknown> }).params.reason).to.equal('futureDate');
          } else if (isDomainError(failure) && failure.code === 'not_supported_by_backend') {
            // The REST client does not speak ARM yet: it must then not have called anything.
            expect(fixture.request.path).to.match(/^\/arm\//);
            expect(replay.requests).to.deep.equal([]);
            return;
          } else if (failure) {
            throw failure;
          }
          const sent = replay.requests.find(
            (r) => r.method === fixture.request.method && samePathAndQuery(r.url, fixture.request.path),
          );
          expect(sent, `sent: ${replay.requests.map((r) => `${r.method} ${r.url}`).join(', ')}`).to.not.equal(
            undefined,
          );
          if (fixture.request.body !== undefined)
            expect(missingKeys(fixture.request.body, sent?.body)).to.deep.equal([]);
          expect(sent?.headers.authorization).to.match(/^Bearer /);
        } finally {
          await replay.close();
        }
      });
    }
  });
});
