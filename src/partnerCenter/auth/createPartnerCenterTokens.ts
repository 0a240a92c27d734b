import { readFileSync } from 'node:fs';
import type { BotFrameworkAuthentication } from 'botframework-connector';
import type { Config } from '../../config.js';
import type { Logger } from '../../logging.js';
import type { CallUser } from '../callContext.js';
import type { AuthHealth } from './authHealth.js';
import { EMULATOR_ENTRA_CLIENT } from '../emulator/entra/emulatorEntraClient.js';
import { BotTokenServiceAssertions } from './botTokenService.js';
import { LocalSignIn, type LocalSignInUser } from './localSignIn.js';
import { MsalPartnerCenterTokens, type AppCredential, type UserAssertionSource } from './msalTokens.js';
import type { PartnerCenterTokens } from './tokens.js';

export type SignInSettings = Pick<
  Config,
  | 'PARTNER_CENTER_URL'
  | 'LOCAL_ENTRA_URL'
  | 'PARTNER_DIRECTORY_FILE'
  | 'ENTRA_TENANT_ID'
  | 'ENTRA_CLIENT_ID'
  | 'ENTRA_CLIENT_SECRET'
  | 'ENTRA_CERTIFICATE_PATH'
  | 'ENTRA_CERTIFICATE_THUMBPRINT'
  | 'ENTRA_AUTHORITY_HOST'
  | 'OAUTH_CONNECTION_NAME'
  | 'MicrosoftAppId'
  | 'SANDBOX_SEED_FILE'
>;

export interface PartnerCenterSignIn {
  /** 'local': the embedded emulator with its fake Entra; 'entra': the partner's real tenant. */
  mode: 'local' | 'entra';
  tokens: PartnerCenterTokens & AuthHealth;
  /** The fake Entra of the local mode (issuer and JWKS for the emulator's token checks). */
  local?: LocalSignIn;
  /** Who issues these tokens, for an embedded Partner Center emulator to trust (local mode, tests). */
  issuer?: { issuer: string; jwksUrl: string };
  /** Forgets a user's cached tokens (after "sign out"). */
  forgetUser(user: CallUser): void;
  close(): Promise<void>;
}

export interface CreateTokensDependencies {
  logger: Logger;
  /** The bot's Bot Framework authentication (for its token service client); needed in 'entra' mode. */
  botAuth?: BotFrameworkAuthentication;
  /** Replaces the Bot Framework token service as the source of users' SSO tokens (tests). */
  userAssertions?: UserAssertionSource;
  /** Seed users for the local mode; default: the users of SANDBOX_SEED_FILE. */
  localUsers?: readonly LocalSignInUser[];
  localTenantId?: string;
}

/**
 * The token side of Partner Center from the settings: without PARTNER_CENTER_URL the embedded
 * LocalSignIn (every flow works without a sign-in step); with it MSAL against the partner's Entra
 * tenant — App-only by secret or certificate, App+User on behalf of the user's Teams SSO token.
 */
export async function createPartnerCenterTokens(
  config: SignInSettings,
  deps: CreateTokensDependencies,
): Promise<PartnerCenterSignIn> {
  if (!config.PARTNER_CENTER_URL && config.LOCAL_ENTRA_URL) {
    // The fake Entra of a separately started emulator (`npm run emulator -- --with-entra`).
    const seed = readSeed(config.PARTNER_DIRECTORY_FILE ?? config.SANDBOX_SEED_FILE);
    const local = LocalSignIn.connect({
      entraUrl: config.LOCAL_ENTRA_URL,
      tenantId: deps.localTenantId ?? seed.tenantId ?? '00000000-0000-0000-0000-000000000001',
      clientId: EMULATOR_ENTRA_CLIENT.clientId,
      secret: EMULATOR_ENTRA_CLIENT.secret,
      ssoAudience: EMULATOR_ENTRA_CLIENT.ssoAudience,
      logger: deps.logger,
    });
    return { mode: 'local', tokens: local, local, forgetUser: () => undefined, close: () => local.close() };
  }
  if (!config.PARTNER_CENTER_URL) {
    const seed = deps.localUsers ? undefined : readSeed(config.SANDBOX_SEED_FILE);
    const local = await LocalSignIn.start({
      tenantId: deps.localTenantId ?? seed?.tenantId ?? '00000000-0000-0000-0000-000000000001',
      users: deps.localUsers ?? seed?.users ?? [],
      logger: deps.logger,
    });
    return {
      mode: 'local',
      tokens: local,
      local,
      issuer: { issuer: local.entra.issuer, jwksUrl: local.entra.jwksUrl },
      forgetUser: () => undefined,
      close: () => local.close(),
    };
  }
  const userAssertions =
    deps.userAssertions ??
    (deps.botAuth && config.OAUTH_CONNECTION_NAME
      ? new BotTokenServiceAssertions({
          auth: deps.botAuth,
          appId: config.MicrosoftAppId ?? '',
          connectionName: config.OAUTH_CONNECTION_NAME,
        })
      : undefined);
  const msal = new MsalPartnerCenterTokens({
    tenantId: config.ENTRA_TENANT_ID ?? '',
    clientId: config.ENTRA_CLIENT_ID ?? '',
    authorityHost: config.ENTRA_AUTHORITY_HOST,
    credential: credentialOf(config),
    userAssertions,
    logger: deps.logger,
  });
  return {
    mode: 'entra',
    tokens: msal,
    forgetUser: (user) => msal.forgetUser(user),
    close: async () => undefined,
  };
}

function credentialOf(config: SignInSettings): AppCredential | undefined {
  if (config.ENTRA_CLIENT_SECRET) return { kind: 'secret', secret: config.ENTRA_CLIENT_SECRET };
  if (config.ENTRA_CERTIFICATE_PATH && config.ENTRA_CERTIFICATE_THUMBPRINT) {
    // One PEM file with the private key (and usually the certificate, sent as x5c).
    const pem = readFileSync(config.ENTRA_CERTIFICATE_PATH, 'utf8');
    const privateKeyPem = /-----BEGIN (RSA )?PRIVATE KEY-----[\s\S]+?-----END (RSA )?PRIVATE KEY-----/.exec(
      pem,
    )?.[0];
    const certificatePem = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(pem)?.[0];
    if (!privateKeyPem) throw new Error('ENTRA_CERTIFICATE_PATH: the PEM file has no private key');
    return {
      kind: 'certificate',
      thumbprint: config.ENTRA_CERTIFICATE_THUMBPRINT,
      privateKeyPem,
      certificatePem,
    };
  }
  return undefined;
}

function readSeed(file: string): { tenantId?: string; users: LocalSignInUser[] } {
  try {
    const seed = JSON.parse(readFileSync(file, 'utf8')) as {
      partner?: { tenantId?: string };
      users?: Array<{ aadObjectId: string; displayName: string; email?: string; mfa?: boolean }>;
    };
    return {
      tenantId: seed.partner?.tenantId,
      users: (seed.users ?? []).map((user) => ({
        aadObjectId: user.aadObjectId,
        displayName: user.displayName,
        email: user.email,
        mfa: user.mfa,
      })),
    };
  } catch {
    return { users: [] };
  }
}
