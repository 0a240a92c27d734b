import type { Agreement } from './agreement.js';

/** How the customer accepted the MCA, if at all (rule 8: either way satisfies the order precondition). */
export type McaAcceptance =
  { kind: 'directlySigned' } | { kind: 'attested'; latest: Agreement; count: number } | { kind: 'none' };

export function mcaAcceptance(agreements: readonly Agreement[], directlySigned: boolean): McaAcceptance {
  if (directlySigned) return { kind: 'directlySigned' };
  if (agreements.length === 0) return { kind: 'none' };
  const latest = [...agreements].sort((a, b) => b.recordedAt.localeCompare(a.recordedAt))[0];
  return { kind: 'attested', latest, count: agreements.length };
}

export function hasAcceptedMca(agreements: readonly Agreement[], directlySigned: boolean): boolean {
  return mcaAcceptance(agreements, directlySigned).kind !== 'none';
}
