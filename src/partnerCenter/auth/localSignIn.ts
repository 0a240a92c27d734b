import { randomUUID } from 'node:crypto';
import type { Logger } from '../../logging.js';
import type { CallUser } from '../callContext.js';
import { userAssertionPath } from '../emulator/entra/emulatorEntraClient.js';
import { startFakeEntra, type FakeEntra, type FakeEntraUser } from '../emulator/entra/fakeEntra.js';
import type { AuthHealth, AuthHealthReport } from './authHealth.js';
import { LoopbackNetworkClient } from './loopbackNetworkClient.js';
import { MsalPartnerCenterTokens } from './msalTokens.js';
import type { AuthKind, PartnerCenterTokens, TokenResource } from './tokens.js';

export interface LocalSignInUser {
  aadObjectId: string;
  displayName: string;
  email?: string;
  /** Whether this seed user signs in with MFA (default true). */
  mfa?: boolean;
}

export interface LocalSignInOptions {
  tenantId: string;
  users: readonly LocalSignInUser[];
  logger: Logger;
  accessTokenLifetimeSeconds?: number;
}

/** A fake Entra as the bot sees it: in this process, or another one's (LOCAL_ENTRA_URL). */
export type LocalEntra = Pick<FakeEntra, 'authorityHost' | 'baseUrl' | 'tenantId' | 'issuer' | 'jwksUrl'>;

export interface ConnectLocalSignInOptions {
  /** `http://127.0.0.1:<port>` of the fake Entra (`npm run emulator -- --with-entra` prints it). */
  entraUrl: string;
  tenantId: string;
  clientId: string;
  secret: string;
  /** The audience of the users' SSO tokens that the client may exchange on behalf of them. */
  ssoAudience: string;
  logger: Logger;
}

/**
 * The embedded default (no Partner Center settings): the bot runs against the local emulator, and
 * the Agents Playground has no SSO. A fake Entra on a loopback port plays the partner's tenant:
 * App-only tokens come from its client credentials, App+User tokens for the turn's seed user (by
 * aadObjectId) are issued by it — through the same MSAL on-behalf-of path as production, from an
 * SSO token it mints for that user — with MFA as the user is configured. So every flow works
 * without a sign-in step, and the emulator verifies real RS256 tokens.
 */
export class LocalSignIn implements PartnerCenterTokens, AuthHealth {
  private constructor(
    readonly entra: LocalEntra,
    private readonly msal: MsalPartnerCenterTokens,
    private readonly closeEntra: () => Promise<void>,
  ) {}

  /**
   * Connects to a fake Entra in another process (the emulator's, LOCAL_ENTRA_URL): App-only by
   * client credentials, App+User by on-behalf-of from an SSO token its loopback endpoint mints for
   * the turn's seed user (unknown users get none: "sign in required"), both through MSAL.
   */
  static connect(options: ConnectLocalSignInOptions): LocalSignIn {
    const baseUrl = options.entraUrl.replace(/\/$/, '').replace('localhost', '127.0.0.1');
    const authorityHost = baseUrl.replace(/^http:/, 'https:');
    const entra: LocalEntra = {
      authorityHost,
      baseUrl,
      tenantId: options.tenantId,
      issuer: `${authorityHost}/${options.tenantId}/v2.0`,
      jwksUrl: `${baseUrl}/${options.tenantId}/discovery/v2.0/keys`,
    };
    const minted = new Map<string, { token: string; expiresAt: number }>();
    const assertionFor = async (oid: string): Promise<string | undefined> => {
      const cached = minted.get(oid);
      if (cached && cached.expiresAt - Date.now() > 10 * 60_000) return cached.token;
      const response = await fetch(`${baseUrl}${userAssertionPath(oid)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ audience: options.ssoAudience }),
      });
      if (response.status === 404) return undefined;
      if (!response.ok) throw new Error(`fake Entra: user assertion failed (${response.status})`);
      const { assertion } = (await response.json()) as { assertion: string };
      minted.set(oid, { token: assertion, expiresAt: Date.now() + 3600_000 });
      return assertion;
    };
    const msal = new MsalPartnerCenterTokens({
      tenantId: options.tenantId,
      clientId: options.clientId,
      authorityHost,
      credential: { kind: 'secret', secret: options.secret },
      credentialLabel: 'localEmulator',
      networkClient: new LoopbackNetworkClient({ [authorityHost]: baseUrl }),
      logger: options.logger,
      userAssertions: {
        getUserAssertion: (user: CallUser) => assertionFor(user.aadObjectId.toLowerCase()),
      },
    });
    return new LocalSignIn(entra, msal, () => Promise.resolve());
  }

  static async start(options: LocalSignInOptions): Promise<LocalSignIn> {
    const clientId = randomUUID();
    const secret = randomUUID();
    const audience = `api://localhost/botid-${clientId}`;
    const users: FakeEntraUser[] = options.users.map((user) => ({
      oid: user.aadObjectId,
      upn: user.email ?? `${user.aadObjectId}@local.test`,
      name: user.displayName,
      mfa: user.mfa ?? true,
    }));
    const entra = await startFakeEntra({
      tenantId: options.tenantId,
      clients: [{ clientId, secret, ssoAudiences: [audience] }],
      users,
      accessTokenLifetimeSeconds: options.accessTokenLifetimeSeconds,
    });
    const known = new Set(users.map((user) => user.oid.toLowerCase()));
    // One SSO token per user while it is fresh, so MSAL's on-behalf-of cache (keyed by it) is hit.
    const minted = new Map<string, { token: string; expiresAt: number }>();
    const assertionFor = async (oid: string): Promise<string> => {
      const cached = minted.get(oid);
      if (cached && cached.expiresAt - Date.now() > 10 * 60_000) return cached.token;
      const token = await entra.mintUserAssertion(oid, audience);
      minted.set(oid, { token, expiresAt: Date.now() + 3600_000 });
      return token;
    };
    const msal = new MsalPartnerCenterTokens({
      tenantId: entra.tenantId,
      clientId,
      authorityHost: entra.authorityHost,
      credential: { kind: 'secret', secret },
      credentialLabel: 'localEmulator',
      networkClient: new LoopbackNetworkClient({ [entra.authorityHost]: entra.baseUrl }),
      logger: options.logger,
      userAssertions: {
        // The seed user is "signed in" already: the fake Entra mints their SSO token.
        getUserAssertion: async (user: CallUser) =>
          known.has(user.aadObjectId.toLowerCase())
            ? assertionFor(user.aadObjectId.toLowerCase())
            : undefined,
      },
    });
    return new LocalSignIn(entra, msal, () => entra.close());
  }

  getToken(kind: AuthKind, resource: TokenResource, user?: CallUser): Promise<string> {
    return this.msal.getToken(kind, resource, user);
  }

  invalidate(kind: AuthKind, resource: TokenResource, user?: CallUser): void {
    this.msal.invalidate(kind, resource, user);
  }

  report(user?: CallUser): Promise<AuthHealthReport> {
    return this.msal.report(user);
  }

  close(): Promise<void> {
    return this.closeEntra();
  }
}
