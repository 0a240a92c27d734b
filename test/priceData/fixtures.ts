import { fileURLToPath } from 'node:url';

/** The reference data the product ships (reference/, gzip CSV with licences and SOURCES.md). */
export const REFERENCE_DATA = fileURLToPath(new URL('../../reference/', import.meta.url));
/** Test-only price files shipped with the tests (test/fixtures/azure-price-data/, licences beside them). */
export const FIXTURE_PRICE_DATA = fileURLToPath(new URL('../fixtures/azure-price-data/', import.meta.url));
/** The small westeurope snapshot for unit tests (one .csv.gz). */
export const FIXTURE_SNAPSHOT = `${FIXTURE_PRICE_DATA}retail-prices-fixture-westeurope`;
/** Relative to the repository root, as PRICE_DATA_DIR is written in an .env. */
export const FIXTURE_SNAPSHOT_RELATIVE = 'test/fixtures/azure-price-data/retail-prices-fixture-westeurope';
/** The shipped EU snapshot (the product's default). */
export const EU_SNAPSHOT = `${REFERENCE_DATA}retail-prices-eu-2026-08-22`;
export const FINOPS_DIR = `${REFERENCE_DATA}finops-toolkit-open-data`;
export const MARKET_TABLE = `${REFERENCE_DATA}partner-center/csp_market_currencies_2021-05.csv.gz`;

export const RETAIL_CSV_HEADER =
  'snapshotAt,currencyCode,serviceName,armRegionName,productId,skuId,meterId,type,reservationTerm,productName,skuName,meterName,unitOfMeasure,retailPrice,unitPrice,savingsPlan1YearRetailPrice';

/** Real rows (hand-typed from the 2026-08-22 snapshot). */
export const D2S_V3_WESTEUROPE =
  '2026-08-22T20:59:40Z,USD,Virtual Machines,westeurope,DZH318Z0BQ50,DZH318Z0BQ50/00V9,f052e8d7-f936-4165-af21-bf7c12c22216,Consumption,,Virtual Machines DSv3 Series,D2s v3,D2s v3,1 Hour,0.12,0.12,0.0912';
