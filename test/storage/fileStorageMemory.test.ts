import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { FileStorage } from '../../src/storage/fileStorage.js';

/** FileStorage keeps recently used files in memory: what a reader gets must still be what is stored. */
describe('FileStorage memory copy of recent files', () => {
  const folders: string[] = [];
  const folder = async () => {
    const created = await mkdtemp(join(tmpdir(), 'file-storage-memory-'));
    folders.push(created);
    return created;
  };
  after(async () => {
    await Promise.all(folders.map((path) => rm(path, { recursive: true, force: true })));
  });

  const step = (storage: FileStorage, key: string) =>
    storage.read([key]).then((items) => (items[key] as { step?: number } | undefined)?.step);

  it('reads during writes see the old or the new data, and later reads the newest', async () => {
    const directory = await folder();
    await new FileStorage(directory, { durable: false }).write({ conv: { step: 1 } });
    // A new instance over the folder knows nothing yet: its first read goes to disk, racing the write.
    const fresh = new FileStorage(directory, { durable: false });
    for (let round = 2; round < 30; round++) {
      const [during] = await Promise.all([step(fresh, 'conv'), fresh.write({ conv: { step: round } })]);
      expect(during).to.be.oneOf([round - 1, round]);
      expect(await step(fresh, 'conv')).to.equal(round);
    }
  });

  it('a key read as missing is found once written, and missing again once deleted', async () => {
    const storage = new FileStorage(await folder(), { durable: false });
    expect(await step(storage, 'conv')).to.equal(undefined);
    await storage.write({ conv: { step: 1 } });
    expect(await step(storage, 'conv')).to.equal(1);
    await storage.delete(['conv']);
    expect(await step(storage, 'conv')).to.equal(undefined);
  });

  it('keys pushed out of memory and large files are read back from disk unchanged', async () => {
    const storage = new FileStorage(await folder(), { durable: false, cachedKeys: 2 });
    const big = 'x'.repeat(100 * 1024);
    await storage.write({ a: { step: 1 }, b: { step: 2 }, c: { step: 3 }, big: { step: 4, big } });
    expect(await storage.read(['a', 'b', 'c', 'big'])).to.deep.include.keys('a', 'b', 'c', 'big');
    expect(await Promise.all(['a', 'b', 'c', 'big'].map((key) => step(storage, key)))).to.deep.equal([
      1, 2, 3, 4,
    ]);
    expect(((await storage.read(['big'])).big as { big: string }).big).to.equal(big);
  });

  it('a key expired as idle is gone for readers too', async () => {
    const storage = new FileStorage(await folder(), { durable: false });
    await storage.write({ 'msteams/conversations/idle/': { step: 1 } });
    expect(await step(storage, 'msteams/conversations/idle/')).to.equal(1);
    const removed = await storage.expireIdle(new Date(Date.now() + 60_000), () => true, 10);
    expect(removed).to.equal(1);
    expect(await step(storage, 'msteams/conversations/idle/')).to.equal(undefined);
  });
});
