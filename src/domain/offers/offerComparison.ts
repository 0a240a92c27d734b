/**
 * The two offer comparison tables of azure-plan.md §8 as data. Cells hold value ids, not text: the
 * card builder turns `row`, `column` and `value` ids into localized messages.
 */
export interface ComparisonRow {
  id: string;
  /** Value id per column id, in column order. */
  values: readonly string[];
}

export interface OfferComparisonTable {
  id: 'legacyVsPlan' | 'newCommerce';
  columns: readonly string[];
  rows: readonly ComparisonRow[];
  source: string;
  /** Date (or period) of the sources. */
  asOf: string;
  /** True where the table is assembled from separate facts (marked [inferred] in the notes). */
  inferred: boolean;
}

/** B) Legacy Microsoft Azure (MS-AZR-0145P) vs Azure plan — assembled from documented facts, §§2–7. */
export const LEGACY_VS_AZURE_PLAN: OfferComparisonTable = {
  id: 'legacyVsPlan',
  columns: ['legacy', 'azurePlan'],
  rows: [
    { id: 'agreement', values: ['mcaThenAttest', 'mcaAlways'] },
    { id: 'orders', values: ['orderPerSubscription', 'onePlanManySubscriptions'] },
    { id: 'pricing', values: ['legacyPricing', 'planPricing'] },
    { id: 'billingPeriod', values: ['anniversaryPeriod', 'calendarMonth'] },
    { id: 'currency', values: ['partnerCurrency', 'localCurrencyFx'] },
    { id: 'usageData', values: ['utilizationApi', 'dailyRatedUsage'] },
    { id: 'reservations', values: ['reservationsOn0145p', 'reservationsUnderPlan'] },
    { id: 'accessDependency', values: ['no', 'yesRbac'] },
    { id: 'availability', values: ['closed2021', 'defaultOffer'] },
  ],
  source:
    'Partner Center docs (azure-plan-lp, azure-plan-billing, billing-basics, partner-earned-credit, azure-plan-transition; 2020–2021); rhipe, getatria (2020–2021)',
  asOf: '2020-07 – 2021-07',
  inferred: true,
};

/** A) New-commerce offers side by side, as documented (compare-azure-offers.md, 2019–2020). */
export const NEW_COMMERCE_OFFERS: OfferComparisonTable = {
  id: 'newCommerce',
  columns: ['azurePlan', 'marketplace', 'reservations', 'serverSubscriptions', 'licenseBased'],
  rows: [
    {
      id: 'billing',
      values: ['monthly', 'varies', 'upfrontOrMonthlyLater', 'upfrontFullTerm', 'monthlyOrAnnual'],
    },
    { id: 'licensee', values: ['endCustomer', 'varies', 'endCustomer', 'endCustomer', 'endCustomer'] },
    { id: 'term', values: ['untilCancelled', 'varies', 'seeOffer', 'ownTerm', 'coTerminate'] },
    { id: 'autoRenew', values: ['yes', 'yes', 'no', 'no', 'yes'] },
    { id: 'currency', values: ['customerCurrency2020', 'same', 'same', 'same', 'partnerCurrency'] },
    {
      id: 'invoice',
      values: [
        'planInvoice',
        'perCustomerCurrency',
        'perCustomerCurrency',
        'perCustomerCurrency',
        'oneInvoice',
      ],
    },
    {
      id: 'priceList',
      values: ['monthlyUsd', 'realtimeCsv', 'singleFileDetails', 'singleFile', 'separateMatrix'],
    },
    {
      id: 'returns',
      values: ['notApplicable', 'varies', 'reservationReturns', 'serverReturns', 'licenseReturns'],
    },
    {
      id: 'geo',
      values: ['countries139', 'countryMatrix', 'countryMatrix', 'countryMatrix', 'countries247'],
    },
    {
      id: 'support',
      values: ['standardCsp', 'publisherSupport', 'standardCsp', 'standardCsp', 'standardCsp'],
    },
  ],
  source: 'Partner Center "Compare Azure offers" (compare-azure-offers.md, 2019–2020)',
  asOf: '2019 – 2020',
  inferred: false,
};

export const OFFER_COMPARISONS: readonly OfferComparisonTable[] = [LEGACY_VS_AZURE_PLAN, NEW_COMMERCE_OFFERS];

export function comparisonTable(id: OfferComparisonTable['id']): OfferComparisonTable {
  return id === 'legacyVsPlan' ? LEGACY_VS_AZURE_PLAN : NEW_COMMERCE_OFFERS;
}

/** Every value id used, for a test that the catalog translates each one. */
export function allValueIds(): string[] {
  return [...new Set(OFFER_COMPARISONS.flatMap((table) => table.rows.flatMap((row) => row.values)))].sort();
}
