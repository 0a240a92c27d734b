import type { PriceService } from './priceService.js';

/** The price facts of GET /healthz: rows, snapshot date, age in days and whether it is stale. */
export function priceHealth(prices: PriceService): Record<string, unknown> | null {
  const info = prices.snapshotInfo();
  const freshness = prices.freshness();
  if (!info || !freshness) return null;
  const sheet = prices.partnerSheet();
  return {
    rows: info.rowCount,
    takenAt: info.takenAt,
    ageDays: freshness.ageDays,
    maxAgeDays: freshness.maxAgeDays,
    stale: freshness.stale,
    regions: info.regions,
    partnerSheet: sheet
      ? {
          market: sheet.market,
          view: sheet.view,
          rows: sheet.catalog.rowCount,
          takenAt: sheet.catalog.meta.takenAt,
        }
      : null,
  };
}
