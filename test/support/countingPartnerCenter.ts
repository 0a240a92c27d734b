import type { Customer } from '../../src/domain/customers/customer.js';
import type { CustomerPageRequest, PartnerCenter } from '../../src/domain/partnerCenter/port.js';

/** Partner Center calls made through a counting wrapper, by method name. */
export type CallCounts = Record<string, number>;

/** Wraps any PartnerCenter so every method call is counted (the wrapped one answers). */
export function countingPartnerCenter(
  inner: PartnerCenter,
  /** Counts into these (e.g. the attestation port counted with the Partner Center it sits beside). */
  calls: CallCounts = {},
): {
  partnerCenter: PartnerCenter;
  calls: CallCounts;
} {
  const partnerCenter = new Proxy(inner, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      return (...args: unknown[]) => {
        calls[property] = (calls[property] ?? 0) + 1;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { partnerCenter, calls };
}

export function total(calls: CallCounts): number {
  return Object.values(calls).reduce((sum, n) => sum + n, 0);
}

/**
 * An in-memory Partner Center with `count` customers for the read calls the list views make
 * (paging as Partner Center does: at most 500 a page, an opaque continuation token). Every
 * `legacyEvery`-th customer has a legacy subscription, every other one is directly signed.
 */
export function bigPartnerCenter(count: number, legacyEvery = 7): PartnerCenter {
  const customers: Customer[] = Array.from({ length: count }, (_, i) => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    companyName: `Customer ${String(i).padStart(5, '0')}`,
    domain: `customer${i}.onmicrosoft.com`,
    country: 'US',
    resellerOfRecord: null,
    relationship: 'Reseller',
  }));
  const index = (id: string) => Number.parseInt(id.slice(-12), 10);
  const fake = {
    async listIndirectResellers() {
      return [];
    },
    async listCustomers() {
      return customers.map((c) => ({ ...c }));
    },
    async listCustomersPage(request: CustomerPageRequest) {
      const start = request.continuationToken ? Number.parseInt(atob(request.continuationToken), 10) : 0;
      const end = Math.min(customers.length, start + Math.min(500, request.size));
      return {
        items: customers.slice(start, end).map((c) => ({ ...c })),
        totalCount: customers.length,
        ...(end < customers.length ? { continuationToken: btoa(String(end)) } : {}),
      };
    },
    async getCustomer(id: string) {
      return { ...customers[index(id)]! };
    },
    async getDirectSignStatus(id: string) {
      return { isSigned: index(id) % 2 === 0 };
    },
    async listMcaAgreements() {
      return [];
    },
    async listSubscriptions(id: string) {
      return index(id) % legacyEvery === 0
        ? [
            {
              id: `legacy-${id}`,
              customerId: id,
              offerId: 'MS-AZR-0145P',
              offerName: 'Microsoft Azure',
              friendlyName: 'Microsoft Azure',
              quantity: 1,
              billingCycle: 'monthly',
              status: 'active',
              creationDate: '2020-01-01T00:00:00Z',
              partnerIdOnRecord: null,
            },
          ]
        : [];
    },
    async getUpgradeEligibility() {
      return { isEligible: true, reasons: [] };
    },
  };
  return fake as unknown as PartnerCenter;
}
