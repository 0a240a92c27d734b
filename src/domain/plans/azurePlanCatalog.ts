/**
 * The Azure plan catalog item (azure-plan.md §3). Product and SKU are fixed; the availability id
 * differs per market and is always looked up for the customer's country (never hard-coded).
 */
export const AZURE_PLAN_PRODUCT_ID = 'DZH318Z0BPS6';
export const AZURE_PLAN_SKU_ID = '0001';
export const AZURE_PLAN_TITLE = 'Microsoft Azure plan';
export const AZURE_PLAN_BILLING_CYCLE = 'one_time';
export const AZURE_PLAN_QUANTITY = 1;

/** Legacy CSP Azure offer (MS-AZR-0145P). */
export const LEGACY_AZURE_OFFER_ID = 'MS-AZR-0145P';
export const LEGACY_AZURE_PRODUCT_ID = '9DEA7946-EC2C-441E-9FFD-E3B275F7E838';

/** The Azure plan as sold in one country: what goes into the cart. */
export interface AzurePlanAvailability {
  productId: string;
  skuId: string;
  availabilityId: string;
  /** `{productId}:{skuId}:{availabilityId}`. */
  catalogItemId: string;
  country: string;
}

export function catalogItemId(productId: string, skuId: string, availabilityId: string): string {
  return `${productId}:${skuId}:${availabilityId}`;
}

/** Availability for a country from catalog data (country → availability id); undefined if not offered. */
export function azurePlanAvailabilityFor(
  availabilityByCountry: Readonly<Record<string, string>>,
  country: string,
): AzurePlanAvailability | undefined {
  const code = country.toUpperCase();
  const availabilityId = availabilityByCountry[code];
  if (!availabilityId) return undefined;
  return {
    productId: AZURE_PLAN_PRODUCT_ID,
    skuId: AZURE_PLAN_SKU_ID,
    availabilityId,
    catalogItemId: catalogItemId(AZURE_PLAN_PRODUCT_ID, AZURE_PLAN_SKU_ID, availabilityId),
    country: code,
  };
}
