import type { DomainError } from '../errors.js';
import type { Operation } from '../identity/permissions.js';
import { isResellerOfRecordProblem } from '../identity/resellerErrors.js';
import { UPGRADE_BLOCK_CODES } from './purchaseRules.js';

/** 13605: the customer has not accepted the MCA (rule 9) — the one blocker the purchase can resolve inline. */
export const NO_MCA_CODE = '13605';

/**
 * What the purchase flow does next with the pre-check's blockers (purchaseBlockers):
 * - 'stop': a blocker the purchase cannot get past (the first one, most fundamental first);
 * - 'attestMca': the only blocker is the missing MCA acceptance — attest inline, then check again;
 * - 'confirm': nothing blocks; reseller-of-record problems are answered at the confirmation's field.
 */
export type PurchaseNextStep =
  { kind: 'stop'; blocker: DomainError } | { kind: 'attestMca'; blocker: DomainError } | { kind: 'confirm' };

export function purchaseNextStep(blockers: readonly DomainError[]): PurchaseNextStep {
  const stopping = blockers.filter((blocker) => !isResellerOfRecordProblem(blocker));
  const stopper = stopping.find((blocker) => blocker.code !== NO_MCA_CODE);
  if (stopper) return { kind: 'stop', blocker: stopper };
  const [noMca] = stopping;
  return noMca ? { kind: 'attestMca', blocker: noMca } : { kind: 'confirm' };
}

/**
 * The next steps a blocked purchase offers: 'startTransition' for legacy Azure (rule 11: transition,
 * not a new order), 'transitionStatus' while an upgrade is pending / in progress / failed
 * (900112–900114), 'viewSubscriptions' when the plan exists. Each only when the actor's roles allow
 * the operation behind it.
 */
export type BlockerRemedy = 'startTransition' | 'transitionStatus' | 'viewSubscriptions';

const REMEDY_OPERATION: Record<BlockerRemedy, Operation> = {
  startTransition: 'transition.run',
  transitionStatus: 'transition.view',
  viewSubscriptions: 'subscriptions.view',
};

const UPGRADE_CODES: readonly string[] = Object.values(UPGRADE_BLOCK_CODES);

export function blockerRemedies(
  blocker: Pick<DomainError, 'code'>,
  allowed: (operation: Operation) => boolean,
): BlockerRemedy[] {
  const remedies: BlockerRemedy[] = [];
  if (blocker.code === 'legacy_offer_present') remedies.push('startTransition');
  if (UPGRADE_CODES.includes(blocker.code)) remedies.push('transitionStatus');
  if (blocker.code === 'plan_exists') remedies.push('viewSubscriptions');
  return remedies.filter((remedy) => allowed(REMEDY_OPERATION[remedy]));
}

/**
 * A country where the plan is not sold is not a "not yet": the blocked title says so without "yet"
 * (notAvailableIn).
 */
export function isNotSoldInCountry(blocker: Pick<DomainError, 'code'>): boolean {
  return blocker.code === 'not_available_in_country';
}
