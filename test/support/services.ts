import type { Clock } from '../../src/domain/clock.js';
import { ExactlyOnce } from '../../src/domain/idempotency/exactlyOnce.js';
import type { ServiceDependencies } from '../../src/domain/services/serviceContext.js';
import type { Sandbox } from '../../src/partnerCenter/sandbox/openSandbox.js';

/** The application services' dependencies over a sandbox, as the composition root builds them. */
export function servicesOver(sandbox: Sandbox, clock: Clock): ServiceDependencies {
  return {
    partnerCenter: sandbox.partnerCenter,
    exactlyOnce: new ExactlyOnce(sandbox.idempotencyStore, clock),
    audit: sandbox.auditLog,
    clock,
  };
}
