import type { AuditEntry, AuditLog } from '../../domain/services/auditLog.js';
import type { SandboxStore } from './sandboxStore.js';

/**
 * Audit entries persisted in the sandbox file. Recorded inside an exactly-once effect, an entry
 * joins the store's transaction and is written in the same file write as the change it records.
 */
export class SandboxAuditLog implements AuditLog {
  constructor(private readonly store: SandboxStore) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.store.mutate((data) => {
      data.audit.push(structuredClone(entry));
    });
  }

  async list(filter: { customerId?: string; limit?: number } = {}): Promise<AuditEntry[]> {
    return this.store.read((data) => {
      const matching = data.audit
        .filter((e) => !filter.customerId || e.customerId === filter.customerId)
        .reverse();
      return structuredClone(matching.slice(0, filter.limit ?? matching.length));
    });
  }
}
