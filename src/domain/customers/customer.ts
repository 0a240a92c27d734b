/**
 * A CSP customer as Partner Center returns it (`/v1/customers`), reduced to what the bot needs.
 * `id` is the customer's AAD tenant id ("Microsoft ID"), always a GUID in canonical form.
 */
export interface Customer {
  id: string;
  companyName: string;
  /** Default domain, e.g. fabrikam.onmicrosoft.com. */
  domain: string;
  /** ISO 3166-1 alpha-2 country of the customer's billing address, upper case. */
  country: string;
  /** MPN id of the indirect reseller of record (indirect model), or null for a direct customer. */
  resellerOfRecord: string | null;
  /** Reseller relationship between the partner and the customer (transition/purchase precondition). */
  relationship: CustomerRelationship;
}

export type CustomerRelationship = 'Reseller' | 'None';
