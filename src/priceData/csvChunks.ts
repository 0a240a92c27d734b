import { parse } from 'csv-parse/sync';
import type { ZodType } from 'zod';
import { IssueCollector, type ImportIssue } from './importReport.js';

/** Characters of CSV text parsed at a time: the parsed records of one chunk are all that is held. */
const CHUNK_CHARS = 4 * 1024 * 1024;

export interface StreamedImport {
  readonly ok: boolean;
  readonly accepted: number;
  readonly skipped: number;
  readonly issues: readonly ImportIssue[];
  readonly fatal: string | null;
}

/**
 * Like importCsv, but hands every valid record to `onRecord` instead of collecting rows, and parses
 * the text a few megabytes at a time (cut at record ends, never inside a quoted cell), so a
 * 1M-row file never exists as a million parsed records at once. Never throws on bad input.
 */
export function streamCsvRecords<S>(
  file: string,
  text: string,
  requiredColumns: readonly string[],
  schema: ZodType<S>,
  onRecord: (record: S, line: number, issues: IssueCollector) => boolean,
  options: {
    readonly chunkChars?: number;
    /** Returns the record as `S` when it certainly passes `schema`, else null (then the schema runs). */
    readonly fastPath?: (record: Record<string, string>) => S | null;
  } = {},
): StreamedImport {
  const chunkChars = options.chunkChars ?? CHUNK_CHARS;
  const fastPath = options.fastPath;
  const issues = new IssueCollector();
  const fail = (fatal: string): StreamedImport => ({
    ok: false,
    accepted: 0,
    skipped: issues.count,
    issues: issues.issues,
    fatal,
  });
  let header: string[] | null = null;
  let accepted = 0;
  let linesBefore = 0;
  let records = 0;
  for (let start = 0; start < text.length;) {
    const end = chunkEnd(text, start, chunkChars);
    const chunk = text.slice(start, end);
    const offset = linesBefore;
    let parsed: { record: string[]; info: { lines: number } }[];
    try {
      parsed = parse(chunk, {
        info: true,
        bom: start === 0,
        relax_column_count: true,
        trim: true,
        skip_empty_lines: true,
        skip_records_with_error: true,
        on_skip: (error: { code?: string; message: string; lines?: number } | undefined) => {
          if (error) issues.add(file, offset + (error.lines ?? 0), error.message);
        },
      }) as unknown as { record: string[]; info: { lines: number } }[];
    } catch (error) {
      return fail(`${file}: ${(error as Error).message}`);
    }
    linesBefore += countLines(chunk);
    start = end;
    let r = 0;
    if (header === null) {
      if (parsed.length === 0) continue;
      header = parsed[0].record.map((name) => name.trim());
      const absent = requiredColumns.filter((column) => !header!.includes(column));
      if (absent.length > 0) return fail(`${file}: missing columns ${absent.join(', ')}`);
      r = 1;
    }
    for (; r < parsed.length; r++) {
      records++;
      const { record: cells, info } = parsed[r];
      const line = offset + info.lines;
      if (cells.length !== header.length) {
        issues.add(file, line, `expected ${header.length} columns, found ${cells.length}`);
        continue;
      }
      const record: Record<string, string> = {};
      for (let c = 0; c < header.length; c++) record[header[c]] = cells[c];
      const plain = fastPath ? fastPath(record) : null;
      if (plain !== null) {
        if (onRecord(plain, line, issues)) accepted++;
        continue;
      }
      const result = schema.safeParse(record);
      if (!result.success) {
        const first = result.error.issues[0];
        issues.add(file, line, `${first.path.join('.') || 'row'}: ${first.message}`);
        continue;
      }
      if (onRecord(result.data, line, issues)) accepted++;
    }
  }
  if (header === null) return fail(`${file}: no header`);
  if (records === 0 && issues.count === 0) return fail(`${file}: no rows`);
  return {
    ok: accepted > 0,
    accepted,
    skipped: issues.count,
    issues: issues.issues,
    fatal: accepted > 0 ? null : `${file}: no valid rows`,
  };
}

/** The end of the chunk starting at `start`: just after a line break that is outside quotes. */
function chunkEnd(text: string, start: number, chunkChars: number): number {
  if (text.length - start <= chunkChars) return text.length;
  let quotes = 0;
  let at = start;
  let target = start + chunkChars;
  for (;;) {
    const newline = text.indexOf('\n', target);
    if (newline < 0) return text.length;
    for (let q = text.indexOf('"', at); q >= 0 && q < newline; q = text.indexOf('"', q + 1)) quotes++;
    if (quotes % 2 === 0) return newline + 1;
    at = newline;
    target = newline + 1;
  }
}

function countLines(chunk: string): number {
  let lines = 0;
  for (let at = chunk.indexOf('\n'); at >= 0; at = chunk.indexOf('\n', at + 1)) lines++;
  return lines;
}
