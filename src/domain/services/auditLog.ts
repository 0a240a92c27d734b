/**
 * Who did what, when, under which request id (no personal data beyond the partner user's id and
 * display name). Written by the application services after each state-changing request.
 */
export interface AuditEntry {
  at: string;
  tenantId: string;
  userId: string;
  userDisplayName: string;
  operation: string;
  customerId: string | null;
  requestId: string | null;
  outcome: 'succeeded' | 'refused';
  /** Error code when refused. */
  code?: string;
  /** Ids of what was created or changed (order id, plan id, upgrade id …). */
  details?: Record<string, string>;
}

export interface AuditLog {
  record(entry: AuditEntry): Promise<void>;
  /** Newest first; optionally only one customer's entries. */
  list(filter?: { customerId?: string; limit?: number }): Promise<AuditEntry[]>;
}

export class InMemoryAuditLog implements AuditLog {
  readonly entries: AuditEntry[] = [];

  async record(entry: AuditEntry): Promise<void> {
    this.entries.push(entry);
  }

  async list(filter: { customerId?: string; limit?: number } = {}): Promise<AuditEntry[]> {
    const matching = this.entries.filter((e) => !filter.customerId || e.customerId === filter.customerId);
    return matching.reverse().slice(0, filter.limit ?? matching.length);
  }
}
