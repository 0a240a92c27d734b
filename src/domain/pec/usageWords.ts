import type { PecIneligibleReason } from './meterEligibility.js';

/**
 * Words that name usage which never earns PEC (azure-plan.md §6 "Ineligible services": Azure plan
 * reservations, products tagged "Third Party", marketplace products, Spot VMs, savings plans), in
 * English and in the Korean the Azure portal and partners use. Checked in this order, so "a
 * marketplace third-party image" is reported as third party, as the price list tags it.
 */
const EXCLUDED_USAGE_WORDS: ReadonlyArray<readonly [PecIneligibleReason, RegExp]> = [
  ['thirdParty', /\b(?:third|3rd)[\s-]*party\b|타사|서드\s*파티|써드\s*파티|제\s*3\s*자/i],
  ['marketplace', /\bmarket[\s-]*place\b|마켓\s*플레이스/i],
  ['savingsPlan', /\bsavings?[\s-]*plans?\b|절약\s*플랜|절감\s*플랜|저축\s*플랜|세이빙스?\s*플랜/i],
  ['reservation', /\breserv(?:ations?|ed)\b|예약|리저브드|리저베이션/i],
  // "RI" only in capitals: "ri" is too common inside other words' abbreviations.
  ['reservation', /\bRIs?\b/],
  ['spot', /\bspot\b|스팟|스폿/i],
];

/** The first kind of never-eligible usage the question names, or undefined when it names none. */
export function excludedUsageInWords(text: string): PecIneligibleReason | undefined {
  for (const [reason, pattern] of EXCLUDED_USAGE_WORDS) if (pattern.test(text)) return reason;
  return undefined;
}
