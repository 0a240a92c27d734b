import { pipeline, Transform, type Readable, type TransformCallback } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
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

/** What the start of a file that is not a daily rated usage file looked like. */
export type ReconFileProblem =
  | { kind: 'empty' }
  | { kind: 'binary' }
  | { kind: 'broken'; line: number }
  | { kind: 'columns'; found: readonly string[] };

/**
 * The file is not a new-commerce daily rated usage file (wrong, empty, binary or truncated). The
 * message names the kind of problem only: the cells found are in `problem` for the user's reply and
 * never in the message, so logging the error cannot leak file contents.
 */
export class ReconHeaderError extends Error {
  constructor(readonly problem: ReconFileProblem) {
    super(
      `Not a new-commerce daily rated usage file (line ${problem.kind === 'broken' ? problem.line : 1}: ${problem.kind})`,
    );
    this.name = 'ReconHeaderError';
  }
}

function cleanHeader(header: readonly string[]): string[] {
  return header.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, '') : h).trim());
}

function checkHeader(header: readonly string[]): void {
  const cleaned = cleanHeader(header);
  const matches =
    cleaned.length === DAILY_RATED_USAGE_COLUMNS.length &&
    DAILY_RATED_USAGE_COLUMNS.every((name, i) => cleaned[i] === name);
  if (!matches) throw new ReconHeaderError({ kind: 'columns', found: cleaned });
}

/** NUL or other control bytes in the first KB: a spreadsheet, an image, a zip, UTF-16 text … */
function looksBinary(chunk: Buffer): boolean {
  const sample = chunk.subarray(0, 1024);
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    if (byte < 9 || (byte > 13 && byte < 32)) control += 1;
  }
  return control > sample.length / 10;
}

/** Passes bytes through; fails with `binary` when the first chunk is not text. */
class TextGuard extends Transform {
  private checked = false;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (!this.checked && chunk.length > 0) {
      this.checked = true;
      if (looksBinary(chunk)) {
        done(new ReconHeaderError({ kind: 'binary' }));
        return;
      }
    }
    done(null, chunk);
  }
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
  const guard = new TextGuard();
  const parser = parse({ relax_column_count: true, skip_empty_lines: true, info: true, bom: true });
  // `pipeline`, not `pipe`: a download cut off mid-file (or already failed) must end the loop below
  // with its error, not leave an unhandled 'error' event that ends the process.
  pipeline(input, guard, parser, () => undefined);
  const result: ReconImportResult = { rowsRead: 0, rowsAccepted: 0, badRows: 0, errors: [] };
  let headerSeen = false;
  try {
    for await (const chunk of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const { record, info } = chunk;
      if (!headerSeen) {
        // Blank lines (also "\r" or spaces only) before the header are no header.
        if (record.every((cell) => cell.trim() === '')) continue;
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
  } catch (error) {
    // csv-parse errors quote the offending cells: replace them with the line number only.
    if (error instanceof CsvError) {
      const line = Number(error.lines) || 1;
      throw new ReconHeaderError({ kind: 'broken', line });
    }
    throw error;
  } finally {
    // Stopped early (wrong header, broken CSV): release the source, e.g. the download's socket.
    if (!input.destroyed && !input.readableEnded) input.destroy();
  }
  if (!headerSeen) throw new ReconHeaderError({ kind: 'empty' });
  return result;
}
