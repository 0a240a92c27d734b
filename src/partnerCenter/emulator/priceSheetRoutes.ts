import type { PriceSheetView } from '../../domain/partnerCenter/port.js';
import { partnerCenterError } from './errors.js';
import type { Route } from './routes.js';

/** Where the emulator serves https://api.partner.microsoft.com (the partner API of the price sheets). */
export const PARTNER_API_BASE = '/partnerapi';

const VIEWS: readonly PriceSheetView[] = [
  'azure_consumption',
  'azure_reservations',
  'updatedlicensebased',
  'marketplace',
  'software',
];

/** `pricesheets(Market='KR',PricesheetView='azure_consumption')` → its two keys (OData key syntax). */
export function parsePriceSheetKey(segment: string): { market: string; view: string } | undefined {
  const match = /^pricesheets\(\s*Market\s*=\s*'([^']*)'\s*,\s*PricesheetView\s*=\s*'([^']*)'\s*\)$/i.exec(
    segment,
  );
  return match ? { market: match[1], view: match[2] } : undefined;
}

/**
 * get-a-price-sheet: `GET /v1.0/sales/pricesheets(Market='{market}',PricesheetView='{view}')/$value`
 * on api.partner.microsoft.com, App+User only; the body is the sheet's bytes, streamed (the sample
 * the sandbox ships: reference/partner-center/price-sheet-sample-{view}-{MARKET}.csv.gz).
 */
export const PRICE_SHEET_ROUTES: readonly Route[] = [
  {
    operation: 'get-a-price-sheet',
    method: 'GET',
    pattern: `${PARTNER_API_BASE}/v1.0/sales/{priceSheet}/$value`,
    api: 'partnerApi',
    auth: 'user',
    effect: false,
    docUrl: 'https://learn.microsoft.com/partner-center/developer/get-a-price-sheet',
    async handle(ctx) {
      const key = parsePriceSheetKey(ctx.params.priceSheet);
      if (!key) return partnerCenterError(404, 1000, `Not found: ${ctx.params.priceSheet}`);
      if (!VIEWS.includes(key.view.toLowerCase() as PriceSheetView))
        return partnerCenterError(400, 3000, `Invalid property: PricesheetView '${key.view}'`, {
          PricesheetView: key.view,
        });
      const market = key.market.toUpperCase();
      const view = key.view.toLowerCase() as PriceSheetView;
      const stream = await ctx.partnerCenter.downloadPriceSheet(market, view);
      return {
        status: 200,
        headers: {
          'Content-Type': 'application/octet-stream',
          'Content-Disposition': `attachment; filename="pricesheet_${market}_${view}.csv.gz"`,
        },
        stream,
      };
    },
  },
];
