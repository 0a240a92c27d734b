import { answerQuestion } from '../domain/prices/answerQuestion.js';
import { AnswerCache } from './answerCache.js';
import { rankRegions, type RegionRanking } from '../domain/prices/cheapestRegion.js';
import { estimateLines, splitEstimateLines, type Estimate } from '../domain/prices/estimate.js';
import { snapshotInfoOf } from '../domain/prices/answerQuestion.js';
import type { PriceCatalog } from '../domain/prices/catalog.js';
import { systemClock, type Clock } from '../domain/clock.js';
import { FxTable, type FxRate } from '../domain/prices/fx.js';
import type { PriceAnswer, PriceOrigin, SnapshotInfo } from '../domain/prices/priceAnswer.js';
import {
  DEFAULT_SNAPSHOT_MAX_AGE_DAYS,
  snapshotFreshness,
  type SnapshotFreshness,
} from '../domain/prices/freshness.js';
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
  /** PRICE_SNAPSHOT_MAX_AGE_DAYS: an older snapshot is flagged in answers and /healthz. */
  readonly maxAgeDays?: number;
}

/** The partner's own Partner Center price sheet, when one was imported. */
export interface PartnerSheet {
  readonly catalog: PriceCatalog;
  readonly market: string;
  readonly view: string;
}

/** Called after a new snapshot became active (not after a refused one). */
export type SnapshotListener = (previous: PriceCatalog | null, next: PriceCatalog) => void | Promise<void>;

/** Options of a snapshot reload. */
export interface ReloadOptions {
  /**
   * Refuse the new snapshot when any of its files could not be read or has a fatal problem (a
   * replaced snapshot must be whole; at start-up a partial one is better than none).
   */
  readonly strict?: boolean;
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
  private readonly maxAgeDays: number;
  private sheet: PartnerSheet | null = null;
  private sheetInfo: { sheet: PartnerSheet; regions: RegionResolver; info: SnapshotInfo } | null = null;
  private readonly listeners: SnapshotListener[] = [];
  private readonly answers = new AnswerCache<PriceAnswer>();

  constructor(private readonly options: PriceServiceOptions) {
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? silentLogger;
    this.maxAgeDays = options.maxAgeDays ?? DEFAULT_SNAPSHOT_MAX_AGE_DAYS;
  }

  /** Registers a listener for snapshot changes (the price-change watch). */
  onSnapshotChanged(listener: SnapshotListener): void {
    this.listeners.push(listener);
  }

  /** The active public snapshot's catalog (null before one loaded). */
  activeCatalog(): PriceCatalog | null {
    return this.catalog;
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
  reloadSnapshot(dir: string, options: ReloadOptions = {}): SnapshotLoadReport {
    const loaded = loadSnapshotFolder(dir, this.options.paths.cacheDir ?? null);
    const refused = options.strict === true && loaded.catalog !== null && loaded.report.fatal !== null;
    const catalog = refused ? null : loaded.catalog;
    const report: SnapshotLoadReport = refused ? { ...loaded.report, ok: false } : loaded.report;
    if (catalog) {
      const previous = this.catalog;
      // One assignment: a question asked while the new files were read is answered from the old table.
      this.catalog = catalog;
      this.rebuildRegions();
      for (const listener of this.listeners) {
        void Promise.resolve()
          .then(() => listener(previous, catalog))
          .catch((error: unknown) => this.logger.warn({ err: error }, 'snapshot listener failed'));
      }
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

  /** Makes an imported Partner Center price sheet answer first (null: back to public prices only). */
  usePartnerSheet(sheet: PartnerSheet | null): void {
    this.sheet = sheet;
  }

  /** The ARM region id a text names ("EU West" → westeurope), or null. */
  regionIdOf(text: string): string | null {
    const found = this.regions.resolve(text);
    return found.kind === 'found' ? found.region.regionId : null;
  }

  partnerSheet(): PartnerSheet | null {
    return this.sheet;
  }

  /** Age of the active public snapshot against PRICE_SNAPSHOT_MAX_AGE_DAYS (null: none loaded). */
  freshness(): SnapshotFreshness | null {
    if (!this.catalog) return null;
    return snapshotFreshness(this.catalog.meta.takenAt, this.clock.now(), this.maxAgeDays);
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
    const info: SnapshotInfo = { ...snapshotInfoOf(this.catalog, this.regions), origin: { kind: 'retail' } };
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

  /**
   * Answers from the partner's price sheet when one is imported and it has the price; otherwise from
   * the public snapshot. Every answer carries its origin and the age of the prices it used.
   */
  ask(question: string, _locale: Locale): PriceAnswer {
    return this.answers.get(
      question,
      [this.sheet, this.catalog, this.regions, this.units, this.fx],
      this.clock.now(),
      () => this.answer(question),
    );
  }

  private answer(question: string): PriceAnswer {
    const sheet = this.sheet;
    if (sheet) {
      const fromSheet = this.askCatalog(question, sheet.catalog, this.sheetSnapshotInfo(sheet));
      if (fromSheet.kind === 'answer' || !this.catalog) return fromSheet;
    }
    if (!this.catalog) return { kind: 'noSnapshot' };
    return this.askCatalog(question, this.catalog, this.snapshotInfo()!);
  }

  /** A question answered from one catalog only (the public snapshot unless `catalog` says otherwise). */
  askCatalog(question: string, catalog: PriceCatalog, info: SnapshotInfo): PriceAnswer {
    const now = this.clock.now();
    return answerQuestion(question, {
      catalog,
      regions: this.regions,
      units: this.units,
      fx: this.fx,
      now,
      snapshot: { ...info, freshness: snapshotFreshness(info.takenAt, now, this.maxAgeDays) },
    });
  }

  private sheetSnapshotInfo(sheet: PartnerSheet): SnapshotInfo {
    const kept = this.sheetInfo;
    if (kept && kept.sheet === sheet && kept.regions === this.regions) return kept.info;
    const origin: PriceOrigin = { kind: 'partnerSheet', market: sheet.market, view: sheet.view };
    const info = { ...snapshotInfoOf(sheet.catalog, this.regions), origin };
    this.sheetInfo = { sheet, regions: this.regions, info };
    return info;
  }

  /** Several lines priced in one answer ("10 × D4s v5 730h + 2 TB P30 in west europe, Owner all month"). */
  estimate(text: string): Estimate | null {
    const lines = splitEstimateLines(text);
    if (!lines || !this.catalog) return null;
    const month = this.clock.now().toISOString().slice(0, 7);
    return estimateLines(
      text,
      lines,
      month,
      (q) => this.ask(q, 'en-US'),
      (q) => {
        const found = this.regions.resolve(q);
        return found.kind === 'found' ? found.region.matched : null;
      },
    );
  }

  /** "Cheapest region for D4s v5 windows": every region of the snapshot ranked by that price. */
  rankRegions(question: string): RegionRanking | null {
    if (!this.catalog) return null;
    return rankRegions(question, this.catalog.regions(), (q) => this.ask(q, 'en-US'));
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
