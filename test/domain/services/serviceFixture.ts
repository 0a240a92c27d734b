import { fixedClock } from '../../../src/domain/clock.js';
import { ExactlyOnce } from '../../../src/domain/idempotency/exactlyOnce.js';
import type { ServiceDependencies } from '../../../src/domain/services/serviceContext.js';
import type { Sandbox } from '../../../src/partnerCenter/sandbox/openSandbox.js';
import { NOW } from '../../partnerCenter/sandbox/sandboxFixture.js';

/** Service dependencies over a sandbox, as index.ts wires them. */
export function servicesOver(sandbox: Sandbox, now = NOW): ServiceDependencies {
  const clock = fixedClock(now);
  return {
    partnerCenter: sandbox.partnerCenter,
    exactlyOnce: new ExactlyOnce(sandbox.idempotencyStore, clock),
    audit: sandbox.auditLog,
    clock,
  };
}
