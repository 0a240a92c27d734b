import { systemClock, type Clock } from '../../domain/clock.js';
import { ExactlyOnce } from '../../domain/idempotency/exactlyOnce.js';
import type { IdempotencyStore } from '../../domain/idempotency/idempotencyStore.js';
import type { AuditLog } from '../../domain/services/auditLog.js';
import { UpgradeEvents } from '../../domain/transition/upgradeEvents.js';
import type { Backend } from '../backend.js';
import type { CallScope } from '../callContext.js';
import { PARTNER_CENTER_BASE_URL } from './httpClient.js';
import { RestPartnerCenter, type RestDirectory, type RestPartnerCenterOptions } from './restPartnerCenter.js';
import { FileUpgradeWatchStore, UpgradePoller, type UpgradeWatchStore } from './upgradePoller.js';

export interface RestBackendOptions {
  /** HTTP options of the client (baseUrl, armBaseUrl, tokens, timeouts, retry, billingAccountName …). */
  client: Omit<RestPartnerCenterOptions, 'callScope' | 'upgradeWatcher'>;
  /** The partner, its users with roles and its indirect resellers (configuration). */
  directory: RestDirectory;
  /** The one CallScope of the process (the bot middleware fills it per turn). */
  callScope: CallScope;
  /** Where ExactlyOnce keeps request ids (a shared store for several instances). */
  idempotencyStore: IdempotencyStore;
  audit: AuditLog;
  clock: Clock;
  /** Upgrade watches: a store, or a directory for the file store. */
  upgradeWatches: UpgradeWatchStore | { directory: string };
  leaseMs?: number;
  /** The clock polls are scheduled on (default: the system clock). */
  pollerClock?: Clock;
  poller?: { initialDelayMs?: number; maxDelayMs?: number };
}

/**
 * The REST backend: RestPartnerCenter + ExactlyOnce whose effects run inside
 * `callScope.run({ requestId })` (so MS-RequestId is the action's request id) + the upgrade poller.
 * The composition root also installs CallScopeMiddleware with the same CallScope.
 */
export function createRestBackend(options: RestBackendOptions): Backend & { poller: UpgradePoller } {
  const store =
    'directory' in options.upgradeWatches
      ? new FileUpgradeWatchStore(options.upgradeWatches.directory)
      : options.upgradeWatches;
  const upgradeEvents = new UpgradeEvents();
  // The poller needs the client and the client tells the poller: tied once both exist.
  const late: { poller?: UpgradePoller } = {};
  const partnerCenter = new RestPartnerCenter(
    {
      ...options.client,
      callScope: options.callScope,
      upgradeWatcher: { watch: (customerId, upgradeId) => late.poller!.watch(customerId, upgradeId) },
    },
    options.directory,
  );
  const poller = new UpgradePoller({
    partnerCenter,
    store,
    events: upgradeEvents,
    // Polls are scheduled on wall-clock time, whatever business date the bot plays (tests pin it).
    clock: options.pollerClock ?? systemClock,
    callScope: options.callScope,
    ...options.poller,
  });
  const exactlyOnce = new ExactlyOnce(options.idempotencyStore, options.clock, {
    ...(options.leaseMs ? { leaseMs: options.leaseMs } : {}),
    aroundEffect: (requestId, effect) => options.callScope.run({ requestId }, effect),
  });
  late.poller = poller;
  return {
    partnerCenter,
    services: { partnerCenter, exactlyOnce, audit: options.audit, clock: options.clock },
    attestations: partnerCenter,
    upgradeEvents,
    poller,
    start: () => poller.start(),
    health: async () => ({
      kind: 'rest',
      baseUrl: options.client.baseUrl ?? PARTNER_CENTER_BASE_URL,
      watchedUpgrades: (await store.list()).length,
    }),
    close: () => poller.stop(),
  };
}
