import { expect } from 'chai';
import type { Activity } from 'botbuilder';
import { createLogger } from '../../src/logging.js';
import { Translator } from '../../src/i18n/translator.js';
import { startAppUnderTest, type AppUnderTest } from './support/appUnderTest.js';
import {
  CHANNEL_ISSUER,
  FakeOpenIdServer,
  hmacJwtWithPublicKey,
  newSigningKey,
  signJwt,
  unreachableUrl,
  unsignedJwt,
  type SigningKeyPair,
} from './support/fakeOpenId.js';
import { PARTNER_TENANT } from './support/teamsClient.js';

/**
 * Auth mode (app credentials set) over the real HTTP endpoint, with OpenID metadata and keys served
 * on loopback: a token signed by the served key with the right claims is accepted; anything that
 * cannot be verified is 401 — never 500 — with exactly one structured log line and no stack trace,
 * and the bot never runs. Activities without a consistent tenant are refused in both modes.
 */

const APP_ID = '2f2c2c38-6c1d-4b85-9a4e-5c7b0b1f6a10';
const OTHER_TENANT = '99999999-9999-9999-9999-999999999999';
const t = new Translator('en-US');

interface LogLine {
  level: number;
  msg: string;
  status?: number;
  reason?: string;
  [field: string]: unknown;
}

/** A logger like the app's, whose JSON lines the test can read. */
function capturingLogger() {
  const lines: string[] = [];
  const logger = createLogger('info', { write: (line: string) => void lines.push(line) });
  return { logger, lines };
}

/** Runs `action` and returns what it wrote to console.error/console.warn (botbuilder's stack traces). */
async function consoleOutputOf<T>(action: () => Promise<T>): Promise<{ result: T; console: string[] }> {
  const written: string[] = [];
  const original = { error: console.error, warn: console.warn };
  console.error = (...args: unknown[]) => void written.push(args.map(String).join(' '));
  console.warn = (...args: unknown[]) => void written.push(args.map(String).join(' '));
  try {
    return { result: await action(), console: written };
  } finally {
    console.error = original.error;
    console.warn = original.warn;
  }
}

const matrix: Array<{ mode: string; case: string; status: number; reason: string }> = [];

interface Harness {
  sut: AppUnderTest;
  lines: string[];
}

async function startHarness(env: Record<string, string>): Promise<Harness> {
  const { logger, lines } = capturingLogger();
  const sut = await startAppUnderTest(env, undefined, logger);
  return { sut, lines };
}

/** Posts an activity and returns the status, body, the log lines and console output it caused. */
async function post(harness: Harness, activity: Partial<Activity>, authorization?: string) {
  const linesBefore = harness.lines.length;
  const callsBefore = harness.sut.connector.calls.length;
  const { result, console: consoleLines } = await consoleOutputOf(async () => {
    const response = await harness.sut.client.post(
      activity,
      authorization === undefined ? {} : { authorization },
    );
    return { status: response.status, body: await response.text() };
  });
  const logs = harness.lines.slice(linesBefore).map((line) => JSON.parse(line) as LogLine);
  return {
    ...result,
    logs,
    console: consoleLines,
    connectorCalls: harness.sut.connector.calls.length - callsBefore,
  };
}

/** A messaging-extension query: answered in the HTTP response itself, so no outbound call is needed. */
function searchInvoke(harness: Harness, overrides: Partial<Activity> = {}): Partial<Activity> {
  return {
    ...harness.sut.client.activity(''),
    type: 'invoke',
    name: 'composeExtension/query',
    value: { commandId: 'searchPrice', parameters: [{ name: 'query', value: '' }] },
    ...overrides,
  };
}

function claims(harness: Harness, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return {
    iss: CHANNEL_ISSUER,
    aud: APP_ID,
    serviceurl: harness.sut.client.activity('').serviceUrl,
    nbf: now - 60,
    iat: now - 60,
    exp: now + 3600,
    ...overrides,
  };
}

function expectRefused(
  outcome: Awaited<ReturnType<typeof post>>,
  status: 400 | 401 | 403,
  reason: string,
  label: string,
): void {
  expect(outcome.status, `${label}: status (${outcome.body})`).to.equal(status);
  expect(outcome.logs, `${label}: exactly one log line`).to.have.length(1);
  const [line] = outcome.logs;
  expect(line).to.include({ msg: 'request refused', status, reason });
  expect(line, `${label}: no error object or stack in the log`).to.not.have.any.keys('err', 'stack');
  expect(JSON.stringify(line)).to.not.match(/\n\s+at /);
  expect(outcome.console, `${label}: nothing on the console`).to.deep.equal([]);
  expect(outcome.connectorCalls, `${label}: the bot did not run`).to.equal(0);
}

describe('Auth and tenant checks over HTTP', () => {
  after(() => {
    console.log('\n  Auth matrix (HTTP status per request):');
    console.table(matrix);
    const counts = matrix.reduce<Record<number, number>>((acc, row) => {
      acc[row.status] = (acc[row.status] ?? 0) + 1;
      return acc;
    }, {});
    console.log(`  ${matrix.length} requests: ${JSON.stringify(counts)}`);
  });

  describe('Auth mode over HTTP: tokens checked against locally served OpenID metadata', function () {
    this.timeout(60_000);
    let openId: FakeOpenIdServer;
    let harness: Harness;
    let served: SigningKeyPair;
    let stranger: SigningKeyPair;
    let impostor: SigningKeyPair;

    before(async () => {
      served = newSigningKey('served-key');
      stranger = newSigningKey('stranger-key');
      impostor = newSigningKey('served-key'); // same kid as the served key, different key
      openId = new FakeOpenIdServer([served]);
      const metadataUrl = await openId.start();
      harness = await startHarness({
        MicrosoftAppId: APP_ID,
        MicrosoftAppPassword: 'test-secret',
        ToBotFromChannelOpenIdMetadataUrl: metadataUrl,
        ToBotFromEmulatorOpenIdMetadataUrl: metadataUrl,
      });
    });
    after(async () => {
      await harness.sut.stop();
      await openId.stop();
    });

    it('accepts a token signed by the served key with the right claims (the bot answers)', async () => {
      const outcome = await post(
        harness,
        searchInvoke(harness),
        `Bearer ${signJwt(claims(harness), served)}`,
      );
      matrix.push({ mode: 'auth', case: 'valid token', status: outcome.status, reason: '—' });
      expect(outcome.status, outcome.body).to.equal(200);
      const body = JSON.parse(outcome.body) as { composeExtension: { text: string } };
      expect(body.composeExtension.text).to.equal(t.t('priceChat.ask'));
      expect(outcome.logs.filter((line) => line.msg === 'request refused')).to.deep.equal([]);
      expect(outcome.console).to.deep.equal([]);
    });

    const refusedCases: Array<{ name: string; reason: string; header: (h: Harness) => string | undefined }> =
      [
        { name: 'no Authorization header', reason: 'missingToken', header: () => undefined },
        { name: 'not a Bearer token', reason: 'missingToken', header: () => 'Basic dXNlcjpwYXNz' },
        { name: 'garbage Bearer token', reason: 'malformedToken', header: () => 'Bearer garbage' },
        {
          name: 'well-formed token signed by an unknown key',
          reason: 'unknownSigningKey',
          header: (h) => `Bearer ${signJwt(claims(h), stranger)}`,
        },
        {
          name: 'served key id, signed by another key',
          reason: 'badSignature',
          header: (h) => `Bearer ${signJwt(claims(h), impostor)}`,
        },
        {
          name: 'expired',
          reason: 'tokenExpired',
          header: (h) => {
            const now = Math.floor(Date.now() / 1000);
            return `Bearer ${signJwt(claims(h, { nbf: now - 7200, iat: now - 7200, exp: now - 3600 }), served)}`;
          },
        },
        {
          name: 'not valid yet',
          reason: 'tokenNotYetValid',
          header: (h) => {
            const now = Math.floor(Date.now() / 1000);
            return `Bearer ${signJwt(claims(h, { nbf: now + 3600, exp: now + 7200 }), served)}`;
          },
        },
        {
          name: 'wrong audience',
          reason: 'rejected',
          header: (h) =>
            `Bearer ${signJwt(claims(h, { aud: '11111111-1111-1111-1111-111111111111' }), served)}`,
        },
        {
          name: 'wrong issuer',
          reason: 'issuerNotAllowed',
          header: (h) => `Bearer ${signJwt(claims(h, { iss: 'https://evil.example.com' }), served)}`,
        },
        {
          name: 'wrong service URL claim',
          reason: 'rejected',
          header: (h) => `Bearer ${signJwt(claims(h, { serviceurl: 'https://evil.example.com' }), served)}`,
        },
        {
          name: 'alg: none',
          reason: 'algorithmNotAllowed',
          header: (h) => `Bearer ${unsignedJwt(claims(h), served.kid)}`,
        },
        {
          name: 'HS256 with the public key as secret',
          reason: 'algorithmNotAllowed',
          header: (h) => `Bearer ${hmacJwtWithPublicKey(claims(h), served)}`,
        },
      ];

    for (const testCase of refusedCases) {
      it(`${testCase.name} → 401, one log line, no stack trace`, async () => {
        const outcome = await post(harness, searchInvoke(harness), testCase.header(harness));
        matrix.push({ mode: 'auth', case: testCase.name, status: outcome.status, reason: testCase.reason });
        expectRefused(outcome, 401, testCase.reason, testCase.name);
      });
    }

    it('a forged token on a message activity is refused the same way (the bot never replies)', async () => {
      const outcome = await post(
        harness,
        harness.sut.client.activity('help'),
        `Bearer ${signJwt(claims(harness), stranger)}`,
      );
      matrix.push({
        mode: 'auth',
        case: 'forged token on a message',
        status: outcome.status,
        reason: 'unknownSigningKey',
      });
      expectRefused(outcome, 401, 'unknownSigningKey', 'message');
    });

    it('a body that is no activity: 401 without a valid token, 400 with one', async () => {
      const unauthenticated = await post(harness, { hello: 'world' } as Partial<Activity>);
      matrix.push({
        mode: 'auth',
        case: 'no activity, no token',
        status: unauthenticated.status,
        reason: 'missingToken',
      });
      expectRefused(unauthenticated, 401, 'missingToken', 'no activity, no token');
      const authenticated = await post(
        harness,
        { hello: 'world' } as Partial<Activity>,
        `Bearer ${signJwt(claims(harness), served)}`,
      );
      matrix.push({
        mode: 'auth',
        case: 'no activity, valid token',
        status: authenticated.status,
        reason: 'notAnActivity',
      });
      expectRefused(authenticated, 400, 'notAnActivity', 'no activity, valid token');
    });

    it('a valid token on an activity without a tenant → 403', async () => {
      const activity = searchInvoke(harness, { channelData: {} });
      delete (activity.conversation as { tenantId?: string }).tenantId;
      const outcome = await post(harness, activity, `Bearer ${signJwt(claims(harness), served)}`);
      matrix.push({
        mode: 'auth',
        case: 'valid token, no tenant',
        status: outcome.status,
        reason: 'noTenant',
      });
      expectRefused(outcome, 403, 'noTenant', 'no tenant');
    });

    it('a valid token on an activity whose two tenant fields disagree → 403', async () => {
      const activity = searchInvoke(harness, { channelData: { tenant: { id: OTHER_TENANT } } });
      const outcome = await post(harness, activity, `Bearer ${signJwt(claims(harness), served)}`);
      matrix.push({
        mode: 'auth',
        case: 'valid token, tenants disagree',
        status: outcome.status,
        reason: 'tenantMismatch',
      });
      expectRefused(outcome, 403, 'tenantMismatch', 'tenant mismatch');
    });
  });

  describe('Auth mode over HTTP: the OpenID metadata endpoint is unreachable (fail closed)', function () {
    this.timeout(60_000);
    let harness: Harness;
    let key: SigningKeyPair;

    before(async () => {
      key = newSigningKey('any-key');
      const metadataUrl = await unreachableUrl('/.well-known/openid-configuration');
      harness = await startHarness({
        MicrosoftAppId: APP_ID,
        MicrosoftAppPassword: 'test-secret',
        ToBotFromChannelOpenIdMetadataUrl: metadataUrl,
        ToBotFromEmulatorOpenIdMetadataUrl: metadataUrl,
      });
    });
    after(async () => harness.sut.stop());

    it('a well-formed token is 401 (never 500), every time, with one log line each', async () => {
      for (const attempt of [1, 2]) {
        const outcome = await post(harness, searchInvoke(harness), `Bearer ${signJwt(claims(harness), key)}`);
        matrix.push({
          mode: 'auth',
          case: `metadata unreachable #${attempt}`,
          status: outcome.status,
          reason: 'metadataUnavailable',
        });
        expectRefused(outcome, 401, 'metadataUnavailable', `attempt ${attempt}`);
      }
    });
  });

  describe('Tenant checks in anonymous mode (no app credentials)', function () {
    this.timeout(60_000);
    let harness: Harness;

    before(async () => {
      harness = await startHarness({});
    });
    after(async () => harness.sut.stop());

    it('an activity with consistent tenant fields is served', async () => {
      const outcome = await post(harness, harness.sut.client.activity('help', { conversationId: 'anon-ok' }));
      matrix.push({ mode: 'anonymous', case: 'consistent tenant', status: outcome.status, reason: '—' });
      expect(outcome.status).to.equal(200);
      expect(outcome.connectorCalls).to.be.greaterThan(0);
    });

    it('an activity without a tenant is refused (403, one log line, no reply)', async () => {
      const activity = harness.sut.client.activity('help', { conversationId: 'anon-none' });
      delete (activity.conversation as { tenantId?: string }).tenantId;
      activity.channelData = {};
      const outcome = await post(harness, activity);
      matrix.push({ mode: 'anonymous', case: 'no tenant', status: outcome.status, reason: 'noTenant' });
      expectRefused(outcome, 403, 'noTenant', 'no tenant');
    });

    it('an activity whose conversation.tenantId and channelData.tenant.id disagree is refused', async () => {
      for (const [conversationTenant, channelTenant] of [
        [PARTNER_TENANT, OTHER_TENANT],
        [OTHER_TENANT, PARTNER_TENANT],
      ]) {
        const activity = harness.sut.client.activity('customers', { conversationId: 'anon-mismatch' });
        (activity.conversation as { tenantId?: string }).tenantId = conversationTenant;
        activity.channelData = { tenant: { id: channelTenant } };
        const outcome = await post(harness, activity);
        matrix.push({
          mode: 'anonymous',
          case: `tenants disagree (${conversationTenant.slice(0, 4)}…)`,
          status: outcome.status,
          reason: 'tenantMismatch',
        });
        expectRefused(outcome, 403, 'tenantMismatch', 'tenant mismatch');
      }
    });
  });
});
