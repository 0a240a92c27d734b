import type { DomainError } from '../errors.js';

/**
 * What is wrong with the reseller of record an indirect provider named for a purchase (rule 12,
 * azure-plan.md §3): 'required' (left empty), 'invalidMpnId' (not an MPN / Partner ID), 'unknown'
 * (800016: not a reseller the provider works with), 'hasPlan' (that reseller already has the
 * customer's plan while other resellers could still get one).
 */
export type ResellerOfRecordProblem = 'required' | 'invalidMpnId' | 'unknown' | 'hasPlan';

/**
 * Reads an error as a reseller-of-record problem — one the user fixes at the reseller field of the
 * confirmation card — or null when it is not (it then stops the purchase). A plan that exists for
 * the named reseller is such a problem only while other resellers can still get a plan for the
 * customer (one plan per reseller of record).
 */
export function resellerOfRecordProblem(
  error: Pick<DomainError, 'code' | 'params'>,
): ResellerOfRecordProblem | null {
  if (error.code === '800016') return 'unknown';
  if (error.code === 'plan_exists') return otherResellers(error).length > 0 ? 'hasPlan' : null;
  if (error.code === 'validation' && String(error.params.fields) === 'resellerMpnId') {
    const reasons = error.params.reasons;
    const reason = String(Array.isArray(reasons) ? reasons[0] : (reasons ?? '')).split(':')[1];
    return reason === 'invalidMpnId' ? 'invalidMpnId' : 'required';
  }
  return null;
}

/** True when the error is answered at the reseller field instead of stopping the purchase. */
export function isResellerOfRecordProblem(error: Pick<DomainError, 'code' | 'params'>): boolean {
  return resellerOfRecordProblem(error) !== null;
}

function otherResellers(error: Pick<DomainError, 'params'>): readonly string[] {
  // A dialog keeps the error in its state with params flattened to strings ("a,b").
  const ids = error.params.otherResellerMpnIds;
  if (typeof ids === 'string') return ids.split(',').filter((id) => id !== '');
  return Array.isArray(ids) ? ids : [];
}
