import { fstat } from 'node:fs';
import { open, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { AuditEntry, AuditLog } from '../domain/services/auditLog.js';
import {
  closeFd,
  ensureFolder,
  fsyncFd,
  isMissing,
  openFd,
  readFile,
  syncFolder,
  writeFd,
} from './fileAtomic.js';

const fstatFd = promisify(fstat);
const MONTH_FILE = /^audit-(\d{4}-\d{2})\.jsonl$/;

export interface FileAuditLogOptions {
  /** fsync each append before it resolves (default true). */
  durable?: boolean;
}

/**
 * Audit entries as append-only JSON lines, one file per month of the entry's time
 * (`audit-2026-12.jsonl`). `record` is ONE append of one line, fsynced before it resolves: its cost
 * does not grow with the history. Appends use O_APPEND, so several processes on one machine may
 * append to the same file; each line is one write() call.
 *
 * A process killed mid-append can leave a torn last line: it is skipped when reading, and the next
 * open of the file ends it with a newline first so the following entry starts on its own line.
 * Old months are never rewritten (archive or delete whole files per the partner's audit policy).
 */
export class FileAuditLog implements AuditLog {
  private readonly durable: boolean;
  /** Appends of this instance, in order (each opens, appends, fsyncs and closes the month file). */
  private tail: Promise<void> = Promise.resolve();
  private readonly checkedFiles = new Set<string>();
  private folderReady = false;

  constructor(
    private readonly directory: string,
    options: FileAuditLogOptions = {},
  ) {
    this.durable = options.durable ?? true;
  }

  record(entry: AuditEntry): Promise<void> {
    const line = `${JSON.stringify(entry)}\n`;
    const file = join(this.directory, `audit-${monthOf(entry.at)}.jsonl`);
    const append = this.tail.then(() => this.append(file, line));
    this.tail = append.catch(() => undefined);
    return append;
  }

  /** Newest first; optionally one customer's entries, at most `limit`. Reads month files newest first. */
  async list(filter: { customerId?: string; limit?: number } = {}): Promise<AuditEntry[]> {
    const limit = filter.limit ?? Number.POSITIVE_INFINITY;
    const found: AuditEntry[] = [];
    for (const month of (await this.months()).reverse()) {
      const entries = await this.readMonth(month);
      for (let i = entries.length - 1; i >= 0 && found.length < limit; i--) {
        if (!filter.customerId || entries[i].customerId === filter.customerId) found.push(entries[i]);
      }
      if (found.length >= limit) break;
    }
    return found;
  }

  /** The months that have entries, oldest first ('2026-11', '2026-12'). */
  async months(): Promise<string[]> {
    const files = await readdir(this.directory).catch((error: unknown) => {
      if (isMissing(error)) return [] as string[];
      throw error;
    });
    return files
      .map((file) => MONTH_FILE.exec(file)?.[1])
      .filter((month): month is string => month !== undefined)
      .sort();
  }

  /** One month's entries in the order they were appended (torn lines skipped). */
  async readMonth(month: string): Promise<AuditEntry[]> {
    let text: string;
    try {
      text = await readFile(join(this.directory, `audit-${month}.jsonl`), 'utf8');
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
    const entries: AuditEntry[] = [];
    for (const line of text.split('\n')) {
      if (line.length === 0) continue;
      try {
        entries.push(JSON.parse(line) as AuditEntry);
      } catch {
        // A torn line left by a killed process: not an entry.
      }
    }
    return entries;
  }

  /** Resolves once every append started so far is on disk. */
  async flush(): Promise<void> {
    await this.tail;
  }

  private async append(file: string, line: string): Promise<void> {
    if (!this.folderReady) {
      await ensureFolder(this.directory);
      this.folderReady = true;
    }
    const fd = await openFd(file, 'a');
    try {
      let text = line;
      if (!this.checkedFiles.has(file)) {
        // First append of this instance to the file: end a torn last line (killed process) first.
        const { size } = await fstatFd(fd);
        if (size > 0 && (await lastByte(file, size)) !== 0x0a) text = `\n${line}`;
        this.checkedFiles.add(file);
        if (size === 0 && this.durable) await syncFolder(this.directory);
      }
      await writeFd(fd, text, 'utf8');
      if (this.durable) await fsyncFd(fd);
    } finally {
      await closeFd(fd);
    }
  }
}

/** 'YYYY-MM' of an ISO instant, in UTC (the file an entry belongs to). */
export function monthOf(iso: string): string {
  return new Date(iso).toISOString().slice(0, 7);
}

async function lastByte(file: string, size: number): Promise<number> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(1);
    await handle.read(buffer, 0, 1, size - 1);
    return buffer[0];
  } finally {
    await handle.close();
  }
}
