import { distance } from 'fastest-levenshtein';
import type { Customer } from './customer.js';
import { isGuid, normalizeGuid } from './guid.js';

/** Result of looking a customer up by what a user typed: one, several (ask back) or none. */
export type CustomerMatch =
  | { kind: 'one'; customer: Customer }
  | { kind: 'many'; customers: Customer[] }
  | { kind: 'none'; query: string };

/** Queries shorter than this never match by typo (too many accidental hits). */
const MIN_TYPO_QUERY_LENGTH = 4;

/**
 * Finds customers by id, domain or company name, most precise tier first:
 * 1. exact tenant id or exact domain or exact company name;
 * 2. company name / a word of it / domain starting with the query;
 * 3. company name or domain containing the query;
 * 4. one typo away from the company name, a word of it, or the domain's first label.
 * The first tier with hits decides; within it one hit is a match, several are ambiguous.
 */
export function matchCustomers(customers: readonly Customer[], rawQuery: string): CustomerMatch {
  const query = normalizeText(rawQuery);
  if (query.length === 0) return { kind: 'none', query: rawQuery };

  const tiers: Array<(customer: Customer) => boolean> = [
    (c) =>
      (isGuid(rawQuery) && c.id === normalizeGuid(rawQuery)) ||
      normalizeText(c.domain) === query ||
      normalizeText(c.companyName) === query,
    (c) =>
      normalizeText(c.companyName).startsWith(query) ||
      words(c.companyName).some((word) => word.startsWith(query)) ||
      normalizeText(c.domain).startsWith(query),
    (c) => normalizeText(c.companyName).includes(query) || normalizeText(c.domain).includes(query),
    (c) => query.length >= MIN_TYPO_QUERY_LENGTH && isOneTypoAway(c, query),
  ];

  for (const tier of tiers) {
    const hits = customers.filter(tier);
    if (hits.length === 1) return { kind: 'one', customer: hits[0] };
    if (hits.length > 1) return { kind: 'many', customers: hits };
  }
  return { kind: 'none', query: rawQuery };
}

function isOneTypoAway(customer: Customer, query: string): boolean {
  const name = normalizeText(customer.companyName);
  const candidates = [
    name,
    // The start of the name as long as the query: "fabrkam" vs "fabrikam inc".
    name.slice(0, query.length),
    ...words(customer.companyName),
    normalizeText(customer.domain).split('.')[0],
  ];
  return candidates.some((candidate) => distance(candidate, query) <= 1);
}

function normalizeText(value: string): string {
  return value.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');
}

function words(value: string): string[] {
  return normalizeText(value)
    .split(/[\s,.()\-/&]+/)
    .filter((word) => word.length > 0);
}
