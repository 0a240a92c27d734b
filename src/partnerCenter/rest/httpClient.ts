import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import pRetry, { AbortError } from 'p-retry';
import { DomainError, isDomainError } from '../../domain/errors.js';
import { paramsFromDescription } from '../../domain/partnerCenter/errorDescriptions.js';
import { ValidationError, type ValidationReason } from '../../domain/partnerCenter/validationError.js';
import type { AuthKind, PartnerCenterTokens, TokenResource } from '../auth/tokens.js';
import type { CallContext, CallScope, CallUser } from '../callContext.js';
import { createLoopbackFetch, LoopbackTimeoutError, type LoopbackFetch } from './loopbackFetch.js';

export const PARTNER_CENTER_BASE_URL = 'https://api.partnercenter.microsoft.com/v1';
export const AZURE_RESOURCE_MANAGER_BASE_URL = 'https://management.azure.com';
/** The partner API of the price sheets (get-a-price-sheet). */
export const PARTNER_API_BASE_URL = 'https://api.partner.microsoft.com';
export const DEFAULT_LOCALE = 'en-US';

/** Per-attempt timeout: one HTTP exchange longer than this is abandoned and retried. */
export const DEFAULT_ATTEMPT_TIMEOUT_MS = 30_000;
/** Overall deadline of one logical call, all attempts and waits included. */
export const DEFAULT_DEADLINE_MS = 90_000;
export const DEFAULT_MAX_ATTEMPTS = 4;
export const DEFAULT_MIN_DELAY_MS = 500;
export const DEFAULT_MAX_DELAY_MS = 30_000;

/** The part of the WHATWG fetch the client uses (default: createLoopbackFetch over the global fetch). */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal },
) => Promise<{
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
  /** The body as a stream (global fetch has it); needed only by streamed downloads. */
  body?: ReadableStream<Uint8Array> | null;
}>;

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT';

/** Which service a call goes to. */
export type ApiBase = 'partnerCenter' | 'azureResourceManager' | 'partnerApi';

/** What the client needs to know about an operation (see operations.ts). */
export interface CallSpec {
  /** Operation name, for diagnostics (e.g. 'createAgreement'). */
  operation: string;
  method: HttpMethod;
  auth: AuthKind;
  resource: TokenResource;
  base: ApiBase;
  /** True for calls that change state: they carry the action's MS-RequestId. */
  stateChanging: boolean;
}

export interface RetryOptions {
  /** Attempts in total, the first included (default 4). */
  maxAttempts?: number;
  /** First backoff delay without Retry-After (doubles per attempt, default 500 ms). */
  minDelayMs?: number;
  /** Longest wait between attempts, Retry-After included (default 30 s). */
  maxDelayMs?: number;
}

export interface TimeoutOptions {
  /** Per attempt (default 30 s). */
  attemptMs?: number;
  /** Whole logical call, retries and waits included (default 90 s). */
  deadlineMs?: number;
}

export interface PartnerCenterHttpOptions {
  /** Defaults to the public Partner Center API (https://api.partnercenter.microsoft.com/v1). */
  baseUrl?: string;
  /** Azure Resource Manager (Azure subscriptions under the plan); defaults to https://management.azure.com. */
  armBaseUrl?: string;
  /** The partner API (price sheets, `/v1.0/sales/...`); defaults to https://api.partner.microsoft.com. */
  partnerApiBaseUrl?: string;
  /** Defaults to the global fetch. */
  fetch?: FetchLike;
  /** Bearer tokens per AuthKind and resource (the sign-in module). */
  tokens?: PartnerCenterTokens;
  /**
   * @deprecated One App+User token for every call; use `tokens`. Kept so older callers still work:
   * it is wrapped into a PartnerCenterTokens that ignores kind and resource.
   */
  getAccessToken?: () => Promise<string>;
  /** Carries correlation id, request id, locale and user of the current turn/action. */
  callScope?: Pick<CallScope, 'current'>;
  /** X-Locale when the call context has none (default en-US). */
  defaultLocale?: string;
  /** MS-PartnerCenter-Application (optional header naming the app). */
  applicationName?: string;
  timeouts?: TimeoutOptions;
  retry?: RetryOptions;
  /** Waits between attempts (tests pass one that returns at once and records the delays). */
  sleep?: (ms: number) => Promise<void>;
  /** Wall clock in ms, for Retry-After as an HTTP date and for the deadline (default Date.now). */
  now?: () => number;
  /** New GUIDs (MS-RequestId of reads, MS-CorrelationId without a turn). */
  newId?: () => string;
}

export interface HttpResult<T> {
  status: number;
  body: T;
  location: string | null;
  retryAfterMs: number | undefined;
}

export interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
  /** Use this MS-CorrelationId (e.g. one for every page of one listing). */
  correlationId?: string;
  /** Absolute URL instead of base + path (e.g. a Location header or links.next). */
  absoluteUrl?: string;
}

/** A failure worth another attempt (429, 5xx, network error, attempt timeout). */
class TransientFailure extends Error {
  constructor(
    readonly reason: 'throttled' | 'server' | 'network' | 'timeout',
    readonly httpStatus: number | undefined,
    readonly retryAfterMs: number | undefined,
  ) {
    super(`transient ${reason}${httpStatus ? ` ${httpStatus}` : ''}`);
    this.name = 'TransientFailure';
  }
}

/**
 * JSON over HTTP to Partner Center (and Azure Resource Manager), with the hygiene the API asks for
 * (https://learn.microsoft.com/partner-center/developer/headers,
 * https://learn.microsoft.com/partner-center/developer/api-throttling-guidance):
 * - headers on every call: `Authorization: Bearer` for the operation's AuthKind and resource,
 *   `Accept`, `MS-CorrelationId` (the turn's, else one per call), `X-Locale` (the turn's, else
 *   en-US), `MS-RequestId` (state-changing: the action's request id — derived per further
 *   state-changing call of the same action — reads: a fresh GUID per call; always the same value on
 *   every retry of that call);
 * - a timeout per attempt and an overall deadline (AbortSignal);
 * - retries (p-retry's rules) on 429, 408, 5xx, network errors and attempt timeouts, waiting `Retry-After`
 *   (seconds or HTTP date) or exponential backoff, capped in attempts and delay;
 * - 401: the token is invalidated and the call is sent once more with a fresh one; a second 401 is
 *   'sign_in_required' (App+User) or 'app_credentials_invalid' (App-only);
 * - other errors: DomainError with the Partner Center `code` of the body (see toDomainError).
 * When retries or the deadline run out: DomainError('partner_center_unavailable', {reason, httpStatus?}).
 */
export class PartnerCenterHttp {
  private readonly baseUrl: string;
  private readonly armBaseUrl: string;
  private readonly partnerApiBaseUrl: string;
  private readonly fetch: FetchLike;
  /** The default transport (no `fetch` option): sends loopback requests with a plain timer. */
  private readonly loopback: LoopbackFetch | undefined;
  private readonly tokens: PartnerCenterTokens;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly newId: () => string;
  private readonly attemptMs: number;
  private readonly deadlineMs: number;
  private readonly maxAttempts: number;
  private readonly minDelayMs: number;
  private readonly maxDelayMs: number;
  /** State-changing calls made so far per call context (the n-th gets a derived MS-RequestId). */
  private readonly stateChangingCalls = new WeakMap<CallContext, number>();

  constructor(private readonly options: PartnerCenterHttpOptions) {
    this.baseUrl = (options.baseUrl ?? PARTNER_CENTER_BASE_URL).replace(/\/$/, '');
    this.armBaseUrl = (options.armBaseUrl ?? AZURE_RESOURCE_MANAGER_BASE_URL).replace(/\/$/, '');
    this.partnerApiBaseUrl = (options.partnerApiBaseUrl ?? PARTNER_API_BASE_URL).replace(/\/$/, '');
    // Loopback emulator URLs over a keep-alive node:http agent, everything else through fetch.
    this.loopback = options.fetch
      ? undefined
      : createLoopbackFetch((url, init) => globalThis.fetch(url, init));
    this.fetch = options.fetch ?? this.loopback!;
    this.tokens = options.tokens ?? legacyTokens(options.getAccessToken);
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.now = options.now ?? Date.now;
    this.newId = options.newId ?? randomUUID;
    this.attemptMs = options.timeouts?.attemptMs ?? DEFAULT_ATTEMPT_TIMEOUT_MS;
    this.deadlineMs = options.timeouts?.deadlineMs ?? DEFAULT_DEADLINE_MS;
    this.maxAttempts = Math.max(1, options.retry?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
    this.minDelayMs = options.retry?.minDelayMs ?? DEFAULT_MIN_DELAY_MS;
    this.maxDelayMs = options.retry?.maxDelayMs ?? DEFAULT_MAX_DELAY_MS;
  }

  /** The call context of the current turn/action (empty outside a scope). */
  context(): CallContext {
    return this.options.callScope?.current() ?? {};
  }

  /** A new GUID (e.g. one MS-CorrelationId for every page of one listing). */
  id(): string {
    return this.newId();
  }

  private rootOf(base: ApiBase): string {
    if (base === 'partnerCenter') return this.baseUrl;
    return base === 'partnerApi' ? this.partnerApiBaseUrl : this.armBaseUrl;
  }

  urlOf(base: ApiBase, path: string): string {
    return `${this.rootOf(base)}${path}`;
  }

  /** Resolves a Partner Center link (`links.next.uri`, `Location`) against the base URL. */
  resolveLink(base: ApiBase, uri: string): string {
    if (/^https?:\/\//i.test(uri)) return uri;
    const root = this.rootOf(base);
    const origin = new URL(root).origin;
    if (uri.startsWith('/v1/') || base === 'azureResourceManager')
      return `${origin}/${uri.replace(/^\//, '')}`;
    return `${root}/${uri.replace(/^\//, '')}`;
  }

  async request<T>(spec: CallSpec, path: string, request: RequestOptions = {}): Promise<HttpResult<T>> {
    return this.exchange<T>(spec, path, request, false) as Promise<HttpResult<T>>;
  }

  /**
   * Like request, but a 2xx body is handed over as a byte stream, not read: for downloads too big
   * to buffer (a price sheet is ~42 MB). The attempt timeout covers the wait for the response
   * headers only; retries happen before the first byte is handed over, never in the middle.
   */
  async requestStream(
    spec: CallSpec,
    path: string,
    request: RequestOptions = {},
  ): Promise<{ status: number; stream: AsyncIterable<Uint8Array> }> {
    const result = (await this.exchange<never>(spec, path, request, true)) as {
      status: number;
      stream: AsyncIterable<Uint8Array>;
    };
    return result;
  }

  private async exchange<T>(
    spec: CallSpec,
    path: string,
    request: RequestOptions,
    streamed: boolean,
  ): Promise<HttpResult<T> | { status: number; stream: AsyncIterable<Uint8Array> }> {
    const context = this.context();
    const url = request.absoluteUrl ?? this.urlOf(spec.base, path);
    const fixedHeaders: Record<string, string> = {
      Accept: streamed ? '*/*' : 'application/json',
      'MS-RequestId': this.requestIdFor(spec, context),
      'MS-CorrelationId': request.correlationId ?? context.correlationId ?? this.newId(),
      'X-Locale': context.locale ?? this.options.defaultLocale ?? DEFAULT_LOCALE,
      ...(this.options.applicationName
        ? { 'MS-PartnerCenter-Application': this.options.applicationName }
        : {}),
      ...request.headers,
    };
    if (spec.base === 'azureResourceManager') {
      // ARM's own names for the same facts (tracing and language of error messages).
      fixedHeaders['x-ms-correlation-request-id'] = fixedHeaders['MS-CorrelationId'];
      fixedHeaders['x-ms-client-request-id'] = fixedHeaders['MS-RequestId'];
      fixedHeaders['Accept-Language'] = fixedHeaders['X-Locale'];
    }
    if (request.body !== undefined) fixedHeaders['Content-Type'] = 'application/json';
    const body = request.body === undefined ? undefined : JSON.stringify(request.body);
    const deadline = this.now() + this.deadlineMs;
    const user = spec.auth === 'app+user' ? context.user : undefined;

    return pRetry(() => this.attempt<T>(spec, url, fixedHeaders, body, user, deadline, streamed), {
      retries: this.maxAttempts - 1,
      // p-retry's own timer is not used: the delay (Retry-After or backoff) is waited in
      // onFailedAttempt through the injectable sleep.
      minTimeout: 0,
      maxTimeout: 0,
      factor: 1,
      onFailedAttempt: async (error) => {
        const failure =
          error instanceof TransientFailure ? error : new TransientFailure('network', undefined, undefined);
        if (error.retriesLeft <= 0) throw unavailable(failure, spec);
        const delay = Math.min(
          this.maxDelayMs,
          failure.retryAfterMs ?? this.minDelayMs * 2 ** (error.attemptNumber - 1),
        );
        if (this.now() + delay >= deadline) throw unavailable(failure, spec);
        await this.sleep(delay);
      },
    });
  }

  /** One attempt (plus the single re-send after a 401 with a fresh token). */
  private async attempt<T>(
    spec: CallSpec,
    url: string,
    headers: Record<string, string>,
    body: string | undefined,
    user: CallUser | undefined,
    deadline: number,
    streamed = false,
  ): Promise<HttpResult<T> | { status: number; stream: AsyncIterable<Uint8Array> }> {
    for (let authTry = 0; ; authTry += 1) {
      let token: string;
      try {
        token = await this.tokens.getToken(spec.auth, spec.resource, user);
      } catch (error) {
        throw new AbortError(error instanceof Error ? error : new Error(String(error)));
      }
      const response = await this.send(
        url,
        spec.method,
        { ...headers, Authorization: `Bearer ${token}` },
        body,
        deadline,
        streamed,
      );
      if (response.status === 401) {
        // A claims challenge for MFA: a fresh token of the same sign-in would not carry it either.
        const challenge = response.headers.get('www-authenticate') ?? '';
        const refusal = safeJson(await readText(response, deadline, this.now).catch(() => ''));
        this.tokens.invalidate(spec.auth, spec.resource, user);
        if (/insufficient_claims/i.test(challenge) || errorNameOf(refusal) === 'mfarequired') {
          const claims = /claims="([^"]+)"/.exec(challenge)?.[1];
          throw new AbortError(
            new DomainError('mfa_required', {
              httpStatus: 401,
              operation: spec.operation,
              ...(claims ? { claims } : {}),
            }),
          );
        }
        if (authTry === 0) continue;
        throw new AbortError(
          new DomainError(spec.auth === 'app+user' ? 'sign_in_required' : 'app_credentials_invalid', {
            httpStatus: 401,
            operation: spec.operation,
          }),
        );
      }
      if (streamed && response.status >= 200 && response.status < 300) {
        if (!response.body) throw new AbortError(new DomainError('backend_error', { reason: 'noBody' }));
        return {
          status: response.status,
          stream: Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>),
        };
      }
      const text = await readText(response, deadline, this.now);
      const parsed = text ? safeJson(text) : undefined;
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), this.now());
      if (response.status === 429) throw new TransientFailure('throttled', 429, retryAfterMs);
      if (response.status >= 500 || response.status === 408)
        throw new TransientFailure('server', response.status, retryAfterMs);
      if (response.status >= 400) throw new AbortError(toDomainError(response.status, parsed));
      return {
        status: response.status,
        body: parsed as T,
        location: response.headers.get('location'),
        retryAfterMs,
      };
    }
  }

  private async send(
    url: string,
    method: string,
    headers: Record<string, string>,
    body: string | undefined,
    deadline: number,
    streamed = false,
  ): Promise<Awaited<ReturnType<FetchLike>>> {
    const remaining = deadline - this.now();
    if (remaining <= 0) throw new TransientFailure('timeout', undefined, undefined);
    const limitMs = Math.max(1, Math.min(this.attemptMs, remaining));
    if (!streamed && this.loopback?.handles(url)) {
      // The same timeout (headers and body) with a plain timer instead of an AbortSignal.
      try {
        return await this.loopback.exchange(url, { method, headers, body }, limitMs);
      } catch (error) {
        throw new TransientFailure(
          error instanceof LoopbackTimeoutError ? 'timeout' : 'network',
          undefined,
          undefined,
        );
      }
    }
    // A streamed body may take longer than one attempt: its timer stops once the headers are in.
    // Otherwise the timeout also covers reading the body.
    const controller = streamed ? new AbortController() : undefined;
    const timer = controller
      ? setTimeout(() => controller.abort(new Error('attempt timeout')), limitMs)
      : undefined;
    const signal = controller ? controller.signal : AbortSignal.timeout(limitMs);
    try {
      return await this.fetch(url, { method, headers, body, signal });
    } catch (error) {
      if (isDomainError(error)) throw new AbortError(error);
      throw new TransientFailure(signal.aborted ? 'timeout' : 'network', undefined, undefined);
    } finally {
      if (timer) clearTimeout(timer);
    }
  }

  /**
   * MS-RequestId: reads get a fresh GUID per logical call. A state-changing call inside an action
   * (CallContext.requestId) sends that request id; a further state-changing call of the same action
   * (e.g. checkout after create cart) sends an id derived from it and its ordinal, so a re-run of
   * the action after a crash sends the same ids in the same order and Partner Center does each
   * effect once. Without a request id (outside ExactlyOnce) a fresh GUID.
   */
  private requestIdFor(spec: CallSpec, context: CallContext): string {
    if (!spec.stateChanging || !context.requestId) return this.newId();
    const ordinal = this.stateChangingCalls.get(context) ?? 0;
    this.stateChangingCalls.set(context, ordinal + 1);
    return ordinal === 0 ? context.requestId : derivedGuid(`${context.requestId}#${ordinal}`);
  }
}

/** A stable GUID-shaped id from a string (SHA-256, version nibble 5-like, RFC 4122 variant). */
export function derivedGuid(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex').slice(0, 32).split('');
  hex[12] = '5';
  hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20, 32)}`;
}

async function readText(
  response: Awaited<ReturnType<FetchLike>>,
  deadline: number,
  now: () => number,
): Promise<string> {
  try {
    return await response.text();
  } catch {
    throw new TransientFailure(now() >= deadline ? 'timeout' : 'network', response.status, undefined);
  }
}

function unavailable(failure: TransientFailure, spec: CallSpec): DomainError {
  return new DomainError('partner_center_unavailable', {
    reason: failure.reason,
    operation: spec.operation,
    ...(failure.httpStatus ? { httpStatus: failure.httpStatus } : {}),
    ...(failure.retryAfterMs !== undefined
      ? { retryAfterSeconds: Math.ceil(failure.retryAfterMs / 1000) }
      : {}),
  });
}

/** `Retry-After` as delta-seconds or an HTTP date, in ms from `nowMs`; undefined when absent/invalid. */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

function legacyTokens(getAccessToken: (() => Promise<string>) | undefined): PartnerCenterTokens {
  return {
    getToken: async () => {
      if (!getAccessToken) throw new DomainError('app_credentials_missing');
      return getAccessToken();
    },
    invalidate: () => undefined,
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return undefined;
  }
}

/** Partner Center codes that mean the same as one of the bot's codes (error-codes.md). */
const CODE_MEANINGS: Record<string, string> = {
  '1000': 'not_found',
  '20003': 'not_found',
  '20002': 'no_relationship',
  '3000': 'validation',
  // ARM (Microsoft.Subscription): an Azure subscription id that does not exist (or is not visible).
  SubscriptionNotFound: 'not_found',
  AliasNotFound: 'not_found',
};

/** The bot's own codes the emulator sends as they are (no documented Partner Center code). */
const BOT_CODES = new Set([
  'plan_exists',
  'legacy_offer_present',
  'plan_not_active',
  'not_available_in_country',
  'reseller_not_allowed',
  'already_signed_directly',
  'attestation_not_accepted',
  'no_relationship',
  'not_found',
  'validation',
]);

function errorNameOf(body: unknown): string {
  const source =
    body && typeof body === 'object' && 'error' in body ? (body as { error: unknown }).error : body;
  const name =
    source && typeof source === 'object' ? (source as { errorName?: unknown }).errorName : undefined;
  return typeof name === 'string' ? name.toLowerCase() : '';
}

/** The body's `parameters` (Partner Center's string dictionary), or none. */
function parametersOf(source: unknown): Record<string, string> {
  const raw =
    source && typeof source === 'object' ? (source as { parameters?: unknown }).parameters : undefined;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return {};
  return Object.fromEntries(
    Object.entries(raw as Record<string, unknown>)
      .filter(([, v]) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
      .map(([k, v]) => [k, String(v)]),
  );
}

/**
 * 3000 "Invalid property" as the bot's validation error: the fields from `parameters` — `fields` /
 * `reasons` ("name:reason") where the answer carries them (the emulator does), else its keys.
 */
function validationFrom(status: number, parameters: Record<string, string>): DomainError {
  const split = (v: string | undefined) => (v ? v.split(',').filter(Boolean) : []);
  const reasons = split(parameters.reasons)
    .map((r) => r.split(':'))
    .filter((pair) => pair.length === 2 && pair[0] && pair[1]);
  if (reasons.length > 0) {
    return new ValidationError(
      Object.fromEntries(reasons.map(([name, reason]) => [name, reason as ValidationReason])),
    );
  }
  const fields = split(parameters.fields);
  return new DomainError('validation', {
    fields: fields.length > 0 ? fields : Object.keys(parameters),
    httpStatus: status,
  });
}

/**
 * Error bodies become DomainError with the service's code: Partner Center `{code, description}`
 * (e.g. 600061) or Azure Resource Manager `{error: {code, message}}`. Codes that mean one of the
 * bot's codes become that code: 1000 / 20003 → not_found, 20002 → no_relationship, 3000 →
 * validation (fields from `parameters`); the bot's own codes (plan_exists, legacy_offer_present,
 * plan_not_active, not_available_in_country …) keep their name and `parameters`. A 403 with
 * errorName AppOnlyNotSupported / AppPlusUserNotSupported → app_only_not_supported /
 * app_user_not_supported (the operation was called with the wrong AuthKind: a configuration bug).
 * Without a code: 404 → not_found, 401/403 → forbidden, anything else → backend_error
 * (params.httpStatus). The description is not passed on: it is English text, and the bot shows its
 * own localized message per code. Where one code means different things (600002), the meaning
 * decoded from the description goes along as params.reason.
 */
export function toDomainError(status: number, body: unknown): DomainError {
  const source =
    body &&
    typeof body === 'object' &&
    'error' in body &&
    typeof (body as { error: unknown }).error === 'object'
      ? ((body as { error: Record<string, unknown> }).error ?? {})
      : body;
  const errorName = errorNameOf(body);
  if (status === 403 && errorName === 'apponlynotsupported')
    return new DomainError('app_only_not_supported', { httpStatus: status });
  if (status === 403 && errorName === 'appplususernotsupported')
    return new DomainError('app_user_not_supported', { httpStatus: status });
  const code =
    source && typeof source === 'object' && 'code' in source ? (source as { code: unknown }).code : undefined;
  if (typeof code === 'number' || (typeof code === 'string' && code.length > 0)) {
    const text = String(code);
    const parameters = parametersOf(source);
    const meaning = CODE_MEANINGS[text] ?? (BOT_CODES.has(text) ? text : undefined);
    if (meaning === 'validation') return validationFrom(status, parameters);
    if (meaning)
      return new DomainError(meaning, {
        ...parameters,
        httpStatus: status,
        ...(meaning !== text ? { partnerCenterCode: text } : {}),
      });
    const description = (source as { description?: unknown; message?: unknown }).description;
    return new DomainError(text, {
      httpStatus: status,
      ...paramsFromDescription(text, description),
    });
  }
  if (status === 404) return new DomainError('not_found', { httpStatus: status });
  if (status === 401 || status === 403) return new DomainError('forbidden', { httpStatus: status });
  return new DomainError('backend_error', { httpStatus: status });
}
