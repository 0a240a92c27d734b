import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../../domain/clock.js';
import type { PartnerCenter, PriceSheetView } from '../../domain/partnerCenter/port.js';
import type { PriceService } from '../priceService.js';
import { importPriceSheetStream, type PriceSheetImportReport } from './streamImport.js';

const SAVED = /^price-sheet-([A-Z]{2})-([a-z_]+)\.bin$/;

/**
 * Downloads the partner's price sheet through the PartnerCenter port (App+User) and makes it the
 * first source of price answers. A sheet that does not import keeps the prices in use. With a
 * `saveDir` the downloaded bytes are kept (written while they are imported, renamed into place
 * only when the import succeeded), so `restore()` answers from the same sheet after a restart.
 */
export class PriceSheetImporter {
  constructor(
    private readonly prices: PriceService,
    private readonly partnerCenter: Pick<PartnerCenter, 'downloadPriceSheet'>,
    private readonly clock: Clock,
    private readonly saveDir: string | null = null,
  ) {}

  async import(market: string, view: PriceSheetView = 'azure_consumption'): Promise<PriceSheetImportReport> {
    const upper = market.toUpperCase();
    const stream = await this.partnerCenter.downloadPriceSheet(upper, view);
    const final = this.saveDir ? join(this.saveDir, `price-sheet-${upper}-${view}.bin`) : null;
    const temp = final ? `${final}.tmp` : null;
    if (this.saveDir) mkdirSync(this.saveDir, { recursive: true });
    const out = temp ? createWriteStream(temp) : null;
    async function* teed(): AsyncGenerator<Uint8Array> {
      for await (const chunk of stream) {
        if (out && !out.write(chunk))
          await new Promise<void>((resolve) => out.once('drain', () => resolve()));
        yield chunk;
      }
    }
    const report = await this.load(teed(), upper, view);
    if (out) await new Promise<void>((resolve) => out.end(() => resolve()));
    if (temp && final) {
      if (report.ok) renameSync(temp, final);
      else rmSync(temp, { force: true });
    }
    return report;
  }

  /** Loads the sheet saved by the last successful import, if any (at start-up). */
  async restore(): Promise<PriceSheetImportReport | null> {
    if (!this.saveDir || !existsSync(this.saveDir)) return null;
    const saved = readdirSync(this.saveDir)
      .filter((name) => SAVED.test(name))
      .sort();
    const name = saved.at(-1);
    if (!name) return null;
    const [, market, view] = SAVED.exec(name)!;
    return this.load(createReadStream(join(this.saveDir, name)), market, view as PriceSheetView);
  }

  private async load(
    stream: AsyncIterable<Uint8Array>,
    market: string,
    view: PriceSheetView,
  ): Promise<PriceSheetImportReport> {
    const { catalog, report } = await importPriceSheetStream(stream, {
      name: `pricesheets(Market='${market}',PricesheetView='${view}')`,
      regionOf: (text) => this.prices.regionIdOf(text),
      source: `Partner Center price sheet ${market} ${view}`,
      downloadedAt: this.clock.now().toISOString(),
    });
    if (catalog) this.prices.usePartnerSheet({ catalog, market: report.market ?? market, view });
    return report;
  }
}
