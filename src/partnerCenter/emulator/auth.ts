import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeJwt,
  errors as joseErrors,
  jwtVerify,
  type JSONWebKeySet,
  type JWTPayload,
} from 'jose';
import type { Clock } from '../../domain/clock.js';
import type { AuthKind } from '../auth/tokens.js';
import { dropOldest } from '../../domain/boundedMap.js';

export const PARTNER_CENTER_AUDIENCE = 'https://api.partnercenter.microsoft.com';
export const ARM_AUDIENCE = 'https://management.azure.com';
/** https://api.partner.microsoft.com: the partner API of the price sheets. */
export const PARTNER_API_AUDIENCE = 'https://api.partner.microsoft.com';

/** An issuer whose tokens the emulator accepts, with where its signing keys are. */
export interface TrustedIssuer {
  /** Exact `iss` value, e.g. `http://127.0.0.1:4010/<tenantId>/v2.0`. */
  issuer: string;
  /** JWKS endpoint (fetched and cached by jose). */
  jwksUrl?: string;
  /** Or the keys themselves (tests). */
  jwks?: JSONWebKeySet;
}

/**
 * What a route accepts (each Partner Center page's "Prerequisites" says which):
 * 'app-or-user' = "supports both standalone App and App+User credentials"; 'user' = App+User only;
 * 'app' = App-only (the enhanced attestation API: "This scenario only supports AppOnly authentication").
 */
export type RouteAuth = 'app-or-user' | 'user' | 'app';

/** The caller, read from a verified token (claims contract in PREAMBLE.md). */
export interface Principal {
  kind: AuthKind;
  /** oid: the user's object id (App+User) or the app's service principal id (App-only). */
  objectId: string;
  appId: string;
  tenantId: string;
  upn?: string;
  name?: string;
  mfa: boolean;
  /** Rate-limit key: one budget per user (App+User) or per app (App-only). */
  subject: string;
}

/** Why a token was refused; becomes a 401 / 403 with a Partner Center style body. */
export class AuthRefusal extends Error {
  constructor(
    readonly status: 401 | 403,
    readonly errorName: string,
    readonly description: string,
    /** `WWW-Authenticate` value (RFC 6750 error, claims challenge for MFA). */
    readonly challenge: string,
  ) {
    super(description);
    this.name = 'AuthRefusal';
  }
}

const CLOCK_TOLERANCE_SECONDS = 300;
/** Verified tokens remembered (the oldest dropped first): a few per app and signed-in user. */
const DEFAULT_MAX_VERIFIED_TOKENS = 1_000;

/** A token whose signature and issuer were verified once, with what it says. */
interface VerifiedToken {
  payload: JWTPayload;
  principal: Principal;
}

function bearer(error: string, description: string): string {
  return `Bearer error="${error}", error_description="${description.replace(/"/g, "'")}"`;
}

/**
 * Verifies RS256 bearer tokens against the trusted issuers with jose (signature, iss, aud, exp, nbf).
 * A token's signature is verified once: a token that passed is remembered (bounded, until its exp),
 * and a later request with the same token string has its audience, nbf and exp checked again
 * against the token clock — with jose's rules and refusals — and the route's rules (App-only /
 * App+User, MFA) applied as for a new one, without the RSA verification and JWT decoding.
 */
export class TokenVerifier {
  private readonly keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();
  /** Token string → its verified claims, oldest first. */
  private readonly verified = new Map<string, VerifiedToken>();
  private readonly maxVerified: number;

  constructor(
    private readonly issuers: readonly TrustedIssuer[],
    private readonly clock: Clock,
    options: { maxVerifiedTokens?: number } = {},
  ) {
    this.maxVerified = Math.max(0, options.maxVerifiedTokens ?? DEFAULT_MAX_VERIFIED_TOKENS);
  }

  private keysFor(issuer: TrustedIssuer): ReturnType<typeof createRemoteJWKSet> {
    let keys = this.keySets.get(issuer.issuer);
    if (!keys) {
      if (issuer.jwks) keys = createLocalJWKSet(issuer.jwks) as ReturnType<typeof createRemoteJWKSet>;
      else if (issuer.jwksUrl) keys = createRemoteJWKSet(new URL(issuer.jwksUrl));
      else throw new Error(`trusted issuer ${issuer.issuer} has neither jwks nor jwksUrl`);
      this.keySets.set(issuer.issuer, keys);
    }
    return keys;
  }

  async verify(
    authorization: string | undefined,
    audiences: readonly string[],
    auth: RouteAuth,
  ): Promise<Principal> {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!match)
      throw new AuthRefusal(
        401,
        'Unauthorized',
        'Authorization header with a bearer token is required.',
        'Bearer',
      );
    const principal = await this.principalFor(match[1], audiences);
    if (auth === 'user' && principal.kind !== 'app+user')
      throw new AuthRefusal(
        403,
        'AppOnlyNotSupported',
        'This operation supports App+User authentication only.',
        bearer('insufficient_scope', 'App+User token required'),
      );
    if (auth === 'app' && principal.kind !== 'app-only')
      throw new AuthRefusal(
        403,
        'AppPlusUserNotSupported',
        'This operation supports App-only authentication only.',
        bearer('insufficient_scope', 'App-only token required'),
      );
    if (principal.kind === 'app+user' && !principal.mfa)
      throw new AuthRefusal(
        401,
        'MfaRequired',
        'Multi-factor authentication is required for App+User access to the Partner Center API.',
        `${bearer('insufficient_claims', 'MFA required')}, claims="${Buffer.from(
          JSON.stringify({ access_token: { amr: { essential: true, values: ['mfa'] } } }),
        ).toString('base64')}"`,
      );
    return principal;
  }

  /** The caller of a token: verified by jose the first time, from the remembered claims after that. */
  private async principalFor(token: string, audiences: readonly string[]): Promise<Principal> {
    const known = this.verified.get(token);
    if (known) {
      try {
        checkClaims(known.payload, audiences, this.clock.now());
      } catch (error) {
        // Past exp it can never pass again (the clock moves on): forget it.
        if (error instanceof joseErrors.JWTExpired) this.verified.delete(token);
        throw refusalFor(error);
      }
      return known.principal;
    }
    let unverified: JWTPayload;
    try {
      unverified = decodeJwt(token);
    } catch {
      throw new AuthRefusal(
        401,
        'InvalidToken',
        'The access token is malformed.',
        bearer('invalid_token', 'malformed token'),
      );
    }
    const issuer = this.issuers.find((i) => i.issuer === unverified.iss);
    if (!issuer)
      throw new AuthRefusal(
        401,
        'InvalidToken',
        'The token issuer is not trusted.',
        bearer('invalid_token', 'untrusted issuer'),
      );
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keysFor(issuer), {
        issuer: issuer.issuer,
        audience: [...audiences],
        algorithms: ['RS256'],
        currentDate: this.clock.now(),
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      }));
    } catch (error) {
      throw refusalFor(error);
    }
    const principal = principalOf(payload);
    this.remember(token, { payload, principal });
    return principal;
  }

  private remember(token: string, entry: VerifiedToken): void {
    if (this.maxVerified === 0) return;
    dropOldest(this.verified, this.maxVerified - 1);
    this.verified.set(token, entry);
  }
}

/**
 * The claim checks jwtVerify makes with the verifier's options (jose's order and errors: aud, then
 * nbf, then exp, with the clock tolerance), for a token whose signature and issuer were verified.
 */
function checkClaims(payload: JWTPayload, audiences: readonly string[], currentDate: Date): void {
  const aud = payload.aud;
  const audienceOk =
    typeof aud === 'string'
      ? audiences.includes(aud)
      : Array.isArray(aud) && audiences.some((a) => aud.includes(a));
  if (!audienceOk)
    throw new joseErrors.JWTClaimValidationFailed(
      'unexpected "aud" claim value',
      payload,
      'aud',
      'check_failed',
    );
  const now = Math.floor(currentDate.getTime() / 1000);
  if (typeof payload.nbf === 'number' && payload.nbf > now + CLOCK_TOLERANCE_SECONDS)
    throw new joseErrors.JWTClaimValidationFailed(
      '"nbf" claim timestamp check failed',
      payload,
      'nbf',
      'check_failed',
    );
  if (typeof payload.exp === 'number' && payload.exp <= now - CLOCK_TOLERANCE_SECONDS)
    throw new joseErrors.JWTExpired('"exp" claim timestamp check failed', payload, 'exp', 'check_failed');
}

function refusalFor(error: unknown): AuthRefusal {
  if (error instanceof joseErrors.JWTExpired)
    return new AuthRefusal(
      401,
      'TokenExpired',
      'The access token has expired.',
      bearer('invalid_token', 'token expired'),
    );
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === 'aud')
      return new AuthRefusal(
        401,
        'InvalidAudience',
        'The access token audience is not valid for this resource.',
        bearer('invalid_token', 'invalid audience'),
      );
    if (error.claim === 'nbf')
      return new AuthRefusal(
        401,
        'TokenNotYetValid',
        'The access token is not valid yet.',
        bearer('invalid_token', 'token not yet valid'),
      );
    return new AuthRefusal(
      401,
      'InvalidToken',
      `Invalid claim ${error.claim}.`,
      bearer('invalid_token', `invalid ${error.claim}`),
    );
  }
  return new AuthRefusal(
    401,
    'InvalidToken',
    'The access token signature is not valid.',
    bearer('invalid_token', 'invalid signature'),
  );
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** App-only iff `idtyp` is "app" (or, without idtyp, when there is no `scp`). */
export function principalOf(payload: JWTPayload): Principal {
  const idtyp = text(payload.idtyp);
  const kind: AuthKind = idtyp
    ? idtyp === 'app'
      ? 'app-only'
      : 'app+user'
    : payload.scp
      ? 'app+user'
      : 'app-only';
  const appId = text(payload.appid) ?? text(payload.azp) ?? '';
  const objectId = text(payload.oid) ?? text(payload.sub) ?? '';
  const amr = Array.isArray(payload.amr) ? payload.amr.map(String) : [];
  return {
    kind,
    objectId,
    appId,
    tenantId: text(payload.tid) ?? '',
    ...(text(payload.upn) ? { upn: text(payload.upn) } : {}),
    ...(text(payload.name) ? { name: text(payload.name) } : {}),
    mfa: amr.includes('mfa'),
    subject: kind === 'app+user' ? `user:${objectId}` : `app:${appId || objectId}`,
  };
}

/** The caller when the emulator runs without token verification (`allowAnonymous`). */
export const ANONYMOUS: Principal = {
  kind: 'app+user',
  objectId: '00000000-0000-0000-0000-000000000000',
  appId: 'anonymous',
  tenantId: '',
  mfa: true,
  subject: 'anonymous',
};
