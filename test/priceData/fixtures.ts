import { fileURLToPath } from 'node:url';

/** Shared price data, read in place (never copied into the repository). */
export const SHARED_PRICE_DATA = fileURLToPath(new URL('../../../shared/azure-price-data/', import.meta.url));
export const FIXTURE_SNAPSHOT = `${SHARED_PRICE_DATA}retail-prices-fixture-westeurope`;
export const EU_SNAPSHOT = `${SHARED_PRICE_DATA}retail-prices-eu-2026-08-22`;
export const FINOPS_DIR = `${SHARED_PRICE_DATA}finops-toolkit-open-data`;

export const RETAIL_CSV_HEADER =
  'snapshotAt,currencyCode,serviceName,armRegionName,productId,skuId,meterId,type,reservationTerm,productName,skuName,meterName,unitOfMeasure,retailPrice,unitPrice,savingsPlan1YearRetailPrice';

/** Real rows (hand-typed from the 2026-08-22 snapshot). */
export const D2S_V3_WESTEUROPE =
  '2026-08-22T20:59:40Z,USD,Virtual Machines,westeurope,DZH318Z0BQ50,DZH318Z0BQ50/00V9,f052e8d7-f936-4165-af21-bf7c12c22216,Consumption,,Virtual Machines DSv3 Series,D2s v3,D2s v3,1 Hour,0.12,0.12,0.0912';
