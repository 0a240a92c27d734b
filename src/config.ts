import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';

/**
 * Every setting of the bot, read from the environment (and an optional `.env`, loaded by index.ts),
 * validated once at start-up. A bad value stops the process with a message naming the variable and
 * the expected form. `.env.example` documents each one.
 */
const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const positiveInt = (fallback: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, 'a whole number')
    .transform(Number)
    .optional()
    .transform((value) => value ?? fallback);

const schema = z
  .object({
    PORT: z
      .string()
      .trim()
      .regex(/^\d{1,5}$/, 'a TCP port number (1–65535, or 0 for any free port)')
      .transform(Number)
      .refine((port) => port <= 65535, 'a TCP port number (1–65535, or 0 for any free port)')
      .optional()
      .transform((value) => value ?? 3978),
    HOST: optionalText.transform((value) => value ?? '127.0.0.1'),
    DATA_DIR: optionalText.transform((value) => resolve(value ?? 'data')),
    // The embedded Partner Center emulator's seed (partner, users with roles, customers …).
    SANDBOX_SEED_FILE: optionalText.transform((value) => resolve(value ?? 'seed/sandbox-seed.json')),
    // A Partner Center emulator started on its own (`npm run emulator`): its base URL on loopback.
    PARTNER_CENTER_EMULATOR_URL: optionalText.pipe(
      z
        .string()
        .regex(
          /^http:\/\/(127\.0\.0\.1|localhost|\[::1\]):\d{1,5}\/?$/,
          'http://127.0.0.1:<port> (a loopback emulator)',
        )
        .optional(),
    ),
    // The fake Entra ID that such an emulator trusts (`npm run emulator` prints it).
    LOCAL_ENTRA_URL: optionalText.pipe(
      z
        .string()
        .regex(
          /^http:\/\/(127\.0\.0\.1|localhost|\[::1\]):\d{1,5}\/?$/,
          "http://127.0.0.1:<port> (the emulator's fake Entra)",
        )
        .optional(),
    ),
    // With PARTNER_CENTER_URL: the partner, its users with their Partner Center roles and its indirect
    // resellers (JSON in the seed file's shape); Partner Center has no API for the partner's user roles.
    PARTNER_DIRECTORY_FILE: optionalText.transform((value) => (value ? resolve(value) : undefined)),
    // Azure Resource Manager (Azure subscriptions under the plan) and the partner API (price sheets).
    AZURE_RESOURCE_MANAGER_URL: optionalText
      .pipe(z.string().url('an https:// URL').optional())
      .transform((value) => value ?? 'https://management.azure.com'),
    PARTNER_API_URL: optionalText
      .pipe(z.string().url('an https:// URL').optional())
      .transform((value) => value ?? 'https://api.partner.microsoft.com'),
    // The partner's Microsoft Partner Agreement billing account (ARM billing scope of new Azure subscriptions).
    PARTNER_BILLING_ACCOUNT: optionalText,
    MicrosoftAppId: optionalText.pipe(
      z
        .string()
        .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'a GUID (the bot app id)')
        .optional(),
    ),
    MicrosoftAppPassword: optionalText,
    MicrosoftAppType: z
      .enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'], {
        message: 'MultiTenant, SingleTenant or UserAssignedMSI',
      })
      .optional(),
    MicrosoftAppTenantId: optionalText,
    // Test/advanced: where the keys of inbound Bot Framework tokens come from (default: public cloud).
    ToBotFromChannelOpenIdMetadataUrl: optionalText.pipe(z.string().url('an http(s):// URL').optional()),
    ToBotFromEmulatorOpenIdMetadataUrl: optionalText.pipe(z.string().url('an http(s):// URL').optional()),
    PRICE_DATA_DIR: optionalText.transform((value) => (value ? resolve(value) : undefined)),
    FINOPS_DATA_DIR: optionalText.transform((value) => (value ? resolve(value) : undefined)),
    FX_RATES_FILE: optionalText.transform((value) => (value ? resolve(value) : undefined)),
    /** Folder for the compact snapshot cache; "off" disables it; unset = DATA_DIR/cache/prices. */
    PRICE_CACHE_DIR: optionalText.transform((value) =>
      !value ? undefined : value.toLowerCase() === 'off' ? 'off' : resolve(value),
    ),
    // A price snapshot older than this many days is flagged in answers and /healthz. Default 45.
    PRICE_SNAPSHOT_MAX_AGE_DAYS: positiveInt(45).refine((n) => n > 0, 'a whole number of days above 0'),
    // How often the running bot looks for a replaced price snapshot, in seconds; 0 = never. Default 60.
    PRICE_SNAPSHOT_POLL_SECONDS: positiveInt(60),
    /** CSP market → currency table (.csv or .csv.gz); unset = the copy shipped in reference/partner-center. */
    MARKET_TABLE_FILE: optionalText.transform((value) => (value ? resolve(value) : undefined)),
    CLOCK_START_AT: optionalText.pipe(
      z
        .string()
        .datetime({ offset: true, message: 'an ISO 8601 date-time such as 2027-02-10T12:00:00Z' })
        .optional(),
    ),
    TRANSITION_STEP_MS: positiveInt(3000),
    TRANSITION_RECENT_PURCHASE_DAYS: positiveInt(14),
    // Largest file attachment (recon CSV) the bot downloads, in bytes. Default 100 MiB.
    ATTACHMENT_MAX_BYTES: positiveInt(100 * 1024 * 1024).refine((n) => n > 0, 'a whole number above 0'),
    // Connect/read timeout of attachment downloads, in milliseconds. Default 30 s.
    ATTACHMENT_TIMEOUT_MS: positiveInt(30_000).refine((n) => n > 0, 'a whole number above 0'),
    REQUEST_LEASE_MS: positiveInt(10_000),
    // How long a customers-list row's state (MCA, plan, legacy, transition) is reused, in ms.
    CUSTOMER_STATE_TTL_MS: positiveInt(30_000),
    // How long one customer's Partner Center reads are reused by every feature (0: never), in ms.
    PARTNER_CENTER_READ_TTL_MS: positiveInt(30_000),
    // How long the customer name index (search, typeahead) is reused before a background refresh, in ms.
    CUSTOMER_INDEX_TTL_MS: positiveInt(60_000),
    // How old every customer's MCA state (the MCA board, the customers list) may get before the
    // next use rebuilds it in the background, in minutes (the old state is answered meanwhile).
    MCA_INDEX_TTL_MINUTES: positiveInt(15).refine((n) => n > 0, 'a whole number of minutes above 0'),
    // How many customers the MCA state index reads at once (Partner Center rate limits).
    MCA_INDEX_CONCURRENCY: positiveInt(4).refine((n) => n > 0 && n <= 32, 'a whole number from 1 to 32'),
    /** Lifetime of an MCA acceptance link in the embedded sandbox (the docs name none: API data). */
    ATTESTATION_LINK_TTL_HOURS: positiveInt(168),
    // With a Partner Center in another process (or the real one): how often to ask about pending
    // MCA acceptances, in seconds (the in-process emulator tells the bot at once).
    ATTESTATION_CHECK_SECONDS: positiveInt(60),
    // State of conversations idle for longer than this many days is deleted by a background sweep.
    STATE_RETENTION_DAYS: positiveInt(30).refine((n) => n > 0, 'a whole number of days above 0'),
    // Where the bot's own records live (request records, audit, dedupe, references, state, leases).
    STORAGE: z
      .enum(['file', 'blob'], { message: '"file" or "blob"' })
      .optional()
      .transform((value) => value ?? 'file'),
    AZURE_STORAGE_CONNECTION_STRING: optionalText.pipe(
      z
        .string()
        .regex(
          /(^|;)\s*(UseDevelopmentStorage=true|AccountName=|BlobEndpoint=)/i,
          'a connection string with AccountName=… or BlobEndpoint=… (or UseDevelopmentStorage=true)',
        )
        .optional(),
    ),
    AZURE_STORAGE_CONTAINER: optionalText
      .pipe(
        z
          .string()
          .regex(
            /^[a-z0-9](?:[a-z0-9]|-(?!-)){2,56}$/,
            'a blob container name: 3–57 lower-case letters, digits and single hyphens',
          )
          .optional(),
      )
      .transform((value) => value ?? 'partner-assistant'),
    // Finished request records are kept this many hours, then pruned. Default 168 (7 days).
    IDEMPOTENCY_RETENTION_HOURS: positiveInt(168).refine((n) => n > 0, 'a whole number of hours above 0'),
    // Lease of the leader (transition worker) and of cross-instance locks, in seconds (Azure: 15–60).
    LEADER_LEASE_SECONDS: positiveInt(30).refine(
      (n) => n >= 15 && n <= 60,
      'a whole number of seconds, 15–60',
    ),
    // --- Partner Center sign-in (README "Connect to your Partner Center") ---
    /** The real Partner Center API; unset = the embedded emulator with its local sign-in. */
    PARTNER_CENTER_URL: optionalText.pipe(z.string().url('an https:// URL').optional()),
    ENTRA_TENANT_ID: optionalText.pipe(z.string().regex(GUID, 'a GUID (the partner tenant id)').optional()),
    ENTRA_CLIENT_ID: optionalText.pipe(
      z.string().regex(GUID, 'a GUID (the Partner Center app registration id)').optional(),
    ),
    ENTRA_CLIENT_SECRET: optionalText,
    ENTRA_CERTIFICATE_PATH: optionalText.transform((value) => (value ? resolve(value) : undefined)),
    ENTRA_CERTIFICATE_THUMBPRINT: optionalText.pipe(
      z
        .string()
        .regex(
          /^([0-9a-f]{40}|[0-9a-f]{64})$/i,
          'the certificate thumbprint: 40 (SHA-1) or 64 (SHA-256) hex digits',
        )
        .optional(),
    ),
    ENTRA_AUTHORITY_HOST: optionalText
      .pipe(z.string().url('an https:// URL').startsWith('https://', 'an https:// URL').optional())
      .transform((value) => (value ?? 'https://login.microsoftonline.com').replace(/\/$/, '')),
    /** Azure Bot OAuth connection (Bot Framework token service) used for SSO and the sign-in card. */
    OAUTH_CONNECTION_NAME: optionalText,
    /** The bot's Application ID URI for Teams SSO (manifest webApplicationInfo.resource). */
    SSO_APP_ID_URI: optionalText.pipe(
      z
        .string()
        .regex(/^api:\/\/([^/\s]+\/)?botid-[0-9a-f-]{36}$/i, 'api://<domain>/botid-<MicrosoftAppId>')
        .optional(),
    ),
    // Test/advanced: the Bot Framework token service (default https://api.botframework.com).
    BOT_TOKEN_SERVICE_URL: optionalText.pipe(z.string().url('an http(s):// URL').optional()),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
        message: 'one of fatal, error, warn, info, debug, trace, silent',
      })
      .optional()
      .transform((value) => value ?? 'info'),
  })
  .superRefine((env, ctx) => {
    if (env.MicrosoftAppId && !env.MicrosoftAppPassword && env.MicrosoftAppType !== 'UserAssignedMSI') {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['MicrosoftAppPassword'],
        message: 'required when MicrosoftAppId is set (or set MicrosoftAppType=UserAssignedMSI)',
      });
    }
    if (env.MicrosoftAppType === 'SingleTenant' && !env.MicrosoftAppTenantId) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['MicrosoftAppTenantId'],
        message: 'required when MicrosoftAppType=SingleTenant',
      });
    }
    if (env.STORAGE === 'blob' && !env.AZURE_STORAGE_CONNECTION_STRING) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['AZURE_STORAGE_CONNECTION_STRING'],
        message:
          'a storage account connection string when STORAGE=blob (e.g. UseDevelopmentStorage=true for Azurite)',
      });
    }
    for (const issue of partnerCenterSignInIssues(env))
      ctx.addIssue({ code: z.ZodIssueCode.custom, ...issue });
    if (env.PARTNER_CENTER_URL && env.PARTNER_CENTER_EMULATOR_URL) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['PARTNER_CENTER_EMULATOR_URL'],
        message: 'either PARTNER_CENTER_URL (the real service) or PARTNER_CENTER_EMULATOR_URL, not both',
      });
    }
    if (env.PARTNER_CENTER_EMULATOR_URL && !env.LOCAL_ENTRA_URL) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['LOCAL_ENTRA_URL'],
        message: 'required with PARTNER_CENTER_EMULATOR_URL: the fake Entra URL `npm run emulator` prints',
      });
    }
    if (env.PARTNER_CENTER_URL && !env.PARTNER_DIRECTORY_FILE) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['PARTNER_DIRECTORY_FILE'],
        message:
          'required when PARTNER_CENTER_URL is set: a JSON file with the partner, its users and their roles (see README "Connect to your Partner Center")',
      });
    }
    if (env.PARTNER_DIRECTORY_FILE && !existsSync(env.PARTNER_DIRECTORY_FILE)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['PARTNER_DIRECTORY_FILE'],
        message: `a readable JSON file (not found: ${env.PARTNER_DIRECTORY_FILE})`,
      });
    }
    if (!env.PARTNER_CENTER_URL && !existsSync(env.SANDBOX_SEED_FILE)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['SANDBOX_SEED_FILE'],
        message: `a readable seed JSON file (not found: ${env.SANDBOX_SEED_FILE})`,
      });
    }
  });

interface SignInSettings {
  PARTNER_CENTER_URL?: string;
  ENTRA_TENANT_ID?: string;
  ENTRA_CLIENT_ID?: string;
  ENTRA_CLIENT_SECRET?: string;
  ENTRA_CERTIFICATE_PATH?: string;
  ENTRA_CERTIFICATE_THUMBPRINT?: string;
  OAUTH_CONNECTION_NAME?: string;
  SSO_APP_ID_URI?: string;
  MicrosoftAppId?: string;
}

/** Half-configured sign-in: each issue names the variable and what is missing. */
function partnerCenterSignInIssues(env: SignInSettings): Array<{ path: string[]; message: string }> {
  const issues: Array<{ path: string[]; message: string }> = [];
  const entraSet = (
    [
      'ENTRA_TENANT_ID',
      'ENTRA_CLIENT_ID',
      'ENTRA_CLIENT_SECRET',
      'ENTRA_CERTIFICATE_PATH',
      'ENTRA_CERTIFICATE_THUMBPRINT',
    ] as const
  ).filter((name) => env[name]);
  if (!env.PARTNER_CENTER_URL) {
    if (entraSet.length > 0)
      issues.push({
        path: [entraSet[0] ?? 'PARTNER_CENTER_URL'],
        message: `used only with PARTNER_CENTER_URL (the real Partner Center): set PARTNER_CENTER_URL or remove ${entraSet.join(', ')}`,
      });
  } else {
    for (const name of ['ENTRA_TENANT_ID', 'ENTRA_CLIENT_ID'] as const)
      if (!env[name]) issues.push({ path: [name], message: 'required when PARTNER_CENTER_URL is set' });
    const certificate = Boolean(env.ENTRA_CERTIFICATE_PATH || env.ENTRA_CERTIFICATE_THUMBPRINT);
    if (env.ENTRA_CLIENT_SECRET && certificate)
      issues.push({
        path: ['ENTRA_CLIENT_SECRET'],
        message:
          'either ENTRA_CLIENT_SECRET or ENTRA_CERTIFICATE_PATH + ENTRA_CERTIFICATE_THUMBPRINT, not both',
      });
    else if (!env.ENTRA_CLIENT_SECRET && !certificate)
      issues.push({
        path: ['ENTRA_CLIENT_SECRET'],
        message:
          'app credentials when PARTNER_CENTER_URL is set: ENTRA_CLIENT_SECRET, or ENTRA_CERTIFICATE_PATH + ENTRA_CERTIFICATE_THUMBPRINT',
      });
    if (env.ENTRA_CERTIFICATE_PATH && !env.ENTRA_CERTIFICATE_THUMBPRINT)
      issues.push({
        path: ['ENTRA_CERTIFICATE_THUMBPRINT'],
        message: 'required with ENTRA_CERTIFICATE_PATH',
      });
    if (env.ENTRA_CERTIFICATE_THUMBPRINT && !env.ENTRA_CERTIFICATE_PATH)
      issues.push({
        path: ['ENTRA_CERTIFICATE_PATH'],
        message: 'required with ENTRA_CERTIFICATE_THUMBPRINT',
      });
    if (env.ENTRA_CERTIFICATE_PATH && !existsSync(env.ENTRA_CERTIFICATE_PATH))
      issues.push({
        path: ['ENTRA_CERTIFICATE_PATH'],
        message: `a readable PEM file with the private key (and certificate) (not found: ${env.ENTRA_CERTIFICATE_PATH})`,
      });
    if (!env.OAUTH_CONNECTION_NAME)
      issues.push({
        path: ['OAUTH_CONNECTION_NAME'],
        message:
          'required when PARTNER_CENTER_URL is set (the Azure Bot OAuth connection users sign in with)',
      });
  }
  if (env.SSO_APP_ID_URI && !env.OAUTH_CONNECTION_NAME)
    issues.push({
      path: ['OAUTH_CONNECTION_NAME'],
      message: 'required with SSO_APP_ID_URI (the SSO token is exchanged through the OAuth connection)',
    });
  if (
    env.SSO_APP_ID_URI &&
    env.MicrosoftAppId &&
    !env.SSO_APP_ID_URI.toLowerCase().endsWith(`botid-${env.MicrosoftAppId.toLowerCase()}`)
  )
    issues.push({
      path: ['SSO_APP_ID_URI'],
      message: `api://<domain>/botid-${env.MicrosoftAppId} (ends with the bot's MicrosoftAppId)`,
    });
  return issues;
}

export type Config = z.output<typeof schema> & {
  /** True when app credentials are set: inbound requests must then carry a valid Bot Framework JWT. */
  authEnabled: boolean;
  version: string;
};

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv, version = '0.0.0'): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = issue.path.join('.') || '(environment)';
      const got = typeof env[name] === 'string' ? ` (got "${redactIfSecret(name, env[name] ?? '')}")` : '';
      return `  - ${name}: expected ${issue.message}${got}`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}\nSee .env.example for every setting.`);
  }
  return { ...parsed.data, authEnabled: Boolean(parsed.data.MicrosoftAppId), version };
}

function redactIfSecret(name: string, value: string): string {
  return /password|secret|key|connection_string/i.test(name) ? '***' : value;
}
