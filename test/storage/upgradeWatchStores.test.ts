import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import {
  FileUpgradeWatchStore,
  type UpgradeWatch,
  type UpgradeWatchStore,
} from '../../src/partnerCenter/rest/upgradePoller.js';
import { openContainer } from '../../src/storage/blobSupport.js';
import { BlobUpgradeWatchStore } from '../../src/storage/blobUpgradeWatches.js';
import { startAzurite, type RunningAzurite } from '../support/azurite.js';

const watch = (upgradeId: string, polls = 0): UpgradeWatch => ({
  customerId: 'c1',
  upgradeId,
  startedAt: '2026-12-15T10:00:00.000Z',
  nextPollAt: '2026-12-15T10:00:02.000Z',
  polls,
  user: { tenantId: 't', aadObjectId: 'u' },
});

describe('Upgrade watch stores: a watch one instance writes, another instance reads', function () {
  this.timeout(60_000);
  let azurite: RunningAzurite;
  const dir = mkdtempSync(join(tmpdir(), 'watches-'));

  before(async () => {
    azurite = await startAzurite();
  });
  after(async () => {
    await azurite.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const kinds: Array<[string, () => Promise<[UpgradeWatchStore, UpgradeWatchStore]>]> = [
    ['file', async () => [new FileUpgradeWatchStore(dir), new FileUpgradeWatchStore(dir)]],
    [
      'blob',
      async () => {
        const container = await openContainer(azurite.connectionString, 'watches');
        return [new BlobUpgradeWatchStore(container), new BlobUpgradeWatchStore(container)];
      },
    ],
  ];

  for (const [kind, open] of kinds) {
    it(`${kind}: put on one, get/list on the other, replace, remove (twice is fine)`, async () => {
      const [a, b] = await open();
      expect(await b.list()).to.deep.equal([]);
      await a.put(watch('U-1'));
      await a.put(watch('u-2'));
      expect(await b.get('U-1')).to.deep.equal(watch('U-1'));
      expect((await b.list()).map((w) => w.upgradeId).sort()).to.deep.equal(['U-1', 'u-2']);
      await b.put(watch('U-1', 3));
      expect((await a.get('U-1'))?.polls).to.equal(3);
      await a.remove('U-1');
      await b.remove('U-1');
      expect(await b.get('U-1')).to.equal(undefined);
      expect((await a.list()).map((w) => w.upgradeId)).to.deep.equal(['u-2']);
    });
  }
});
