/**
 * Child process of fileRecordsProcesses.test.ts: waits for "go" on stdin so both children start
 * together, then makes `count` concurrent reserves of one request key and appends `count` audit
 * entries to the shared folders, and prints how many reserves it won.
 */
import { join } from 'node:path';
import { fixedClock } from '../../../src/domain/clock.js';
import { FileAuditLog } from '../../../src/storage/fileAuditLog.js';
import { FileIdempotencyStore } from '../../../src/storage/fileIdempotencyStore.js';

const [dir, name, countText] = process.argv.slice(2);
const count = Number(countText);
const clock = fixedClock('2026-12-01T09:00:00.000Z');
const store = new FileIdempotencyStore(join(dir, 'requests'), { clock });
const audit = new FileAuditLog(join(dir, 'audit'));

process.stdin.once('data', async () => {
  const results = await Promise.all(
    Array.from({ length: count }, (_, i) =>
      store.reserve('purchase:t:shared', 'fp', {
        owner: `${name}-${i}`,
        at: '2026-12-01T09:00:00.000Z',
        leaseUntil: '2026-12-01T09:00:10.000Z',
      }),
    ),
  );
  await Promise.all(
    Array.from({ length: count }, (_, i) =>
      audit.record({
        at: '2026-12-01T09:00:00.000Z',
        tenantId: 't',
        userId: 'u',
        userDisplayName: 'U',
        operation: 'purchase',
        customerId: 'c',
        requestId: `${name}-${i}`,
        outcome: 'succeeded',
      }),
    ),
  );
  process.stdout.write(`${results.filter((r) => r.reserved).length}\n`);
  process.exit(0);
});
process.stdout.write('ready\n');
