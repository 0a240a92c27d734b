import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { DAILY_RATED_USAGE_COLUMNS } from './reconColumns.js';
import { validateReconRecord, type ReconRow } from './reconRow.js';

export interface ReconLineError {
  line: number;
  problems: string[];
}

export interface ReconImportResult {
  rowsRead: number;
  rowsAccepted: number;
  badRows: number;
  /** The first `maxErrorsKept` bad rows with their line numbers (all are counted). */
  errors: ReconLineError[];
}

export class ReconHeaderError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Not a new-commerce daily rated usage file: ${problems.join('; ')}`);
    this.name = 'ReconHeaderError';
  }
}

function checkHeader(header: readonly string[]): void {
  const cleaned = header.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, '') : h).trim());
  const problems: string[] = [];
  if (cleaned.length !== DAILY_RATED_USAGE_COLUMNS.length) {
    problems.push(`line 1: expected ${DAILY_RATED_USAGE_COLUMNS.length} columns, got ${cleaned.length}`);
  }
  DAILY_RATED_USAGE_COLUMNS.forEach((name, i) => {
    if (cleaned[i] !== undefined && cleaned[i] !== name)
      problems.push(`line 1: column ${i + 1} should be ${name}, is ${cleaned[i]}`);
  });
  if (problems.length > 0) throw new ReconHeaderError(problems.slice(0, 5));
}

/**
 * Streams a daily rated usage CSV: the header must be the 55 new-commerce columns in order; each
 * row is validated, bad rows are counted (with line numbers) and skipped, good rows go to `onRow`.
 * Memory stays flat: nothing is kept per row.
 */
export async function importDailyRatedUsage(
  input: Readable,
  onRow: (row: ReconRow, line: number) => void,
  options: { maxErrorsKept?: number } = {},
): Promise<ReconImportResult> {
  const maxErrorsKept = options.maxErrorsKept ?? 50;
  const parser = input.pipe(
    parse({ relax_column_count: true, skip_empty_lines: true, info: true, bom: true }),
  );
  const result: ReconImportResult = { rowsRead: 0, rowsAccepted: 0, badRows: 0, errors: [] };
  let headerSeen = false;
  for await (const chunk of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    const { record, info } = chunk;
    if (!headerSeen) {
      checkHeader(record);
      headerSeen = true;
      continue;
    }
    result.rowsRead += 1;
    let problems: string[] | null = null;
    if (record.length !== DAILY_RATED_USAGE_COLUMNS.length) {
      problems = [`expected ${DAILY_RATED_USAGE_COLUMNS.length} columns, got ${record.length}`];
    } else {
      const validated = validateReconRecord(record);
      if (validated.ok) {
        result.rowsAccepted += 1;
        onRow(validated.row, info.lines);
      } else problems = validated.problems;
    }
    if (problems) {
      result.badRows += 1;
      if (result.errors.length < maxErrorsKept) result.errors.push({ line: info.lines, problems });
    }
  }
  if (!headerSeen) throw new ReconHeaderError(['line 1: the file is empty']);
  return result;
}
