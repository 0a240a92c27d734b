import {
  ConfidentialClientApplication,
  LogLevel,
  type Configuration,
  type INetworkModule,
} from '@azure/msal-node';
import { DomainError, isDomainError } from '../../domain/errors.js';
import type { Logger } from '../../logging.js';
import type { CallUser } from '../callContext.js';
import type { AppCredentialKind, AuthHealth, AuthHealthReport } from './authHealth.js';
import type { AuthKind, PartnerCenterTokens, TokenResource } from './tokens.js';

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
}

/**
 * PartnerCenterTokens over MSAL Node (https://learn.microsoft.com/partner-center/developer/partner-center-authentication):
 * - App-only: `acquireTokenByClientCredential` (client secret or certificate), scope `<resource>/.default`;
 * - App+User: `acquireTokenOnBehalfOf` with the user's Teams SSO token, one ConfidentialClientApplication
 *   (and so one MSAL token cache) per user: a user's tokens can never be served to another one, and
 *   MSAL renews an expired (or about-to-expire) access token by itself.
 * - MFA: since 2026-04-01 Partner Center requires MFA for App+User calls; a user token whose `amr`
 *   lacks "mfa" is refused here with DomainError('mfa_required') instead of being sent.
 * Tokens are never logged: MSAL's logger runs without PII, and errors are reduced to their codes.
 */
export class MsalPartnerCenterTokens implements PartnerCenterTokens, AuthHealth {
  private readonly appClient: ConfidentialClientApplication | undefined;
  /** Per-user MSAL clients (cache partitions), in least-recently-used order. */
  private readonly userClients = new Map<string, ConfidentialClientApplication>();
  /** Tokens Partner Center refused (401): the next getToken skips the cache once. */
  private readonly invalidated = new Set<string>();

  constructor(private readonly options: MsalTokensOptions) {
    this.appClient = options.credential ? this.newClient() : undefined;
  }

  async getToken(kind: AuthKind, resource: TokenResource, user?: CallUser): Promise<string> {
    if (kind === 'app-only') return this.appOnly(resource);
    return this.appUser(resource, user);
  }

  invalidate(kind: AuthKind, resource: TokenResource, user?: CallUser): void {
    this.invalidated.add(cacheKey(kind, resource, user));
  }

  /** Drops a user's cached tokens (sign out). */
  forgetUser(user: CallUser): void {
    this.userClients.delete(userKey(user));
  }

  async report(user?: CallUser): Promise<AuthHealthReport> {
    const appCredentials = this.options.credentialLabel ?? this.options.credential?.kind ?? 'none';
    const hasApp = Boolean(this.appClient);
    let signedIn = false;
    let mfa: boolean | undefined;
    if (user && hasApp) {
      try {
        const token = await this.appUser('partnerCenter', user, { checkMfa: false });
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

  private async appOnly(resource: TokenResource): Promise<string> {
    if (!this.appClient) throw new DomainError('app_credentials_missing');
    const key = cacheKey('app-only', resource);
    const skipCache = this.invalidated.delete(key);
    try {
      const result = await this.appClient.acquireTokenByClientCredential({
        scopes: [`${RESOURCE_URLS[resource]}/.default`],
        skipCache,
      });
      if (!result?.accessToken) throw new DomainError('app_credentials_missing', { reason: 'rejected' });
      return result.accessToken;
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
  ): Promise<string> {
    if (!this.options.credential) throw new DomainError('app_credentials_missing');
    if (!user) throw new DomainError('sign_in_required');
    const assertion = await this.options.userAssertions?.getUserAssertion(user);
    if (!assertion) throw new DomainError('sign_in_required');
    const key = cacheKey('app+user', resource, user);
    const skipCache = checkMfa ? this.invalidated.delete(key) : this.invalidated.has(key);
    let token: string;
    try {
      const result = await this.userClient(user).acquireTokenOnBehalfOf({
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
    if (checkMfa && !hasMfa(token)) throw new DomainError('mfa_required');
    return token;
  }

  private userClient(user: CallUser): ConfidentialClientApplication {
    const key = userKey(user);
    let client = this.userClients.get(key);
    if (client) {
      this.userClients.delete(key);
    } else {
      client = this.newClient();
      const max = this.options.maxCachedUsers ?? 500;
      while (this.userClients.size >= max) {
        const oldest = this.userClients.keys().next().value as string;
        this.userClients.delete(oldest);
      }
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

function cacheKey(kind: AuthKind, resource: TokenResource, user?: CallUser): string {
  return `${kind}|${resource}|${user ? userKey(user) : ''}`;
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
  const amr = tokenClaims(token).amr;
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
