import {
  ConfidentialClientApplication,
  LogLevel,
  type AuthenticationResult,
  type Configuration,
  type INetworkModule,
} from '@azure/msal-node';
import { DomainError, isDomainError } from '../../domain/errors.js';
import type { Logger } from '../../logging.js';
import type { CallUser } from '../callContext.js';
import { AccessTokenCache, type ExpiringToken } from './accessTokenCache.js';
import type { AppCredentialKind, AuthHealth, AuthHealthReport } from './authHealth.js';
import type { AuthKind, PartnerCenterTokens, TokenResource } from './tokens.js';
import { dropOldest } from '../../domain/boundedMap.js';

/** Where each TokenResource's tokens are for. */
export const RESOURCE_URLS: Readonly<Record<TokenResource, string>> = {
  partnerCenter: 'https://api.partnercenter.microsoft.com',
  partnerApi: 'https://api.partner.microsoft.com',
  azureResourceManager: 'https://management.azure.com',
};

export type AppCredential =
  | { kind: 'secret'; secret: string }
  /** thumbprint: hex SHA-1 (x5t) or SHA-256 (x5t#S256, 64 hex digits) of the certificate. */
  | { kind: 'certificate'; thumbprint: string; privateKeyPem: string; certificatePem?: string };

/** The user's SSO token for the bot (from the Bot Framework token service), the OBO assertion. */
export interface UserAssertionSource {
  /** undefined when the user has not signed in (the bot then offers the sign-in card). */
  getUserAssertion(user: CallUser): Promise<string | undefined>;
}

export interface MsalTokensOptions {
  tenantId: string;
  clientId: string;
  /** https://login.microsoftonline.com, or the fake Entra's https://127.0.0.1:<port>. */
  authorityHost: string;
  credential?: AppCredential;
  userAssertions?: UserAssertionSource;
  /** Set for the fake Entra (LoopbackNetworkClient); unset = MSAL's own HTTPS client. */
  networkClient?: INetworkModule;
  logger: Logger;
  /** Shown by whoami instead of the credential kind (the embedded emulator). */
  credentialLabel?: AppCredentialKind;
  /** Users whose MSAL cache partition is kept (least recently used dropped first). Default 500. */
  maxCachedUsers?: number;
  /** Wall clock in ms for the token cache in front of MSAL (default Date.now; tests inject one). */
  now?: () => number;
}

/** Token audiences per user (TokenResource) the token cache keeps room for. */
const RESOURCES_PER_USER = Object.keys(RESOURCE_URLS).length;

/**
 * PartnerCenterTokens over MSAL Node (https://learn.microsoft.com/partner-center/developer/partner-center-authentication):
 * - App-only: `acquireTokenByClientCredential` (client secret or certificate), scope `<resource>/.default`;
 * - App+User: `acquireTokenOnBehalfOf` with the user's Teams SSO token, one ConfidentialClientApplication
 *   (and so one MSAL token cache) per user: a user's tokens can never be served to another one, and
 *   MSAL renews an expired (or about-to-expire) access token by itself.
 * - MFA: since 2026-04-01 Partner Center requires MFA for App+User calls; a user token whose `amr`
 *   lacks "mfa" is refused here with DomainError('mfa_required') instead of being sent.
 * - A small cache in front of MSAL (AccessTokenCache) keyed by (auth kind, resource, user) hands out
 *   a token again until 5 minutes before its `exp` (MSAL's own renewal offset) without asking MSAL
 *   (whose cache search costs more than the rest of a Partner Center call); concurrent requests
 *   share one acquisition; `invalidate` (a 401) and `forgetUser` drop the entries. Only successful
 *   tokens are kept: sign-in, MFA and credential errors are decided by MSAL on every call as before.
 * Tokens are never logged: MSAL's logger runs without PII, and errors are reduced to their codes.
 */
export class MsalPartnerCenterTokens implements PartnerCenterTokens, AuthHealth {
  private readonly appClient: ConfidentialClientApplication | undefined;
  /** Per-user MSAL clients (cache partitions), in least-recently-used order. */
  private readonly userClients = new Map<string, ConfidentialClientApplication>();
  /** Tokens Partner Center refused (401): the next getToken skips the cache once. */
  private readonly invalidated = new Set<string>();
  /** Access tokens handed out, by cacheKey, until shortly before they expire. */
  private readonly cache: AccessTokenCache;

  constructor(private readonly options: MsalTokensOptions) {
    this.appClient = options.credential ? this.newClient() : undefined;
    this.cache = new AccessTokenCache({
      maxEntries: ((options.maxCachedUsers ?? 500) + 1) * RESOURCES_PER_USER,
      ...(options.now ? { now: options.now } : {}),
    });
  }

  getToken(kind: AuthKind, resource: TokenResource, user?: CallUser): Promise<string> {
    if (kind === 'app-only') return this.cache.get(cacheKey(kind, resource), () => this.appOnly(resource));
    // Without a user (or app credentials) appUser throws at once: nothing to share or keep.
    if (!user || !this.options.credential) return this.appUser(resource, user).then((t) => t.token);
    return this.cache.get(cacheKey(kind, resource, user), () => this.appUser(resource, user));
  }

  invalidate(kind: AuthKind, resource: TokenResource, user?: CallUser): void {
    const key = cacheKey(kind, resource, user);
    this.cache.delete(key);
    this.invalidated.add(key);
  }

  /** Drops a user's cached tokens (sign out). */
  forgetUser(user: CallUser): void {
    this.userClients.delete(userKey(user));
    const suffix = `|${userKey(user)}`;
    this.cache.deleteWhere((key) => key.endsWith(suffix));
  }

  async report(user?: CallUser): Promise<AuthHealthReport> {
    const appCredentials = this.options.credentialLabel ?? this.options.credential?.kind ?? 'none';
    const hasApp = Boolean(this.appClient);
    let signedIn = false;
    let mfa: boolean | undefined;
    if (user && hasApp) {
      try {
        const { token } = await this.appUser('partnerCenter', user, { checkMfa: false });
        signedIn = true;
        mfa = hasMfa(token);
      } catch {
        signedIn = false;
      }
    }
    return {
      appCredentials,
      signedIn,
      mfa,
      appOnlyAvailable: hasApp,
      appUserAvailable: hasApp && signedIn && mfa === true,
    };
  }

  private async appOnly(resource: TokenResource): Promise<ExpiringToken> {
    if (!this.appClient) throw new DomainError('app_credentials_missing');
    const key = cacheKey('app-only', resource);
    const skipCache = this.invalidated.delete(key);
    try {
      const result = await this.appClient.acquireTokenByClientCredential({
        scopes: [`${RESOURCE_URLS[resource]}/.default`],
        skipCache,
      });
      if (!result?.accessToken) throw new DomainError('app_credentials_missing', { reason: 'rejected' });
      return expiringToken(result.accessToken, tokenClaims(result.accessToken), result);
    } catch (error) {
      if (isDomainError(error)) throw error;
      this.options.logger.warn({ msal: msalErrorSummary(error), resource }, 'App-only token request failed');
      if (isCredentialRejection(error))
        throw new DomainError('app_credentials_missing', { reason: 'rejected' });
      throw new DomainError('backend_unreachable');
    }
  }

  private async appUser(
    resource: TokenResource,
    user: CallUser | undefined,
    { checkMfa = true }: { checkMfa?: boolean } = {},
  ): Promise<ExpiringToken> {
    if (!this.options.credential) throw new DomainError('app_credentials_missing');
    if (!user) throw new DomainError('sign_in_required');
    const assertion = await this.options.userAssertions?.getUserAssertion(user);
    if (!assertion) throw new DomainError('sign_in_required');
    const key = cacheKey('app+user', resource, user);
    const skipCache = checkMfa ? this.invalidated.delete(key) : this.invalidated.has(key);
    let token: string;
    let result: AuthenticationResult | null;
    try {
      result = await this.userClient(user).acquireTokenOnBehalfOf({
        oboAssertion: assertion,
        // The delegated permission itself (as Partner Center's docs ask for App+User), which is also
        // the scope Entra answers with, so MSAL finds the cached token again.
        scopes: [`${RESOURCE_URLS[resource]}/user_impersonation`],
        skipCache,
      });
      if (!result?.accessToken) throw new DomainError('sign_in_required');
      token = result.accessToken;
    } catch (error) {
      if (isDomainError(error)) throw error;
      this.options.logger.warn({ msal: msalErrorSummary(error), resource }, 'App+User token request failed');
      if (isMfaDemand(error)) throw new DomainError('mfa_required');
      if (isCredentialRejection(error))
        throw new DomainError('app_credentials_missing', { reason: 'rejected' });
      // The SSO token expired, was revoked or is not for this app: the user signs in again.
      throw new DomainError('sign_in_required');
    }
    const claims = tokenClaims(token);
    if (checkMfa && !claimsHaveMfa(claims)) throw new DomainError('mfa_required');
    return expiringToken(token, claims, result);
  }

  private userClient(user: CallUser): ConfidentialClientApplication {
    const key = userKey(user);
    let client = this.userClients.get(key);
    if (client) {
      this.userClients.delete(key);
    } else {
      client = this.newClient();
      const max = this.options.maxCachedUsers ?? 500;
      dropOldest(this.userClients, max - 1);
    }
    this.userClients.set(key, client);
    return client;
  }

  private newClient(): ConfidentialClientApplication {
    const { credential, authorityHost, tenantId, clientId, networkClient, logger } = this.options;
    const auth: Configuration['auth'] = {
      clientId,
      authority: `${authorityHost.replace(/\/$/, '')}/${tenantId}`,
      // A non-public cloud host (the fake Entra) must be trusted explicitly, else MSAL asks
      // login.microsoftonline.com's instance discovery about it.
      knownAuthorities: [new URL(authorityHost).host],
    };
    if (credential?.kind === 'secret') auth.clientSecret = credential.secret;
    if (credential?.kind === 'certificate') {
      const hex = credential.thumbprint.replace(/[^0-9a-f]/gi, '');
      auth.clientCertificate = {
        ...(hex.length === 64 ? { thumbprintSha256: hex } : { thumbprint: hex }),
        privateKey: credential.privateKeyPem,
        ...(credential.certificatePem ? { x5c: credential.certificatePem } : {}),
      };
    }
    return new ConfidentialClientApplication({
      auth,
      system: {
        ...(networkClient ? { networkClient } : {}),
        loggerOptions: {
          piiLoggingEnabled: false,
          logLevel: LogLevel.Warning,
          // MSAL's own lines carry no tokens without PII logging; kept at debug.
          loggerCallback: (_level, message, containsPii) => {
            if (!containsPii) logger.debug({ msal: message.slice(0, 300) }, 'msal');
          },
        },
      },
    });
  }
}

function userKey(user: CallUser): string {
  return `${user.tenantId.toLowerCase()}/${user.aadObjectId.toLowerCase()}`;
}

/** An App-only token is the app's whoever the turn's user is: its key has no user. */
function cacheKey(kind: AuthKind, resource: TokenResource, user?: CallUser): string {
  return `${kind}|${resource}|${user && kind === 'app+user' ? userKey(user) : ''}`;
}

/** When a token expires: its `exp`, or MSAL's expiresOn (the earlier of both when both are known). */
function expiringToken(
  token: string,
  claims: Record<string, unknown>,
  result: { expiresOn?: Date | null; refreshOn?: Date } | null | undefined,
): ExpiringToken {
  const fromClaim = typeof claims.exp === 'number' ? claims.exp * 1000 : Infinity;
  const fromMsal = result?.expiresOn ? result.expiresOn.getTime() : Infinity;
  const expiresAt = Math.min(fromClaim, fromMsal);
  const refreshAt = result?.refreshOn?.getTime();
  return {
    token,
    // Neither known: not kept (MSAL decides on every call).
    expiresAt: Number.isFinite(expiresAt) ? expiresAt : 0,
    ...(refreshAt !== undefined && Number.isFinite(refreshAt) ? { refreshAt } : {}),
  };
}

/** The payload of a JWT, unverified: read only to see the claims Entra put in the token it sent us. */
export function tokenClaims(token: string): Record<string, unknown> {
  try {
    const payload = token.split('.')[1] ?? '';
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return claims && typeof claims === 'object' ? (claims as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export function hasMfa(token: string): boolean {
  return claimsHaveMfa(tokenClaims(token));
}

function claimsHaveMfa(claims: Record<string, unknown>): boolean {
  const amr = claims.amr;
  return Array.isArray(amr) && amr.includes('mfa');
}

interface MsalErrorLike {
  errorCode?: unknown;
  subError?: unknown;
  errorNo?: unknown;
  status?: unknown;
  errorMessage?: unknown;
}

/** Codes only (never the message: a server message can echo request parts). */
function msalErrorSummary(error: unknown): Record<string, unknown> {
  const e = (error ?? {}) as MsalErrorLike;
  return { errorCode: e.errorCode, subError: e.subError, errorNo: e.errorNo, status: e.status };
}

function aadstsOf(error: unknown): string {
  const e = (error ?? {}) as MsalErrorLike;
  const text = `${String(e.errorNo ?? '')} ${String(e.errorMessage ?? '')}`;
  return text;
}

/** AADSTS50076 / 50079: the resource asks for multi-factor authentication. */
function isMfaDemand(error: unknown): boolean {
  return /\b(AADSTS)?500(76|79)\b/.test(aadstsOf(error));
}

function isCredentialRejection(error: unknown): boolean {
  const e = (error ?? {}) as MsalErrorLike;
  return e.errorCode === 'invalid_client' || e.errorCode === 'unauthorized_client';
}
