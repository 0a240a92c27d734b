import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import type { AccessGrant, AccessHolder } from '../../domain/pec/pecEligibility.js';
import type { AccessScope } from '../../domain/pec/accessScope.js';

/**
 * The partner's own record of its Azure access on customer resources (from role-assignment exports,
 * Lighthouse delegations or AOBO): per customer and subscription, optionally narrowed to a resource
 * group or a resource, with a role and a UTC interval.
 */
export interface AccessRecord {
  customerId: string;
  subscriptionId: string;
  resourceGroup?: string;
  resourceUri?: string;
  role: string;
  from: string;
  /** Exclusive end; null while the access is still in place. */
  to: string | null;
  holder?: AccessHolder;
}

export function toGrant(record: AccessRecord): AccessGrant {
  const scope: AccessScope = record.resourceUri
    ? { level: 'resource', resourceUri: record.resourceUri }
    : record.resourceGroup
      ? { level: 'resourceGroup', subscriptionId: record.subscriptionId, resourceGroup: record.resourceGroup }
      : { level: 'subscription', subscriptionId: record.subscriptionId };
  return { role: record.role, scope, from: record.from, to: record.to, holder: record.holder };
}

export const ACCESS_RECORD_COLUMNS = [
  'CustomerId',
  'SubscriptionId',
  'ResourceGroup',
  'ResourceURI',
  'Role',
  'From',
  'To',
  'Holder',
] as const;

const instant = z
  .string()
  .refine(
    (v) => !Number.isNaN(Date.parse(/T/.test(v) ? v : `${v}T00:00:00Z`)),
    'must be a date or date-time',
  );
const rowSchema = z.object({
  CustomerId: z.string().regex(/^[0-9a-fA-F-]{36}$/, 'must be a GUID'),
  SubscriptionId: z.string().regex(/^[0-9a-fA-F-]{36}$/, 'must be a GUID'),
  ResourceGroup: z.string(),
  ResourceURI: z.string(),
  Role: z.string().min(1, 'is required'),
  From: instant,
  To: z.union([z.literal(''), instant]),
  Holder: z.enum(['', 'partner', 'indirectProvider', 'reseller']),
});

export class AccessRecordsError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Access records: ${problems.join('; ')}`);
    this.name = 'AccessRecordsError';
  }
}

/** Parses an access-record CSV (columns ACCESS_RECORD_COLUMNS); any bad line fails the whole file, with line numbers. */
export function parseAccessRecordsCsv(text: string): AccessRecord[] {
  const rows = parse(text, {
    columns: true,
    skip_empty_lines: true,
    info: true,
    bom: true,
    trim: true,
  }) as unknown as Array<{
    record: Record<string, string>;
    info: { lines: number };
  }>;
  const problems: string[] = [];
  const records: AccessRecord[] = [];
  for (const { record, info } of rows) {
    const result = rowSchema.safeParse(record);
    if (!result.success) {
      for (const issue of result.error.issues)
        problems.push(`line ${info.lines}: ${issue.path.join('.')} ${issue.message}`);
      continue;
    }
    const r = result.data;
    records.push({
      customerId: r.CustomerId.toLowerCase(),
      subscriptionId: r.SubscriptionId.toLowerCase(),
      resourceGroup: r.ResourceGroup || undefined,
      resourceUri: r.ResourceURI || undefined,
      role: r.Role,
      from: r.From,
      to: r.To || null,
      holder: r.Holder || undefined,
    });
  }
  if (problems.length > 0) throw new AccessRecordsError(problems);
  return records;
}

function csvCell(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function formatAccessRecordsCsv(records: readonly AccessRecord[]): string {
  const lines = records.map((r) =>
    [
      r.customerId,
      r.subscriptionId,
      r.resourceGroup ?? '',
      r.resourceUri ?? '',
      r.role,
      r.from,
      r.to ?? '',
      r.holder ?? '',
    ]
      .map(csvCell)
      .join(','),
  );
  return `${[ACCESS_RECORD_COLUMNS.join(','), ...lines].join('\n')}\n`;
}
