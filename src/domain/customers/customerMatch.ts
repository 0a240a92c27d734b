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
  return matchPrepared(prepareCustomers(customers), rawQuery);
}

/** A customer with its name and domain normalized once (the name index keeps these). */
export interface PreparedCustomer {
  customer: Customer;
  name: string;
  domain: string;
  words: string[];
  label: string;
}

export function prepareCustomers(customers: readonly Customer[]): PreparedCustomer[] {
  return customers.map((customer) => {
    const domain = normalizeText(customer.domain);
    return {
      customer,
      name: normalizeText(customer.companyName),
      domain,
      words: words(customer.companyName),
      label: domain.split('.')[0] ?? '',
    };
  });
}

/** `matchCustomers` over customers prepared once (10,000 customers: no normalizing per query). */
export function matchPrepared(customers: readonly PreparedCustomer[], rawQuery: string): CustomerMatch {
  const query = normalizeText(rawQuery);
  if (query.length === 0) return { kind: 'none', query: rawQuery };
  const id = isGuid(rawQuery) ? normalizeGuid(rawQuery) : undefined;

  const tiers: Array<(c: PreparedCustomer) => boolean> = [
    (c) => (id !== undefined && c.customer.id === id) || c.domain === query || c.name === query,
    (c) =>
      c.name.startsWith(query) ||
      c.words.some((word) => word.startsWith(query)) ||
      c.domain.startsWith(query),
    (c) => c.name.includes(query) || c.domain.includes(query),
    (c) => query.length >= MIN_TYPO_QUERY_LENGTH && isOneTypoAway(c, query),
  ];

  for (const tier of tiers) {
    const hits = customers.filter(tier);
    if (hits.length === 1) return { kind: 'one', customer: hits[0]!.customer };
    if (hits.length > 1) return { kind: 'many', customers: hits.map((hit) => hit.customer) };
  }
  return { kind: 'none', query: rawQuery };
}

function isOneTypoAway(c: PreparedCustomer, query: string): boolean {
  const candidates = [
    c.name,
    // The start of the name as long as the query: "fabrkam" vs "fabrikam inc".
    c.name.slice(0, query.length),
    ...c.words,
    c.label,
  ];
  return candidates.some(
    (candidate) => mayBeOneEditApart(candidate, query) && distance(candidate, query) <= 1,
  );
}

/**
 * A cheap necessary condition for one edit: lengths within one, and either the first characters
 * agree or the edit is at the start (the rests are equal). Spares the distance for most of 10,000.
 */
function mayBeOneEditApart(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  return a[0] === b[0] || a.slice(1) === b.slice(1) || a === b.slice(1) || a.slice(1) === b;
}

function normalizeText(value: string): string {
  return value.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');
}

function words(value: string): string[] {
  return normalizeText(value)
    .split(/[\s,.()\-/&]+/)
    .filter((word) => word.length > 0);
}
