import { answerQuestion } from '../domain/prices/answerQuestion.js';
import { snapshotInfoOf } from '../domain/prices/answerQuestion.js';
import type { PriceCatalog } from '../domain/prices/catalog.js';
import { systemClock, type Clock } from '../domain/clock.js';
import { FxTable, type FxRate } from '../domain/prices/fx.js';
import type { PriceAnswer, SnapshotInfo } from '../domain/prices/priceAnswer.js';
import type { PriceRow } from '../domain/prices/priceRow.js';
import { KOREAN_REGION_NAMES, RegionResolver, type RegionAlias } from '../domain/prices/regions.js';
import { UnitTable, type PricingUnit } from '../domain/prices/units.js';
import type { Locale } from '../i18n/locale.js';
import { findDataFile, readTextFileSync } from './compressedFiles.js';
import { importPricingUnitsCsv, importRegionsCsv } from './finopsImport.js';
import { importFxRatesCsv } from './fxRatesImport.js';
import type { ImportReport } from './importReport.js';
import type { PricePaths } from './pricePaths.js';
import { loadSnapshotFolder, type SnapshotLoadReport } from './snapshotLoader.js';

export interface PriceServiceLogger {
  info(object: object, message?: string): void;
  warn(object: object, message?: string): void;
}

export interface PriceServiceOptions {
  readonly paths: PricePaths;
  readonly clock?: Clock;
  readonly logger?: PriceServiceLogger;
}

/** One entry of a message-extension search: a full answer. */
export type PriceSearchHit = Extract<PriceAnswer, { kind: 'answer' }>;

const silentLogger: PriceServiceLogger = { info: () => undefined, warn: () => undefined };

/**
 * The price engine's facade: created once at start-up, `load()`ed, then asked questions. A failed
 * (re)load keeps the snapshot that was active; with no snapshot at all `ask` answers `noSnapshot`.
 */
export class PriceService {
  private catalog: PriceCatalog | null = null;
  private regions: RegionResolver = new RegionResolver(KOREAN_REGION_NAMES);
  private regionAliases: readonly RegionAlias[] = [];
  /** The snapshot info of the current catalog and regions (built once, not per question). */
  private keptInfo: { catalog: PriceCatalog; regions: RegionResolver; info: SnapshotInfo } | null = null;
  private units = new UnitTable();
  private fx = new FxTable([]);
  private readonly clock: Clock;
  private readonly logger: PriceServiceLogger;

  constructor(private readonly options: PriceServiceOptions) {
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? silentLogger;
  }

  /** Loads FinOps lookups, the FX table (when configured) and the snapshot. */
  load(): { snapshot: SnapshotLoadReport | null; fx: ImportReport<FxRate> | null } {
    this.loadFinops();
    const fx = this.options.paths.fxFile ? this.loadFxRates(this.options.paths.fxFile) : null;
    const snapshot = this.options.paths.snapshotDir
      ? this.reloadSnapshot(this.options.paths.snapshotDir)
      : null;
    if (!snapshot) this.logger.warn({}, 'no price snapshot: run npm run prices:fetch');
    return { snapshot, fx };
  }

  /** Replaces the active snapshot with `dir`; on failure the previous snapshot stays active. */
  reloadSnapshot(dir: string): SnapshotLoadReport {
    const { catalog, report } = loadSnapshotFolder(dir, this.options.paths.cacheDir ?? null);
    if (catalog) {
      this.catalog = catalog;
      this.rebuildRegions();
      this.logger.info(
        {
          location: dir,
          rows: report.accepted,
          skipped: report.skipped,
          ms: Math.round(report.millis),
          fromCache: report.fromCache,
        },
        'price snapshot loaded',
      );
    } else {
      this.logger.warn(
        { location: dir, fatal: report.fatal, issues: report.issues.slice(0, 5) },
        'price snapshot not loaded; keeping the previous one',
      );
    }
    return report;
  }

  /** Replaces the catalog directly (tests, benchmarks, a catalog built elsewhere). */
  useCatalog(catalog: PriceCatalog): void {
    this.catalog = catalog;
    this.rebuildRegions();
  }

  /** Loads a monthly FX CSV; a failed import keeps the previous FX table. */
  loadFxRates(file: string): ImportReport<FxRate> {
    let text: string;
    try {
      text = readTextFileSync(file);
    } catch (error) {
      const report: ImportReport<FxRate> = {
        ok: false,
        rows: [],
        accepted: 0,
        skipped: 0,
        issues: [],
        fatal: `${file}: ${(error as Error).message}`,
      };
      this.logger.warn({ file, fatal: report.fatal }, 'FX rates not loaded');
      return report;
    }
    const report = importFxRatesCsv(file, text);
    if (report.ok) this.fx = new FxTable(report.rows);
    else this.logger.warn({ file, fatal: report.fatal }, 'FX rates not loaded; keeping the previous table');
    return report;
  }

  snapshotInfo(): SnapshotInfo | null {
    if (!this.catalog) return null;
    const kept = this.keptInfo;
    if (kept && kept.catalog === this.catalog && kept.regions === this.regions) return kept.info;
    const info = snapshotInfoOf(this.catalog, this.regions);
    this.keptInfo = { catalog: this.catalog, regions: this.regions, info };
    return info;
  }

  fxMonths(): string[] {
    return this.fx.months();
  }

  /** Structured lookup by row key (skuId|meterId|type|tierMinimumUnits|reservationTerm). */
  lookup(key: string, at?: Date): PriceRow | null {
    return this.catalog?.get(key, at) ?? null;
  }

  ask(question: string, _locale: Locale): PriceAnswer {
    if (!this.catalog) return { kind: 'noSnapshot' };
    return answerQuestion(question, {
      catalog: this.catalog,
      regions: this.regions,
      units: this.units,
      fx: this.fx,
      now: this.clock.now(),
      snapshot: this.snapshotInfo() ?? undefined,
    });
  }

  /**
   * A handful of answers for a message-extension search: the answer itself, or an answer for each
   * of the top choices (every region of the snapshot when the query names none).
   */
  search(query: string, limit = 5): PriceSearchHit[] {
    const first = this.ask(query, 'en-US');
    if (first.kind === 'answer') return [first];
    if (first.kind === 'noSnapshot') return [];
    const followUps = first.kind === 'choices' ? first.choices : first.suggestions;
    const hits: PriceSearchHit[] = [];
    for (const choice of followUps) {
      if (hits.length >= limit) break;
      const answer = this.ask(choice.question, 'en-US');
      if (answer.kind === 'answer') hits.push(answer);
      else if (answer.kind === 'choices') {
        for (const nested of answer.choices) {
          if (hits.length >= limit) break;
          const inner = this.ask(nested.question, 'en-US');
          if (inner.kind === 'answer') hits.push(inner);
        }
      }
    }
    return hits;
  }

  private loadFinops(): void {
    const dir = this.options.paths.finopsDir;
    if (!dir) return;
    const unitsFile = findDataFile(dir, 'PricingUnits.csv');
    if (unitsFile) {
      const report = importPricingUnitsCsv(unitsFile, readTextFileSync(unitsFile));
      if (report.ok) this.units = new UnitTable(report.rows as PricingUnit[]);
    }
    const regionsFile = findDataFile(dir, 'Regions.csv');
    if (regionsFile) {
      const report = importRegionsCsv(regionsFile, readTextFileSync(regionsFile));
      if (report.ok) this.regionAliases = report.rows;
    }
    this.rebuildRegions();
  }

  /** Aliases from Regions.csv, Korean names, and every region id of the snapshot (its own ARM name). */
  private rebuildRegions(): void {
    const fromCatalog: RegionAlias[] = (this.catalog?.regions() ?? []).map((id) => {
      const known = this.regionAliases.find((alias) => alias.regionId === id);
      return { alias: id, regionId: id, displayName: known?.displayName ?? id };
    });
    const displayNames: RegionAlias[] = [];
    const seen = new Set<string>();
    for (const alias of this.regionAliases) {
      if (seen.has(alias.regionId)) continue;
      seen.add(alias.regionId);
      displayNames.push({
        alias: alias.displayName,
        regionId: alias.regionId,
        displayName: alias.displayName,
      });
    }
    this.regions = new RegionResolver([
      ...displayNames,
      ...this.regionAliases,
      ...fromCatalog,
      ...KOREAN_REGION_NAMES,
    ]);
  }
}
