import { Decimal } from 'decimal.js';
import { floorToCents } from '../../domain/billing/rounding.js';
import type { ReconFlagKind, ReconRowChecker } from './reconRowChecker.js';
import type { ReconRow } from './reconRow.js';
import type { ReconImportResult } from './reconImporter.js';

export interface ResourceLoss {
  resourceUri: string;
  subscriptionId: string;
  resourceGroup: string;
  /** UTC days (YYYY-MM-DD, sorted) on which the resource's usage earned no PEC. */
  days: string[];
  /** Lost credit, pricing currency (USD), floored to cents. */
  lost: Decimal;
  lostBilling: Decimal;
}

export interface FlaggedRow {
  line: number;
  kind: ReconFlagKind;
  usageDate: string;
  resourceUri: string;
  meterName: string;
}

export interface CustomerReconReport {
  customerId: string;
  customerName: string;
  pricingCurrency: string;
  billingCurrency: string;
  rows: number;
  /** Rows of usage that can never earn PEC (Spot, reservations, marketplace, savings plans). */
  excludedRows: number;
  pecEarned: Decimal;
  pecLost: Decimal;
  pecEarnedBilling: Decimal;
  pecLostBilling: Decimal;
  /** Every resource that lost credit, most lost first. */
  lostByResource: ResourceLoss[];
  flagCounts: Record<ReconFlagKind, number>;
  /** The first flagged rows (line numbers) per customer (bounded: see ReconReportBuilder). */
  flaggedRows: FlaggedRow[];
}

export interface ReconReport {
  customers: CustomerReconReport[];
  import?: ReconImportResult;
}

interface LossAccumulator {
  resourceUri: string;
  subscriptionId: string;
  resourceGroup: string;
  days: Set<string>;
  lost: Decimal;
  lostBilling: Decimal;
}

interface CustomerAccumulator {
  customerId: string;
  customerName: string;
  pricingCurrency: string;
  billingCurrency: string;
  rows: number;
  excludedRows: number;
  earned: Decimal;
  lost: Decimal;
  earnedBilling: Decimal;
  lostBilling: Decimal;
  losses: Map<string, LossAccumulator>;
  flagCounts: Record<ReconFlagKind, number>;
  flaggedRows: FlaggedRow[];
}

/**
 * Aggregates checked rows per customer while the file streams: memory grows with customers and
 * resources that lost credit, never with rows.
 */
export class ReconReportBuilder {
  private readonly customers = new Map<string, CustomerAccumulator>();
  private flaggedKept = 0;

  /**
   * Rows to check are kept (for the customer card's pages) up to a number per customer and a
   * number per report, so memory stays bounded whatever the file; the counts are always whole.
   */
  constructor(
    private readonly checker: ReconRowChecker,
    private readonly maxFlaggedRowsPerCustomer = 200,
    private readonly maxFlaggedRowsTotal = 20_000,
  ) {}

  add(row: ReconRow, line: number): void {
    const check = this.checker.check(row);
    const acc = this.customer(row);
    acc.rows += 1;
    if (check.excluded) acc.excludedRows += 1;
    if (!check.earned.isZero()) {
      acc.earned = acc.earned.plus(check.earned);
      acc.earnedBilling = acc.earnedBilling.plus(check.earned.times(row.pcToBcExchangeRate));
    }
    if (!check.lost.isZero()) {
      acc.lost = acc.lost.plus(check.lost);
      acc.lostBilling = acc.lostBilling.plus(check.lost.times(row.pcToBcExchangeRate));
      const key = row.resourceUri.toLowerCase();
      let loss = acc.losses.get(key);
      if (!loss) {
        loss = {
          resourceUri: row.resourceUri,
          subscriptionId: row.entitlementId,
          resourceGroup: row.resourceGroup,
          days: new Set(),
          lost: new Decimal(0),
          lostBilling: new Decimal(0),
        };
        acc.losses.set(key, loss);
      }
      loss.days.add(row.usageDate);
      loss.lost = loss.lost.plus(check.lost);
      loss.lostBilling = loss.lostBilling.plus(check.lost.times(row.pcToBcExchangeRate));
    }
    for (const kind of check.flags) {
      acc.flagCounts[kind] += 1;
      if (
        acc.flaggedRows.length < this.maxFlaggedRowsPerCustomer &&
        this.flaggedKept < this.maxFlaggedRowsTotal
      ) {
        this.flaggedKept += 1;
        acc.flaggedRows.push({
          line,
          kind,
          usageDate: row.usageDate,
          resourceUri: row.resourceUri,
          meterName: row.meterName,
        });
      }
    }
  }

  build(importResult?: ReconImportResult): ReconReport {
    const customers = [...this.customers.values()].map((acc): CustomerReconReport => ({
      customerId: acc.customerId,
      customerName: acc.customerName,
      pricingCurrency: acc.pricingCurrency,
      billingCurrency: acc.billingCurrency,
      rows: acc.rows,
      excludedRows: acc.excludedRows,
      pecEarned: floorToCents(acc.earned),
      pecLost: floorToCents(acc.lost),
      pecEarnedBilling: floorToCents(acc.earnedBilling),
      pecLostBilling: floorToCents(acc.lostBilling),
      lostByResource: [...acc.losses.values()]
        .map((loss) => ({
          resourceUri: loss.resourceUri,
          subscriptionId: loss.subscriptionId,
          resourceGroup: loss.resourceGroup,
          days: [...loss.days].sort(),
          lost: floorToCents(loss.lost),
          lostBilling: floorToCents(loss.lostBilling),
        }))
        .sort((a, b) => b.lost.comparedTo(a.lost) || a.resourceUri.localeCompare(b.resourceUri)),
      flagCounts: { ...acc.flagCounts },
      flaggedRows: [...acc.flaggedRows],
    }));
    // Most PEC lost first; ties by name, then id, so the same file always gives the same order.
    customers.sort(
      (a, b) =>
        b.pecLost.comparedTo(a.pecLost) ||
        a.customerName.localeCompare(b.customerName, 'en') ||
        a.customerId.localeCompare(b.customerId, 'en'),
    );
    return { customers, import: importResult };
  }

  private customer(row: ReconRow): CustomerAccumulator {
    let acc = this.customers.get(row.customerId);
    if (!acc) {
      acc = {
        customerId: row.customerId,
        customerName: row.customerName,
        pricingCurrency: row.pricingCurrency,
        billingCurrency: row.billingCurrency,
        rows: 0,
        excludedRows: 0,
        earned: new Decimal(0),
        lost: new Decimal(0),
        earnedBilling: new Decimal(0),
        lostBilling: new Decimal(0),
        losses: new Map(),
        flagCounts: { pecMissing: 0, pecUnexpected: 0, effectivePriceMismatch: 0, totalMismatch: 0 },
        flaggedRows: [],
      };
      this.customers.set(row.customerId, acc);
    }
    return acc;
  }
}
