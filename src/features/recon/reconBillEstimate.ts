import type { Readable } from 'node:stream';
import type { FxRateSource } from '../../domain/billing/fxMonth.js';
import { MonthlyBillEstimator, type MonthlyBillEstimate } from '../../domain/billing/monthlyBillEstimate.js';
import { importDailyRatedUsage, type ReconImportResult } from './reconImporter.js';
import { toGrant, type AccessRecord } from './accessRecords.js';
import type { ReconRow } from './reconRow.js';
import { reconMeterFacts } from './reconRowChecker.js';

/**
 * A customer's monthly bill estimate from a daily rated usage file: PEC re-decided from the
 * partner's access records, FX from the month's rate table (not the file), floored per line.
 * Streams the file; rows of other customers or months are ignored.
 */
export async function estimateMonthlyBillFromUsage(
  usage: Readable,
  request: {
    customerId: string;
    month: string;
    currency: string;
    access: readonly AccessRecord[];
    fx: FxRateSource;
  },
  estimator = new MonthlyBillEstimator(),
): Promise<{ estimate: MonthlyBillEstimate; customerName: string | null; import: ReconImportResult }> {
  const customerId = request.customerId.toLowerCase();
  const accumulator = estimator.start({
    month: request.month,
    currency: request.currency,
    grants: request.access.filter((a) => a.customerId.toLowerCase() === customerId).map(toGrant),
    fx: request.fx,
  });
  let customerName: string | null = null;
  const result = await importDailyRatedUsage(usage, (row: ReconRow) => {
    if (row.customerId !== customerId || !row.usageDate.startsWith(`${request.month}-`)) return;
    customerName ??= row.customerName;
    accumulator.add({
      usageDate: row.usageDate,
      meterId: row.meterId,
      meterName: row.meterName,
      resource: {
        subscriptionId: row.entitlementId,
        resourceGroup: row.resourceGroup,
        resourceUri: row.resourceUri,
      },
      quantity: row.quantity,
      unitPrice: row.unitPrice,
      meter: reconMeterFacts(row),
    });
  });
  return { estimate: accumulator.result(), customerName, import: result };
}
