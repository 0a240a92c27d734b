import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../src/config.js';
import { fixedClock } from '../../src/domain/clock.js';
import { createLogger } from '../../src/logging.js';
import { openRecordStores, type RecordStores } from '../../src/storage/openRecordStores.js';
import { startAzurite, type RunningAzurite } from '../support/azurite.js';

const clock = fixedClock('2026-12-01T09:00:00.000Z');
const logger = createLogger('silent');

describe('Record store settings (STORAGE, AZURE_STORAGE_*, IDEMPOTENCY_RETENTION_HOURS)', () => {
  it('defaults to files, container partner-assistant, 168 h retention, 30 s leases', () => {
    const config = loadConfig({});
    expect([
      config.STORAGE,
      config.AZURE_STORAGE_CONTAINER,
      config.IDEMPOTENCY_RETENTION_HOURS,
      config.LEADER_LEASE_SECONDS,
    ]).to.deep.equal(['file', 'partner-assistant', 168, 30]);
  });

  const bad: Array<[string, Record<string, string>, RegExp]> = [
    [
      'blob without a connection string',
      { STORAGE: 'blob' },
      /AZURE_STORAGE_CONNECTION_STRING: expected a storage account connection string when STORAGE=blob/,
    ],
    ['an unknown storage kind', { STORAGE: 'redis' }, /STORAGE: expected "file" or "blob"/],
    [
      'a container name Azure refuses',
      { AZURE_STORAGE_CONTAINER: 'My_Records' },
      /AZURE_STORAGE_CONTAINER: expected a blob container name/,
    ],
    [
      'a retention of zero hours',
      { IDEMPOTENCY_RETENTION_HOURS: '0' },
      /IDEMPOTENCY_RETENTION_HOURS: expected a whole number of hours above 0/,
    ],
    [
      'a lease Azure refuses',
      { LEADER_LEASE_SECONDS: '10' },
      /LEADER_LEASE_SECONDS: expected a whole number of seconds, 15–60/,
    ],
  ];
  for (const [what, env, message] of bad) {
    it(`stops with a message naming the variable for ${what}`, () => {
      expect(() => loadConfig(env)).to.throw(ConfigError, message);
    });
  }

  it('names a malformed connection string without echoing it (it holds the account key)', () => {
    const env = { STORAGE: 'blob', AZURE_STORAGE_CONNECTION_STRING: 'AccountKey=s3cr3t' };
    expect(() => loadConfig(env)).to.throw(
      ConfigError,
      /AZURE_STORAGE_CONNECTION_STRING: expected a connection string/,
    );
    expect(() => loadConfig(env)).to.throw(ConfigError, /got "\*\*\*"/);
    expect(() => loadConfig(env)).not.to.throw(ConfigError, /s3cr3t/);
  });
});

describe('openRecordStores', function () {
  this.timeout(60_000);
  let dir = '';
  let azurite: RunningAzurite;
  const opened: RecordStores[] = [];
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'record-stores-'));
    azurite = await startAzurite();
  });
  after(async () => {
    await Promise.all(opened.map((stores) => stores.close()));
    await azurite.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function open(kind: 'file' | 'blob', container = 'records-a'): Promise<RecordStores> {
    const config = loadConfig({
      STORAGE: kind,
      DATA_DIR: dir,
      AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
      AZURE_STORAGE_CONTAINER: container,
    });
    const stores = await openRecordStores(config, { clock, logger });
    opened.push(stores);
    return stores;
  }

  for (const kind of ['file', 'blob'] as const) {
    it(`${kind}: a request, its audit entry and a reference written by one instance are seen by another`, async () => {
      const [a, b] = [await open(kind), await open(kind)];
      expect(a.kind).to.equal(kind);
      await a.idempotency.reserve('op:t:1', 'fp', {
        owner: 'A',
        at: '2026-12-01T09:00:00.000Z',
        leaseUntil: '2026-12-01T09:00:10.000Z',
      });
      await a.idempotency.succeed('op:t:1', 'A', { id: 'x' }, '2026-12-01T09:00:01.000Z');
      await a.audit.record({
        at: '2026-12-01T09:00:01.000Z',
        tenantId: 't',
        userId: 'u',
        userDisplayName: 'U',
        operation: 'op',
        customerId: 'c',
        requestId: '1',
        outcome: 'succeeded',
      });
      await a.conversationReferences.save({
        conversation: { id: `conv-${kind}`, isGroup: false, conversationType: 'personal', name: '' },
        serviceUrl: 'https://smba.example/',
        channelId: 'msteams',
      });
      expect(await b.idempotency.get('op:t:1')).to.include({ state: 'succeeded' });
      expect((await b.audit.list()).map((e) => e.requestId)).to.deep.equal(['1']);
      expect(await b.conversationReferences.get(`conv-${kind}`)).to.include({
        serviceUrl: 'https://smba.example/',
      });
      expect(await a.prune()).to.deep.equal({ requests: 0, activities: 0 });
    });

    it(`${kind}: bot state keeps eTag concurrency between two instances`, async () => {
      const [a, b] = [await open(kind), await open(kind)];
      await a.state.write({ 'msteams/conversations/c1': { step: 1 } });
      const read = (await b.state.read(['msteams/conversations/c1']))['msteams/conversations/c1'];
      expect(read).to.include({ step: 1 });
      await b.state.write({ 'msteams/conversations/c1': { ...read, step: 2 } });
      let conflict: unknown;
      await a.state
        .write({ 'msteams/conversations/c1': { ...read, step: 3 } })
        .catch((error: unknown) => (conflict = error));
      expect(String(conflict)).to.match(/eTag|precondition|conflict/i);
      expect((await a.state.read(['msteams/conversations/c1']))['msteams/conversations/c1']).to.include({
        step: 2,
      });
    });
  }

  it('blob without a connection string is refused before any call', async () => {
    let error: unknown;
    await openRecordStores(
      { ...loadConfig({}), STORAGE: 'blob', AZURE_STORAGE_CONNECTION_STRING: undefined },
      { clock, logger },
    ).catch((e: unknown) => (error = e));
    expect(String(error)).to.contain('AZURE_STORAGE_CONNECTION_STRING');
  });
});
