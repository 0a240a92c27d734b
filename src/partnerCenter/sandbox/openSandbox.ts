import { systemClock, type Clock } from '../../domain/clock.js';
import { DEFAULT_RECENT_PURCHASE_WINDOW_DAYS } from '../../domain/transition/eligibilityRules.js';
import { UpgradeEvents } from '../../domain/transition/upgradeEvents.js';
import { SandboxAttestations } from './sandboxAttestations.js';
import { SandboxAuditLog } from './sandboxAuditLog.js';
import { SandboxIdempotencyStore } from './sandboxIdempotencyStore.js';
import { SandboxPartnerCenter } from './sandboxPartnerCenter.js';
import { SandboxStore } from './sandboxStore.js';
import { readSeedFile, seedToData } from './seedLoader.js';
import { UpgradeWorker } from './upgradeWorker.js';

export const DEFAULT_SEED_FILE = 'seed/sandbox-seed.json';
export const DEFAULT_DATA_FILE = 'data/sandbox.json';

export interface SandboxOptions {
  /** lowdb JSON file holding all sandbox state (created from the seed on first start). */
  dataFile?: string;
  /** Seed JSON, read only when the data file does not exist yet. */
  seedFile?: string;
  clock?: Clock;
  /** 900130 window (days) for the transition eligibility check. */
  recentPurchaseWindowDays?: number;
  /** Transition pace: the worker advances one step (one subscription) every this many ms. */
  upgradeStepMs?: number;
  /** Lifetime of an MCA acceptance link (hours; ATTESTATION_LINK_TTL_HOURS). */
  attestationLinkTtlHours?: number;
  newId?: () => string;
}

/** Everything the host needs from the sandbox backend. Call `worker.start()` to run transitions. */
export interface Sandbox {
  partnerCenter: SandboxPartnerCenter;
  /** The enhanced attestation API and the acceptance component (issue 14). */
  attestations: SandboxAttestations;
  idempotencyStore: SandboxIdempotencyStore;
  auditLog: SandboxAuditLog;
  upgradeEvents: UpgradeEvents;
  worker: UpgradeWorker;
  store: SandboxStore;
  /** Stops the worker (finishing its current step) and flushes pending writes. */
  close(): Promise<void>;
}

/** Opens (or on first start seeds) the sandbox. Throws InvalidSeedError naming each bad seed field. */
export async function openSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const clock = options.clock ?? systemClock;
  const seedFile = options.seedFile ?? DEFAULT_SEED_FILE;
  const store = await SandboxStore.open(options.dataFile ?? DEFAULT_DATA_FILE, async () =>
    seedToData(await readSeedFile(seedFile), clock.now()),
  );
  const partnerCenter = new SandboxPartnerCenter(store, {
    clock,
    recentPurchaseWindowDays: options.recentPurchaseWindowDays ?? DEFAULT_RECENT_PURCHASE_WINDOW_DAYS,
    newId: options.newId,
  });
  const upgradeEvents = new UpgradeEvents();
  const worker = new UpgradeWorker(store, upgradeEvents, {
    clock,
    stepMs: options.upgradeStepMs ?? 2000,
    newId: options.newId,
  });
  const attestations = new SandboxAttestations(store, {
    clock,
    linkTtlHours: options.attestationLinkTtlHours,
    newId: options.newId,
  });
  return {
    partnerCenter,
    attestations,
    idempotencyStore: new SandboxIdempotencyStore(store),
    auditLog: new SandboxAuditLog(store),
    upgradeEvents,
    worker,
    store,
    async close() {
      await worker.stop();
      await store.flush();
    },
  };
}
