import type { Readable } from 'node:stream';
import { importDailyRatedUsage } from './reconImporter.js';
import { ReconReportBuilder, type ReconReport } from './reconReport.js';
import { ReconRowChecker } from './reconRowChecker.js';
import type { AccessRecord } from './accessRecords.js';

/** Streams a daily rated usage file against the partner's access records and returns the per-customer report. */
export async function reconcileDailyRatedUsage(
  usage: Readable,
  access: readonly AccessRecord[],
  options: { maxErrorsKept?: number; onProgress?: (rowsRead: number) => void; progressEvery?: number } = {},
): Promise<ReconReport> {
  const builder = new ReconReportBuilder(new ReconRowChecker(access));
  const every = options.progressEvery ?? 100_000;
  let seen = 0;
  const result = await importDailyRatedUsage(
    usage,
    (row, line) => {
      builder.add(row, line);
      seen += 1;
      if (options.onProgress && seen % every === 0) options.onProgress(seen);
    },
    { maxErrorsKept: options.maxErrorsKept },
  );
  return builder.build(result);
}
