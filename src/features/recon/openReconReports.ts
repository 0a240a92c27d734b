import { randomUUID } from 'node:crypto';
import { systemClock, type Clock } from '../../domain/clock.js';
import type { ReconReport } from './reconReport.js';
import { dropOldest } from '../../domain/boundedMap.js';

/** A reconciled report kept open so its cards can page: the aggregates, never the file's rows. */
export interface OpenReconReport {
  readonly id: string;
  /** The user who uploaded the file (tenant and AAD object id): only they can page it. */
  readonly owner: string;
  readonly report: ReconReport;
  readonly fileName: string;
  readonly synthetic: boolean;
  readonly openedAt: number;
}

export interface OpenReconReportsLimits {
  /** Reports kept at once (least recently opened out first). */
  readonly maxReports: number;
  /** How long a report stays open after it was imported. */
  readonly ttlMs: number;
}

/** Ten reports for eight hours: a working day of reconciling, bounded whatever the partner uploads. */
export const DEFAULT_OPEN_RECON_LIMITS: OpenReconReportsLimits = {
  maxReports: 10,
  ttlMs: 8 * 60 * 60 * 1000,
};

/**
 * The reports whose cards can still turn a page ("Next" over the customers of a report, over one
 * customer's rows to check). The card carries only the report's id, the page and the customer; the
 * report stays here, in this process's memory: a restart, the time limit or newer uploads close it,
 * and a button of a closed report says so ("upload the file again"). Per bot, not per module.
 */
export class OpenReconReports {
  private readonly reports = new Map<string, OpenReconReport>();

  constructor(
    private readonly clock: Clock = systemClock,
    private readonly limits: OpenReconReportsLimits = DEFAULT_OPEN_RECON_LIMITS,
  ) {}

  /** Keeps the report open and returns its id (what the cards carry). */
  open(owner: string, report: ReconReport, fileName: string, synthetic: boolean): string {
    this.prune();
    const id = randomUUID();
    this.reports.set(id, { id, owner, report, fileName, synthetic, openedAt: this.clock.now().getTime() });
    dropOldest(this.reports, this.limits.maxReports);
    return id;
  }

  /**
   * The open report with this id, for this owner; undefined when it is unknown, expired, or
   * belongs to someone else (card data can be forged: the id is checked, not trusted).
   */
  get(id: unknown, owner: string): OpenReconReport | undefined {
    this.prune();
    if (typeof id !== 'string' || id === '') return undefined;
    const found = this.reports.get(id);
    return found && found.owner === owner ? found : undefined;
  }

  get size(): number {
    return this.reports.size;
  }

  private prune(): void {
    const now = this.clock.now().getTime();
    for (const [id, entry] of this.reports)
      if (now - entry.openedAt >= this.limits.ttlMs) this.reports.delete(id);
  }
}
