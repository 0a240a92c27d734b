import type { AppendBlobClient, ContainerClient } from '@azure/storage-blob';
import type { AuditEntry, AuditLog } from '../domain/services/auditLog.js';
import { codeOf, isNotFound } from './blobSupport.js';
import { monthOf } from './fileAuditLog.js';

const PREFIX = 'audit/';

/**
 * Audit entries as JSON lines in append blobs, one series per month (`audit/2026-12/000001.jsonl`).
 * `record` is ONE Append Block of one line (atomic, concurrent appends from several instances
 * never interleave inside a line): its cost does not grow with the history. An append blob holds
 * at most 50,000 blocks; when the current part is full (409 BlockCountExceedsLimit) the next part
 * is created. Reads list the month's parts in order.
 */
export class BlobAuditLog implements AuditLog {
  /** Current part number per month, as far as this instance knows. */
  private readonly parts = new Map<string, number>();

  constructor(private readonly container: ContainerClient) {}

  async record(entry: AuditEntry): Promise<void> {
    const month = monthOf(entry.at);
    const line = `${JSON.stringify(entry)}\n`;
    let part = this.parts.get(month) ?? (await this.lastPart(month)) ?? 1;
    for (;;) {
      const blob = this.part(month, part);
      try {
        await blob.appendBlock(line, Buffer.byteLength(line));
        this.parts.set(month, part);
        return;
      } catch (error) {
        if (isNotFound(error)) {
          await blob.createIfNotExists({ blobHTTPHeaders: { blobContentType: 'application/x-ndjson' } });
          continue;
        }
        if (codeOf(error) === 'BlockCountExceedsLimit') {
          part += 1;
          continue;
        }
        throw error;
      }
    }
  }

  async list(filter: { customerId?: string; limit?: number } = {}): Promise<AuditEntry[]> {
    const limit = filter.limit ?? Number.POSITIVE_INFINITY;
    const found: AuditEntry[] = [];
    const names: string[] = [];
    for await (const item of this.container.listBlobsFlat({ prefix: PREFIX })) names.push(item.name);
    // Names sort by month, then part number: newest last.
    for (const name of names.sort().reverse()) {
      const text = (await this.container.getAppendBlobClient(name).downloadToBuffer()).toString('utf8');
      const entries = parseLines(text);
      for (let i = entries.length - 1; i >= 0 && found.length < limit; i--) {
        if (!filter.customerId || entries[i].customerId === filter.customerId) found.push(entries[i]);
      }
      if (found.length >= limit) break;
    }
    return found;
  }

  private part(month: string, part: number): AppendBlobClient {
    return this.container.getAppendBlobClient(`${PREFIX}${month}/${String(part).padStart(6, '0')}.jsonl`);
  }

  private async lastPart(month: string): Promise<number | undefined> {
    let last: number | undefined;
    for await (const item of this.container.listBlobsFlat({ prefix: `${PREFIX}${month}/` })) {
      const part = Number(/(\d{6})\.jsonl$/.exec(item.name)?.[1]);
      if (part) last = Math.max(last ?? 0, part);
    }
    return last;
  }
}

function parseLines(text: string): AuditEntry[] {
  const entries: AuditEntry[] = [];
  for (const line of text.split('\n')) {
    if (line.length === 0) continue;
    try {
      entries.push(JSON.parse(line) as AuditEntry);
    } catch {
      // Not an entry (cannot happen with whole-block appends; kept for robustness).
    }
  }
  return entries;
}
