import { verify as verifySignature } from 'node:crypto';
import type { Activity } from 'botbuilder';
import type { AuthenticateRequestResult, BotFrameworkAuthentication } from 'botframework-connector';
import type { OpenIdKeyStore } from './openIdKeys.js';

/** Why a request was refused with 401: one word for the log line, never the token itself. */
export type AuthRefusalReason =
  | 'missingToken'
  | 'malformedToken'
  | 'algorithmNotAllowed'
  | 'issuerNotAllowed'
  | 'tokenExpired'
  | 'tokenNotYetValid'
  | 'metadataUnavailable'
  | 'unknownSigningKey'
  | 'badSignature'
  | 'endorsementMissing'
  | 'rejected';

export type InboundAuthResult =
  { ok: true; result: AuthenticateRequestResult } | { ok: false; reason: AuthRefusalReason; detail?: string };

/** Where the keys of each accepted token issuer come from (Bot Framework channel, Emulator/skills). */
export interface TokenIssuers {
  channel: { issuer: string; keys: OpenIdKeyStore };
  emulator: { issuers: readonly string[]; keys: OpenIdKeyStore };
}

export interface InboundAuthenticatorOptions {
  /** App credentials are set: every request must carry a token that verifies. */
  enabled: boolean;
  /** botbuilder's authentication: the authority on claims (audience, service URL, app id). */
  auth: BotFrameworkAuthentication;
  issuers: TokenIssuers;
  allowedAlgorithms: readonly string[];
  /** Seconds of clock skew accepted on exp/nbf; botbuilder accepts 300. */
  clockToleranceSec?: number;
  /** Wall-clock milliseconds: token lifetimes are checked against real time, as botbuilder does. */
  now?: () => number;
}

const HASH_OF: Readonly<Record<string, string>> = { RS256: 'sha256', RS384: 'sha384', RS512: 'sha512' };

/**
 * Authenticates an inbound activity and fails closed: any token that cannot be verified — also one
 * signed by an unknown key, an `alg: none` token, or any token while the OpenID metadata cannot be
 * read — gives a refusal (HTTP 401), never an exception. The signature, algorithm, issuer and
 * lifetime are checked here first (botbuilder would print a stack trace for some of these); a token
 * that passes is then handed to botbuilder, which checks the audience, service URL and app id.
 */
export class InboundAuthenticator {
  private readonly tolerance: number;
  private readonly now: () => number;

  constructor(private readonly options: InboundAuthenticatorOptions) {
    this.tolerance = options.clockToleranceSec ?? 300;
    this.now = options.now ?? Date.now;
  }

  get enabled(): boolean {
    return this.options.enabled;
  }

  async authenticate(activity: Activity, authHeader: string): Promise<InboundAuthResult> {
    if (this.options.enabled) {
      const refusal = await this.precheck(activity, authHeader);
      if (refusal) return refusal;
    }
    try {
      return { ok: true, result: await this.options.auth.authenticateRequest(activity, authHeader) };
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return { ok: false, reason: 'rejected', detail: detail.slice(0, 200) };
    }
  }

  private async precheck(
    activity: Activity,
    authHeader: string,
  ): Promise<Extract<InboundAuthResult, { ok: false }> | undefined> {
    const refuse = (reason: AuthRefusalReason, detail?: string) => ({ ok: false as const, reason, detail });
    const match = /^Bearer ([^\s]+)$/.exec(authHeader.trim());
    if (!match) return refuse('missingToken');
    const parts = match[1].split('.');
    if (parts.length !== 3) return refuse('malformedToken');
    const header = decodeSegment(parts[0]);
    const payload = decodeSegment(parts[1]);
    if (!header || !payload) return refuse('malformedToken');

    const alg = header.alg;
    if (typeof alg !== 'string' || !this.options.allowedAlgorithms.includes(alg) || !HASH_OF[alg]) {
      return refuse('algorithmNotAllowed', String(alg));
    }
    const { channel, emulator } = this.options.issuers;
    const iss = payload.iss;
    const keys =
      iss === channel.issuer
        ? channel.keys
        : typeof iss === 'string' && emulator.issuers.includes(iss)
          ? emulator.keys
          : undefined;
    if (!keys) return refuse('issuerNotAllowed');
    const nowSec = this.now() / 1000;
    if (typeof payload.exp !== 'number') return refuse('malformedToken', 'no exp');
    if (nowSec > payload.exp + this.tolerance) return refuse('tokenExpired');
    if (typeof payload.nbf === 'number' && nowSec + this.tolerance < payload.nbf) {
      return refuse('tokenNotYetValid');
    }
    if (typeof header.kid !== 'string') return refuse('unknownSigningKey');

    let key;
    try {
      key = await keys.find(header.kid);
    } catch (error) {
      return refuse('metadataUnavailable', error instanceof Error ? error.message : String(error));
    }
    if (!key) return refuse('unknownSigningKey');
    let valid = false;
    try {
      valid = verifySignature(
        HASH_OF[alg],
        Buffer.from(`${parts[0]}.${parts[1]}`),
        key.key,
        Buffer.from(parts[2], 'base64url'),
      );
    } catch {
      valid = false;
    }
    if (!valid) return refuse('badSignature');
    const channelId = activity.channelId?.trim() ?? '';
    if (key.endorsements.length > 0 && channelId !== '' && !key.endorsements.includes(channelId)) {
      return refuse('endorsementMissing');
    }
    return undefined;
  }
}

function decodeSegment(segment: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
