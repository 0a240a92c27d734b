/**
 * Whether a price meter can ever earn Partner Earned Credit (azure-plan.md §6, rule 20). Access-based
 * eligibility (RBAC role, whole day) is decided elsewhere; this is only about *what* is consumed.
 */
export type PecIneligibleReason = 'spot' | 'reservation' | 'thirdParty' | 'marketplace' | 'savingsPlan';

export interface MeterPecFacts {
  /** Retail API `type`: Consumption | DevTestConsumption | Reservation (or a price-sheet TermDuration). */
  type?: string;
  meterName?: string;
  skuName?: string;
  productName?: string;
  /** Price-sheet `Tags` column, e.g. "Azure", "Azure, Reservations", "Third Party". */
  tags?: string;
  /** True for items of the marketplace price list. */
  marketplace?: boolean;
  /** True when the usage is covered by a savings plan. */
  savingsPlan?: boolean;
}

export interface MeterPecEligibility {
  eligible: boolean;
  reason: PecIneligibleReason | null;
}

/**
 * `named` is what the question says the usage is ("a reserved instance", "스팟"): a price row found
 * for the VM size alone is pay-as-you-go, so the words decide when the row itself does not.
 */
export function meterPecEligibility(facts: MeterPecFacts, named?: PecIneligibleReason): MeterPecEligibility {
  const tags = (facts.tags ?? '').toLowerCase();
  const type = (facts.type ?? '').toLowerCase();
  const names = `${facts.meterName ?? ''} ${facts.skuName ?? ''}`.toLowerCase();
  if (tags.includes('third party')) return { eligible: false, reason: 'thirdParty' };
  if (facts.marketplace) return { eligible: false, reason: 'marketplace' };
  if (type === 'reservation' || tags.includes('reservations'))
    return { eligible: false, reason: 'reservation' };
  if (facts.savingsPlan) return { eligible: false, reason: 'savingsPlan' };
  if (/\bspot\b/.test(names)) return { eligible: false, reason: 'spot' };
  if (named) return { eligible: false, reason: named };
  return { eligible: true, reason: null };
}
