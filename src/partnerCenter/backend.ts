import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PartnerDirectory } from '../bot/identity.js';
import type { Config } from '../config.js';
import type { EnhancedAttestationPort, PartnerCenter } from '../domain/partnerCenter/port.js';
import type { ServiceDependencies } from '../domain/services/serviceContext.js';
import type { UpgradeEvents } from '../domain/transition/upgradeEvents.js';
import type { Logger } from '../logging.js';
import type { RecordStores } from '../storage/openRecordStores.js';
import type { PartnerCenterTokens } from './auth/tokens.js';
import type { CallScope } from './callContext.js';
import {
  EMULATOR_BILLING_ACCOUNT_NAME,
  startPartnerCenterEmulator,
  type PartnerCenterEmulator,
} from './emulator/startPartnerCenterEmulator.js';
import type { TrustedIssuer } from './emulator/auth.js';
import { systemClock, type Clock } from '../domain/clock.js';
import { CachedReads } from './cachedReads.js';
import { createRestBackend } from './rest/createRestBackend.js';
import type { RestDirectory } from './rest/restPartnerCenter.js';
import type { UpgradeWatchStore } from './rest/upgradePoller.js';
import type { SandboxAttestations } from './sandbox/sandboxAttestations.js';

/** The Partner Center backend the bot talks to, with what the application services need. */
export interface Backend {
  partnerCenter: PartnerCenter & PartnerDirectory;
  services: ServiceDependencies;
  /** The enhanced attestation API (App-only). */
  attestations: EnhancedAttestationPort;
  /** The embedded emulator's acceptance component (in-process event when a customer accepts). */
  acceptanceComponent?: SandboxAttestations;
  /** Transition progress/completion events (the REST client's upgrade poller). */
  upgradeEvents: UpgradeEvents;
  /** Drops what is kept of a customer's Partner Center reads (it changed elsewhere). */
  forget?(customerId: string): void;
  /** Starts background work (the upgrade poller) once listeners are attached. */
  start(): void;
  /** Stops the background work until start() again (another instance became the poller's leader). */
  pause?(): Promise<void>;
  health(): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

/** Where the REST client points and who it trusts, as the settings decide. */
export interface BackendDependencies {
  /** The one CallScope of the process (CallScopeMiddleware fills it per turn). */
  callScope: CallScope;
  /** The bot's own records: request ids (ExactlyOnce) and the audit log. */
  records: Pick<RecordStores, 'idempotency' | 'audit'>;
  /** The upgrade poller's watches (shared by the instances); default DATA_DIR/upgrade-watches files. */
  upgradeWatches?: UpgradeWatchStore;
  /**
   * The watches are shared with other instances (Blob): a watch another instance created is only
   * seen by listing, so the poller looks at least every SHARED_WATCH_LOOK_MS.
   */
  upgradeWatchesShared?: boolean;
  tokens: PartnerCenterTokens;
  /** The token issuer an embedded emulator trusts (the local sign-in's fake Entra). */
  localIssuer?: TrustedIssuer;
}

/** Longest pause of the upgrade poller when other instances may add watches. */
const SHARED_WATCH_LOOK_MS = 5_000;

/**
 * Opens the Partner Center backend. There is one path: the REST client (src/partnerCenter/rest).
 * - No setting: a Partner Center emulator starts in this process on a loopback port (data under
 *   DATA_DIR/partner-center, seeded from SANDBOX_SEED_FILE) and the client talks to it over HTTP.
 * - PARTNER_CENTER_EMULATOR_URL: an emulator started on its own (`npm run emulator`, shared by several
 *   bot instances).
 * - PARTNER_CENTER_URL: the real service (with Entra credentials; README "Connect to your Partner Center").
 */
export async function openBackend(
  config: Config,
  logger: Logger,
  clock: Clock,
  deps: BackendDependencies,
): Promise<Backend> {
  let emulator: PartnerCenterEmulator | undefined;
  let urls: { partnerCenter: string; arm: string; partnerApi: string };
  let directory: RestDirectory;
  let billingAccountName = config.PARTNER_BILLING_ACCOUNT;
  if (config.PARTNER_CENTER_URL) {
    urls = {
      partnerCenter: config.PARTNER_CENTER_URL,
      arm: config.AZURE_RESOURCE_MANAGER_URL,
      partnerApi: config.PARTNER_API_URL,
    };
    directory = await readDirectory(config.PARTNER_DIRECTORY_FILE ?? '');
  } else if (config.PARTNER_CENTER_EMULATOR_URL) {
    const base = config.PARTNER_CENTER_EMULATOR_URL.replace(/\/$/, '');
    urls = { partnerCenter: `${base}/v1`, arm: `${base}/arm`, partnerApi: `${base}/partnerapi` };
    directory = await readDirectory(config.PARTNER_DIRECTORY_FILE ?? config.SANDBOX_SEED_FILE);
    billingAccountName ??= EMULATOR_BILLING_ACCOUNT_NAME;
  } else {
    if (!deps.localIssuer)
      throw new Error('openBackend: the embedded emulator needs the local sign-in issuer');
    emulator = await startPartnerCenterEmulator({
      dataDir: join(config.DATA_DIR, 'partner-center'),
      seedFile: config.SANDBOX_SEED_FILE,
      clock,
      upgradeStepMs: config.TRANSITION_STEP_MS,
      recentPurchaseWindowDays: config.TRANSITION_RECENT_PURCHASE_DAYS,
      attestationLinkTtlHours: config.ATTESTATION_LINK_TTL_HOURS,
      trustedIssuers: [deps.localIssuer],
    });
    urls = {
      partnerCenter: emulator.partnerCenterUrl,
      arm: emulator.armUrl,
      partnerApi: `${emulator.baseUrl}/partnerapi`,
    };
    directory = await directoryOf(emulator);
    billingAccountName ??= emulator.billingAccountName;
    logger.info({ url: emulator.baseUrl }, 'embedded Partner Center emulator started');
  }
  const rest = createRestBackend({
    client: {
      baseUrl: urls.partnerCenter,
      armBaseUrl: urls.arm,
      partnerApiBaseUrl: urls.partnerApi,
      tokens: deps.tokens,
      ...(billingAccountName ? { billingAccountName } : {}),
    },
    directory,
    callScope: deps.callScope,
    idempotencyStore: deps.records.idempotency,
    audit: deps.records.audit,
    clock,
    upgradeWatches: deps.upgradeWatches ?? { directory: join(config.DATA_DIR, 'upgrade-watches') },
    leaseMs: config.REQUEST_LEASE_MS,
    // Poll a running transition about as often as the emulator moves it on (real service: ≥ 2 s).
    poller: {
      initialDelayMs: Math.min(Math.max(config.TRANSITION_STEP_MS, 50), 2_000),
      ...(deps.upgradeWatchesShared ? { maxDelayMs: SHARED_WATCH_LOOK_MS } : {}),
    },
  });
  // Every feature reads a customer through one short-lived cache; the poller asks the client itself.
  const reads = new CachedReads(rest.partnerCenter, rest.attestations, {
    ttlMs: config.PARTNER_CENTER_READ_TTL_MS,
    clock: systemClock,
  });
  // The embedded emulator says at once when a customer accepted: that customer is read again.
  emulator?.sandbox.attestations.onAccepted((attestation) => reads.forget(attestation.customerId));
  return {
    ...rest,
    partnerCenter: reads,
    services: { ...rest.services, partnerCenter: reads },
    attestations: reads,
    forget: (customerId) => reads.forget(customerId),
    pause: () => rest.poller.stop(),
    ...(emulator ? { acceptanceComponent: emulator.sandbox.attestations } : {}),
    health: async () => ({
      ...(await rest.health()),
      partnerCenter: config.PARTNER_CENTER_URL
        ? 'partner-center'
        : emulator
          ? 'embedded-emulator'
          : 'emulator',
    }),
    close: async () => {
      await rest.close();
      await emulator?.close();
    },
  };
}

/** The embedded emulator's partner, users and resellers (the seed's directory). */
async function directoryOf(emulator: PartnerCenterEmulator): Promise<RestDirectory> {
  const pc = emulator.sandbox.partnerCenter;
  const partner = await pc.getPartner();
  const users = await emulator.sandbox.store.read((data) => structuredClone(data.users));
  return { partner, users, indirectResellers: await pc.listIndirectResellers() };
}

/** A directory file: `{ partner, users, indirectResellers }` (the seed file's shape). */
async function readDirectory(file: string): Promise<RestDirectory> {
  let parsed: Partial<RestDirectory>;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<RestDirectory>;
  } catch (error) {
    throw new Error(`PARTNER_DIRECTORY_FILE: cannot read ${file} (${(error as Error).message})`);
  }
  if (!parsed.partner || !Array.isArray(parsed.users))
    throw new Error(`PARTNER_DIRECTORY_FILE: ${file} needs "partner" and "users" (the seed file's shape)`);
  return { partner: parsed.partner, users: parsed.users, indirectResellers: parsed.indirectResellers ?? [] };
}
