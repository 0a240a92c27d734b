import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { AuditEntry } from '../../src/domain/services/auditLog.js';
import { FileAuditLog } from '../../src/storage/fileAuditLog.js';

function entry(requestId: string): AuditEntry {
  return {
    at: '2026-12-01T09:00:00.000Z',
    tenantId: 't',
    userId: 'u',
    userDisplayName: 'Alex',
    operation: 'purchase.order',
    customerId: 'c-1',
    requestId,
    outcome: 'succeeded',
  };
}

describe('FileAuditLog', () => {
  let dir = '';
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'audit-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('after a killed process left a torn line, the next entry still reads back whole', async () => {
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'audit-2026-12.jsonl');
    appendFileSync(file, `${JSON.stringify(entry('r-1'))}\n{"at":"2026-12-01T09:00:00.000Z","tena`);
    await new FileAuditLog(dir).record(entry('r-2'));
    expect((await new FileAuditLog(dir).list()).map((e) => e.requestId)).to.deep.equal(['r-2', 'r-1']);
    expect(readFileSync(file, 'utf8').endsWith('\n')).to.equal(true);
  });

  it('files are rotated by the month of the entry (UTC) and read newest month first', async () => {
    const log = new FileAuditLog(dir);
    await log.record({ ...entry('nov'), at: '2026-11-30T23:30:00.000Z' });
    await log.record({ ...entry('dec'), at: '2026-12-01T00:30:00.000Z' });
    expect(await log.months()).to.deep.equal(['2026-11', '2026-12']);
    expect((await log.list({ limit: 1 })).map((e) => e.requestId)).to.deep.equal(['dec']);
  });
});
