/**
 * The customer lookup as it was before CustomerSearch (src/domain/customers/customerSearch.ts):
 * the same four tiers as plain passes over every prepared customer. Kept verbatim as the
 * reference the search structure must agree with (test/domain/customers/customerSearch.test.ts).
 */
import { distance } from 'fastest-levenshtein';
import type { CustomerMatch, PreparedCustomer } from '../../src/domain/customers/customerMatch.js';
import { isGuid, normalizeGuid } from '../../src/domain/customers/guid.js';

/** Queries shorter than this never match by typo (too many accidental hits). */
const MIN_TYPO_QUERY_LENGTH = 4;

/** The straightforward lookup: every tier a pass over every customer. */
export function referenceMatch(customers: readonly PreparedCustomer[], rawQuery: string): CustomerMatch {
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
