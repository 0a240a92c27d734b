import { join } from 'node:path';
import type { PartnerDirectory } from '../bot/identity.js';
import type { Config } from '../config.js';
import type { Clock } from '../domain/clock.js';
import { ExactlyOnce } from '../domain/idempotency/exactlyOnce.js';
import type { EnhancedAttestationPort, PartnerCenter } from '../domain/partnerCenter/port.js';
import type { SandboxAttestations } from './sandbox/sandboxAttestations.js';
import type { ServiceDependencies } from '../domain/services/serviceContext.js';
import type { UpgradeEvents } from '../domain/transition/upgradeEvents.js';
import type { Logger } from '../logging.js';
import { openSandbox } from './sandbox/openSandbox.js';

/** The Partner Center backend the bot talks to, with what the application services need. */
export interface Backend {
  partnerCenter: PartnerCenter & PartnerDirectory;
  services: ServiceDependencies;
  /** The enhanced attestation API (App-only). */
  attestations: EnhancedAttestationPort;
  /** The embedded acceptance component, present only with the embedded sandbox. */
  acceptanceComponent?: SandboxAttestations;
  /** Transition progress/completion events (sandbox worker; polling for the REST backend). */
  upgradeEvents: UpgradeEvents;
  /** Starts background work (the sandbox's transition worker) once listeners are attached. */
  start(): void;
  health(): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

export class BackendUnavailableError extends Error {}

/** Opens the configured backend: the embedded sandbox (default) or the real Partner Center API. */
export async function openBackend(config: Config, logger: Logger, clock: Clock): Promise<Backend> {
  if (config.BACKEND === 'rest') {
    throw new BackendUnavailableError(
      'BACKEND=rest is not available in this build: the REST Partner Center adapter needs App+User credentials, which this deployment does not configure. Use BACKEND=sandbox.',
    );
  }
  const dataFile = join(config.DATA_DIR, 'sandbox.json');
  const sandbox = await openSandbox({
    dataFile,
    seedFile: config.SANDBOX_SEED_FILE,
    clock,
    recentPurchaseWindowDays: config.TRANSITION_RECENT_PURCHASE_DAYS,
    upgradeStepMs: config.TRANSITION_STEP_MS,
    attestationLinkTtlHours: config.ATTESTATION_LINK_TTL_HOURS,
  });
  logger.info({ dataFile }, 'sandbox Partner Center opened');
  return {
    partnerCenter: sandbox.partnerCenter,
    services: {
      partnerCenter: sandbox.partnerCenter,
      exactlyOnce: new ExactlyOnce(sandbox.idempotencyStore, clock, { leaseMs: config.REQUEST_LEASE_MS }),
      audit: sandbox.auditLog,
      clock,
    },
    attestations: sandbox.attestations,
    acceptanceComponent: sandbox.attestations,
    upgradeEvents: sandbox.upgradeEvents,
    start: () => sandbox.worker.start(),
    health: async () => ({ kind: 'sandbox', file: 'sandbox.json', state: 'open' }),
    close: () => sandbox.close(),
  };
}
