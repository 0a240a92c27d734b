import type { Clock } from '../../domain/clock.js';
import type { PartnerCenter, PriceSheetView } from '../../domain/partnerCenter/port.js';
import type { PriceService } from '../priceService.js';
import { importPriceSheetStream, type PriceSheetImportReport } from './streamImport.js';

/**
 * Downloads the partner's price sheet through the PartnerCenter port (App+User) and makes it the
 * first source of price answers. A sheet that does not import keeps the prices in use.
 */
export class PriceSheetImporter {
  constructor(
    private readonly prices: PriceService,
    private readonly partnerCenter: Pick<PartnerCenter, 'downloadPriceSheet'>,
    private readonly clock: Clock,
  ) {}

  async import(market: string, view: PriceSheetView = 'azure_consumption'): Promise<PriceSheetImportReport> {
    const upper = market.toUpperCase();
    const stream = await this.partnerCenter.downloadPriceSheet(upper, view);
    const { catalog, report } = await importPriceSheetStream(stream, {
      name: `pricesheets(Market='${upper}',PricesheetView='${view}')`,
      regionOf: (text) => this.prices.regionIdOf(text),
      source: `Partner Center price sheet ${upper} ${view}`,
      downloadedAt: this.clock.now().toISOString(),
    });
    if (catalog) this.prices.usePartnerSheet({ catalog, market: report.market ?? upper, view });
    return report;
  }
}
