import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { systemClock, type Clock } from '../../domain/clock.js';
import { isDomainError } from '../../domain/errors.js';
import { openSandbox, type Sandbox } from '../sandbox/openSandbox.js';
import { createAcceptancePage, DEFAULT_ACCEPTANCE_PATH } from './acceptancePage.js';
import {
  ANONYMOUS,
  ARM_AUDIENCE,
  AuthRefusal,
  PARTNER_API_AUDIENCE,
  PARTNER_CENTER_AUDIENCE,
  TokenVerifier,
  type Principal,
  type TrustedIssuer,
} from './auth.js';
import {
  armError,
  armFromDomainError,
  fromDomainError,
  internalError,
  partnerCenterError,
  type EmulatorResponse,
} from './errors.js';
import { fingerprintOf, RequestIdLog } from './idempotency.js';
import { matchRoute, type Api } from './routes.js';
import { EMULATOR_BILLING_ACCOUNT_NAME, SubscriptionAliases } from './subscriptionAliases.js';
import { FaultPlan, RateLimiter, type FaultRuleJson } from './throttling.js';

/** The MPA billing account name the emulator accepts by default (give it to the REST client's billingAccountName). */
export { EMULATOR_BILLING_ACCOUNT_NAME } from './subscriptionAliases.js';

/** The repository's default seed (seed/sandbox-seed.json), independent of the working directory. */
export const DEFAULT_EMULATOR_SEED = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../seed/sandbox-seed.json',
);

export const EMULATOR_DATA_FILE = 'partner-center.json';
export const EMULATOR_REQUEST_LOG_FILE = 'request-ids.json';
const MAX_BODY_BYTES = 1_000_000;

export interface PartnerCenterEmulatorOptions {
  /** Directory for the store (partner-center.json) and the MS-RequestId log (request-ids.json). */
  dataDir: string;
  /** Seed read on first start (no data file yet); defaults to seed/sandbox-seed.json. */
  seedFile?: string;
  /** 0 (default) = any free port. Always bound to 127.0.0.1. */
  port?: number;
  clock?: Clock;
  /** Transition pace: one step of a product upgrade every this many ms (default 2000). */
  upgradeStepMs?: number;
  /** 900130 window for the transition eligibility check. */
  recentPurchaseWindowDays?: number;
  /** The clock tokens' exp/nbf are checked against (default: the system clock, as issuers use). */
  tokenClock?: Clock;
  newId?: () => string;
  /** Token issuers whose RS256 tokens are accepted. Required unless allowAnonymous. */
  trustedIssuers?: readonly TrustedIssuer[];
  /** No token verification at all (every caller is an App+User with MFA). Local demos only. */
  allowAnonymous?: boolean;
  /** Requests per minute per token subject before 429 (default: no limit). */
  requestsPerMinute?: number;
  /**
   * The partner's MPA billing account name (ARM billingScope of a subscription alias) the emulator
   * answers for; default EMULATOR_BILLING_ACCOUNT_NAME. Give the REST client the same name.
   */
  billingAccountName?: string;
  /** Lifetime of an MCA acceptance link (hours; the sandbox default when absent). */
  attestationLinkTtlHours?: number;
  /** Answer a new subscription alias 202 Accepted (the client then polls GET alias), as ARM may. */
  aliasesAnswerAccepted?: boolean;
}

export interface PartnerCenterEmulator {
  /** `http://127.0.0.1:<port>` */
  baseUrl: string;
  /** `${baseUrl}/v1`: what the REST client takes as its base URL. */
  partnerCenterUrl: string;
  /** `${baseUrl}/arm`: stands for https://management.azure.com. */
  armUrl: string;
  /** `${baseUrl}/partnerapi`: stands for https://api.partner.microsoft.com (price sheets, `/v1.0/...`). */
  partnerApiUrl: string;
  /** `${baseUrl}/emulator/mca-acceptance`: the local MCA acceptance page (attestations link here). */
  acceptanceUrl: string;
  /** The billing account name the ARM alias routes accept. */
  billingAccountName: string;
  /** Injectable faults (also reachable as POST/DELETE `/_emulator/faults`). */
  faults: FaultPlan;
  /** The rule engine and store underneath (tests may look at the data). */
  sandbox: Sandbox;
  close(): Promise<void>;
}

interface Incoming {
  method: string;
  url: URL;
  headers: IncomingMessage['headers'];
  rawBody: string;
}

function header(req: Incoming, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

function apiOf(pathname: string): Api {
  const lower = pathname.toLowerCase();
  if (lower.startsWith('/arm/')) return 'arm';
  if (lower.startsWith('/partnerapi/')) return 'partnerApi';
  return 'partnerCenter';
}

const AUDIENCES: Record<Api, readonly string[]> = {
  partnerCenter: [PARTNER_CENTER_AUDIENCE],
  arm: [ARM_AUDIENCE, `${ARM_AUDIENCE}/`],
  partnerApi: [PARTNER_API_AUDIENCE],
};

/** Mounts under DEFAULT_ACCEPTANCE_PATH (the page and its /accept form). */
function isAcceptancePath(pathname: string): boolean {
  return pathname === DEFAULT_ACCEPTANCE_PATH || pathname === `${DEFAULT_ACCEPTANCE_PATH}/accept`;
}

function authFailure(api: Api, refusal: AuthRefusal): EmulatorResponse {
  const response =
    api === 'arm'
      ? armError(refusal.status, refusal.errorName, refusal.description)
      : // error-codes.md: 401 Unauthorized → code 400 "Access denied".
        partnerCenterError(
          refusal.status,
          400,
          `Access denied: ${refusal.description}`,
          {},
          refusal.errorName,
        );
  response.headers['WWW-Authenticate'] = refusal.challenge;
  return response;
}

function throttled(api: Api, retryAfterSeconds: number): EmulatorResponse {
  const message = `Rate limit is exceeded. Try again in ${retryAfterSeconds} seconds.`;
  // api-throttling-guidance.md shows this body for Partner Center.
  const response =
    api === 'arm'
      ? armError(429, 'TooManyRequests', message)
      : { status: 429, headers: {}, body: { statusCode: 429, message } };
  response.headers['Retry-After'] = String(retryAfterSeconds);
  return response;
}

/**
 * A local Partner Center ("like Azurite for Azure Storage"): the documented REST API over HTTP on
 * 127.0.0.1, with the sandbox (src/partnerCenter/sandbox) as rule engine and store. It checks bearer
 * tokens, throttles, keeps MS-RequestId answers and runs transitions in the background.
 */
export async function startPartnerCenterEmulator(
  options: PartnerCenterEmulatorOptions,
): Promise<PartnerCenterEmulator> {
  if (!options.allowAnonymous && !(options.trustedIssuers && options.trustedIssuers.length > 0))
    throw new Error('startPartnerCenterEmulator: give trustedIssuers (or allowAnonymous: true)');
  const clock = options.clock ?? systemClock;
  const sandbox = await openSandbox({
    dataFile: path.join(options.dataDir, EMULATOR_DATA_FILE),
    seedFile: options.seedFile ?? DEFAULT_EMULATOR_SEED,
    clock,
    ...(options.upgradeStepMs !== undefined ? { upgradeStepMs: options.upgradeStepMs } : {}),
    ...(options.recentPurchaseWindowDays !== undefined
      ? { recentPurchaseWindowDays: options.recentPurchaseWindowDays }
      : {}),
    ...(options.newId ? { newId: options.newId } : {}),
    ...(options.attestationLinkTtlHours !== undefined
      ? { attestationLinkTtlHours: options.attestationLinkTtlHours }
      : {}),
  });
  const billingAccountName = options.billingAccountName ?? EMULATOR_BILLING_ACCOUNT_NAME;
  const aliases = new SubscriptionAliases(sandbox.store);
  const acceptancePage = createAcceptancePage(sandbox.attestations, DEFAULT_ACCEPTANCE_PATH);
  // Known once the server listens; read per request.
  let baseUrl = '';
  const requestLog = await RequestIdLog.open(path.join(options.dataDir, EMULATOR_REQUEST_LOG_FILE), () =>
    clock.now(),
  );
  const verifier = options.allowAnonymous
    ? undefined
    : // Token times are wall-clock times (the issuer's), whatever business date the emulator plays.
      new TokenVerifier(options.trustedIssuers ?? [], options.tokenClock ?? systemClock);
  const limiter = new RateLimiter(options.requestsPerMinute, clock);
  const faults = new FaultPlan();

  async function answer(req: Incoming): Promise<EmulatorResponse | 'drop'> {
    const pathname = req.url.pathname;
    if (pathname === '/_emulator/faults') {
      if (req.method === 'DELETE') {
        faults.clear();
        return { status: 204, headers: {} };
      }
      if (req.method === 'POST') {
        faults.addJson(JSON.parse(req.rawBody || '{}') as FaultRuleJson);
        return { status: 201, headers: {} };
      }
    }
    const fault = faults.take(req.method, pathname);
    if (fault?.kind === 'drop') return 'drop';
    if (fault)
      return {
        status: fault.status,
        headers:
          fault.retryAfterSeconds !== undefined ? { 'Retry-After': String(fault.retryAfterSeconds) } : {},
        body:
          fault.body ??
          partnerCenterError(fault.status, fault.status, 'Injected fault', {}, undefined, true).body,
      };

    const api = apiOf(pathname);
    const matched = matchRoute(req.method, pathname);
    if (!('route' in matched)) {
      if (api === 'arm')
        return armError(
          matched.pathMatched ? 405 : 404,
          matched.pathMatched ? 'MethodNotAllowed' : 'NotFound',
          `No route for ${req.method} ${pathname}`,
        );
      return matched.pathMatched
        ? partnerCenterError(405, 405, `Method ${req.method} is not allowed on ${pathname}`)
        : partnerCenterError(404, 1000, `Not found: ${pathname}`);
    }
    const { route, params } = matched;

    let principal: Principal = ANONYMOUS;
    if (verifier) {
      try {
        principal = await verifier.verify(header(req, 'authorization'), AUDIENCES[route.api], route.auth);
      } catch (error) {
        if (error instanceof AuthRefusal) return authFailure(route.api, error);
        throw error;
      }
    }
    const retryAfter = limiter.take(principal.subject);
    if (retryAfter !== undefined) return throttled(route.api, retryAfter);

    let body: unknown;
    if (req.rawBody.trim()) {
      try {
        body = JSON.parse(req.rawBody.replace(/^\uFEFF/, ''));
      } catch {
        return route.api === 'arm'
          ? armError(400, 'InvalidRequestContent', 'The request body is not valid JSON.')
          : partnerCenterError(400, 3000, 'Invalid property: the request body is not valid JSON.');
      }
    }

    const run = async (): Promise<EmulatorResponse> => {
      try {
        return await route.handle({
          params,
          query: req.url.searchParams,
          headers: req.headers,
          body,
          principal,
          partnerCenter: sandbox.partnerCenter,
          store: sandbox.store,
          attestations: sandbox.attestations,
          aliases,
          billingAccountName,
          baseUrl,
          aliasesAnswerAccepted: options.aliasesAnswerAccepted ?? false,
        });
      } catch (error) {
        if (isDomainError(error))
          return route.api === 'arm' ? armFromDomainError(error) : fromDomainError(error);
        return internalError();
      }
    };

    const requestId = header(req, 'ms-requestid');
    if (!route.effect || !requestId) return run();
    const outcome = await requestLog.once(
      `${principal.subject}|${requestId}`,
      fingerprintOf(req.method, `${pathname}${req.url.search}`, body),
      run,
      // Only an effect is remembered: a refusal changed nothing, so a corrected retry may reuse the id.
      (response) => response.status < 400,
    );
    if ('conflict' in outcome)
      // Not documented: a reused MS-RequestId with another request is refused rather than replayed.
      return partnerCenterError(
        409,
        409,
        `MS-RequestId ${requestId} was already used for a different request.`,
        { requestId },
        'RequestIdConflict',
      );
    if (outcome.replayed) outcome.response.headers['MS-Idempotent-Replay'] = 'true';
    return outcome.response;
  }

  // No chaining on writeHead: restify (same process in e2e runs) replaces it with one returning undefined.
  async function onRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    // The stand-in for Microsoft's acceptance component (no token: the signatory is not signed in).
    if (isAcceptancePath(url.pathname)) {
      const finished = new Promise<void>((resolve) => response.once('close', () => resolve()));
      if (acceptancePage(request, response)) {
        await finished;
        return;
      }
    }
    let rawBody = '';
    // A request without Content-Length and Transfer-Encoding has no body (RFC 9112 6.3): nothing to read.
    if (
      request.headers['content-length'] !== undefined ||
      request.headers['transfer-encoding'] !== undefined
    ) {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of request) {
        size += (chunk as Buffer).length;
        if (size > MAX_BODY_BYTES) {
          response.writeHead(413);
          response.end();
          return;
        }
        chunks.push(chunk as Buffer);
      }
      rawBody = Buffer.concat(chunks).toString('utf8');
    }
    const incoming: Incoming = {
      method: (request.method ?? 'GET').toUpperCase(),
      url,
      headers: request.headers,
      rawBody,
    };
    let result: EmulatorResponse | 'drop';
    try {
      result = await answer(incoming);
    } catch {
      result = internalError();
    }
    if (result === 'drop') {
      request.socket.destroy();
      return;
    }
    const headers: Record<string, string> = {
      'MS-RequestId': header(incoming, 'ms-requestid') ?? randomUUID(),
      'MS-CorrelationId': header(incoming, 'ms-correlationid') ?? randomUUID(),
      ...result.headers,
    };
    if (result.stream) {
      response.writeHead(result.status, headers);
      try {
        for await (const chunk of result.stream) {
          if (!response.write(chunk)) await new Promise((resolve) => response.once('drain', resolve));
        }
        response.end();
      } catch {
        response.destroy();
      }
      return;
    }
    if (result.body === undefined) {
      response.writeHead(result.status, headers);
      response.end();
      return;
    }
    const text = JSON.stringify(result.body);
    headers['Content-Type'] = 'application/json; charset=utf-8';
    headers['Content-Length'] = String(Buffer.byteLength(text));
    response.writeHead(result.status, headers);
    response.end(text);
  }

  const server = createServer((request, response) => {
    onRequest(request, response).catch(() => {
      if (!response.headersSent) response.statusCode = 500;
      response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  sandbox.worker.start();
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;
  let closing: Promise<void> | undefined;
  return {
    baseUrl,
    partnerCenterUrl: `${baseUrl}/v1`,
    armUrl: `${baseUrl}/arm`,
    partnerApiUrl: `${baseUrl}/partnerapi`,
    acceptanceUrl: `${baseUrl}${DEFAULT_ACCEPTANCE_PATH}`,
    billingAccountName,
    faults,
    sandbox,
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await sandbox.close();
        await requestLog.flush();
      })();
      return closing;
    },
  };
}
