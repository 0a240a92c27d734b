import type { Clock } from '../clock.js';
import { DomainError, isDomainError } from '../errors.js';
import type { Actor } from '../identity/actor.js';
import type { ExactlyOnce } from '../idempotency/exactlyOnce.js';
import type { PartnerCenter } from '../partnerCenter/port.js';
import { isGuid, normalizeGuid } from '../customers/guid.js';
import { ValidationError } from '../partnerCenter/validationError.js';
import type { AuditLog } from './auditLog.js';

/** What every application service needs; built once by the host (index.ts) and shared. */
export interface ServiceDependencies {
  partnerCenter: PartnerCenter;
  exactlyOnce: ExactlyOnce;
  audit: AuditLog;
  clock: Clock;
}

/** Canonical customer id, or a 'validation' error at field `customerId` (rule 1). */
export function requireCustomerId(customerId: string): string {
  if (typeof customerId !== 'string' || customerId.trim().length === 0) {
    throw new ValidationError({ customerId: 'required' });
  }
  if (!isGuid(customerId)) throw new ValidationError({ customerId: 'notGuid' });
  return normalizeGuid(customerId);
}

/**
 * Runs a state-changing operation exactly once per request id and writes the audit entry
 * (succeeded with the ids it produced, or refused with the error code). The audit entry is written
 * inside the exactly-once effect, so where the store is atomic (the sandbox) the state change, its
 * audit entry and the request's completion record are one write: never a change without its entry.
 * Duplicates return the first outcome without a second audit entry.
 */
/** The stored outcome of an auditedOnce request that already succeeded (same actor, customer, payload). */
export function completedOnce<T>(
  deps: ServiceDependencies,
  actor: Actor,
  operation: string,
  customerId: string,
  requestId: string,
  payload: unknown,
): Promise<T | undefined> {
  return deps.exactlyOnce.outcomeOf<T>({
    scope: operation,
    tenantId: actor.partner.tenantId,
    requestId,
    payload: { customerId, userId: actor.user.aadObjectId, payload },
  });
}

export async function auditedOnce<T>(
  deps: ServiceDependencies,
  actor: Actor,
  operation: string,
  customerId: string,
  requestId: string,
  payload: unknown,
  effect: () => Promise<T>,
  detailsOf: (outcome: T) => Record<string, string>,
): Promise<T> {
  const base = {
    tenantId: actor.partner.tenantId,
    userId: actor.user.aadObjectId,
    userDisplayName: actor.user.displayName,
    operation,
    customerId,
    requestId,
  };
  return deps.exactlyOnce.run(
    {
      scope: operation,
      tenantId: actor.partner.tenantId,
      requestId,
      payload: { customerId, userId: actor.user.aadObjectId, payload },
    },
    async () => {
      let outcome: T;
      try {
        outcome = await effect();
      } catch (error) {
        if (isDomainError(error)) {
          await deps.audit.record({
            ...base,
            at: deps.clock.now().toISOString(),
            outcome: 'refused',
            code: error.code,
          });
        }
        throw error;
      }
      await deps.audit.record({
        ...base,
        at: deps.clock.now().toISOString(),
        outcome: 'succeeded',
        details: detailsOf(outcome),
      });
      return outcome;
    },
  );
}

export function notFound(kind: string, id: string): DomainError {
  return new DomainError('not_found', { kind, id });
}
