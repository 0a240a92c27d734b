import type { Customer } from './customer.js';
import { CustomerSearch, nameWords, normalizeText } from './customerSearch.js';

/** Result of looking a customer up by what a user typed: one, several (ask back) or none. */
export type CustomerMatch =
  | { kind: 'one'; customer: Customer }
  | { kind: 'many'; customers: Customer[] }
  | { kind: 'none'; query: string };

/**
 * Finds customers by id, domain or company name, most precise tier first:
 * 1. exact tenant id or exact domain or exact company name;
 * 2. company name / a word of it / domain starting with the query;
 * 3. company name or domain containing the query;
 * 4. one typo away from the company name, a word of it, or the domain's first label, or the start
 *    of the name as long as the query one character off ("fabrkam" vs "fabrikam inc").
 * The first tier with hits decides; within it one hit is a match, several are ambiguous (in the
 * list's order). Many lookups over one list: build a `CustomerSearch` once (the name index does).
 */
export function matchCustomers(customers: readonly Customer[], rawQuery: string): CustomerMatch {
  return new CustomerSearch(prepareCustomers(customers)).match(rawQuery);
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
      words: nameWords(customer.companyName),
      label: domain.split('.')[0] ?? '',
    };
  });
}
