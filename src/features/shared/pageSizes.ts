/**
 * Items per page of each list card, chosen so the whole activity stays under Teams' 28 KB with
 * the longest names in Korean (3 bytes a character): see test/features/shared/listCardSizes.test.ts,
 * which renders every list card at 10,000 items with such names and measures it.
 */
export const CUSTOMER_PAGE_SIZE = 10;
/** Continuation tokens of earlier pages a customers page carries for "Previous". */
export const CUSTOMER_TRAIL_TOKENS = 2;
export const SUBSCRIPTION_PAGE_SIZE = 8;
/** Customers per page of a reconciliation's summary card, and rows to check per customer card. */
export const RECON_CUSTOMER_PAGE_SIZE = 10;
export const RECON_FLAGGED_PAGE_SIZE = 10;
