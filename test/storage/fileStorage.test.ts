import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { MemoryStorage, type Storage } from 'botbuilder';
import { expect } from 'chai';
import { FileStorage } from '../../src/storage/fileStorage.js';
import { LogStorage } from '../../src/storage/logStorage.js';

const tempFolders: string[] = [];

async function newFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'file-storage-'));
  tempFolders.push(folder);
  return folder;
}

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the promise to reject');
}

after(async () => {
  await Promise.all(tempFolders.map((folder) => rm(folder, { recursive: true, force: true })));
});

// The same contract runs against MemoryStorage, so "same semantics as MemoryStorage" is checked, not assumed.
const implementations: [string, () => Promise<Storage>][] = [
  ['MemoryStorage', async () => new MemoryStorage()],
  ['FileStorage', async () => new FileStorage(await newFolder())],
  ['FileStorage without a memory copy', async () => new FileStorage(await newFolder(), { cachedKeys: 0 })],
  [
    'FileStorage owning its folder, writes behind (as src/app.ts for non-durable keys)',
    async () => new FileStorage(await newFolder(), { ownsFolder: true, writeBehind: true, durable: false }),
  ],
  [
    'LogStorage (src/app.ts)',
    async () => {
      const storage = new LogStorage(await newFolder());
      await storage.open();
      return storage;
    },
  ],
  [
    'LogStorage without a memory copy',
    async () => {
      const storage = new LogStorage(await newFolder(), { cachedKeys: 0 });
      await storage.open();
      return storage;
    },
  ],
];

for (const [name, createStorage] of implementations) {
  describe(`Storage contract: ${name}`, () => {
    let storage: Storage;
    beforeEach(async () => {
      storage = await createStorage();
    });

    it('reads nothing for a key never written', async () => {
      expect(await storage.read(['conversation/1'])).to.deep.equal({});
    });

    it('reads back what was written, with an eTag, and only the keys that exist', async () => {
      await storage.write({ a: { count: 1, nested: { list: [1, '두 번째 ✓'] } } });
      const items = await storage.read(['a', 'missing']);
      expect(Object.keys(items)).to.deep.equal(['a']);
      expect(items.a).to.include({ count: 1 });
      expect(items.a.nested).to.deep.equal({ list: [1, '두 번째 ✓'] });
      expect(items.a.eTag).to.be.a('string').and.not.equal('');
    });

    it('gives every write a new eTag', async () => {
      await storage.write({ a: { v: 1 } });
      const first = (await storage.read(['a'])).a.eTag;
      await storage.write({ a: { v: 2, eTag: first } });
      const second = (await storage.read(['a'])).a;
      expect(second.v).to.equal(2);
      expect(second.eTag).to.not.equal(first);
    });

    const overwrites: [string, string | undefined][] = [
      ['no eTag', undefined],
      ['the wildcard eTag "*"', '*'],
    ];
    for (const [label, eTag] of overwrites) {
      it(`overwrites whatever is stored when the write carries ${label}`, async () => {
        await storage.write({ a: { v: 1 } });
        await storage.write({ a: { v: 2 } });
        await storage.write({ a: { v: 3, ...(eTag ? { eTag } : {}) } });
        expect((await storage.read(['a'])).a.v).to.equal(3);
      });
    }

    it('rejects a write with a stale eTag and keeps the newer data', async () => {
      await storage.write({ a: { v: 1 } });
      const stale = (await storage.read(['a'])).a.eTag;
      await storage.write({ a: { v: 2, eTag: stale } });
      const error = await rejectionOf(storage.write({ a: { v: 'lost update', eTag: stale } }));
      expect(error.message).to.equal('Storage: error writing "a" due to eTag conflict.');
      expect((await storage.read(['a'])).a.v).to.equal(2);
    });

    it('accepts an eTag on a key that does not exist yet', async () => {
      await storage.write({ fresh: { v: 1, eTag: 'from-elsewhere' } });
      expect((await storage.read(['fresh'])).fresh.v).to.equal(1);
    });

    it('returns copies: changing what was read or written does not change the store', async () => {
      const item = { list: [1] };
      await storage.write({ a: item });
      item.list.push(2);
      const read = await storage.read(['a']);
      read.a.list.push(3);
      expect((await storage.read(['a'])).a.list).to.deep.equal([1]);
    });

    it('deletes keys, and deleting a missing key is not an error', async () => {
      await storage.write({ a: { v: 1 }, b: { v: 2 } });
      await storage.delete(['a', 'never-written']);
      expect(Object.keys(await storage.read(['a', 'b']))).to.deep.equal(['b']);
    });

    it('keeps keys apart that differ only in characters a file name cannot hold', async () => {
      const keys = [
        'msteams/conversations/19:abc@thread.tacv2;messageid=1/',
        'msteams/conversations/19_abc_thread_tacv2_messageid_1_',
        'MSTEAMS/conversations/19:ABC',
        'msteams/users/고객 담당자',
        '../../etc/passwd',
        'x'.repeat(1000),
      ];
      await storage.write(Object.fromEntries(keys.map((key, index) => [key, { index }])));
      const items = await storage.read(keys);
      expect(keys.map((key) => items[key]?.index)).to.deep.equal(keys.map((_, index) => index));
    });
  });
}

describe('FileStorage on disk', () => {
  it('keeps data across instances over the same folder, eTags included', async () => {
    const folder = await newFolder();
    await new FileStorage(folder).write({ 'conv-1': { step: 'attest' } });
    const reopened = new FileStorage(folder);
    const item = (await reopened.read(['conv-1']))['conv-1'];
    expect(item.step).to.equal('attest');
    await reopened.write({ 'conv-1': { step: 'done', eTag: item.eTag } });
    const stale = { step: 'stale', eTag: item.eTag };
    await rejectionOf(new FileStorage(folder).write({ 'conv-1': stale }));
    expect((await new FileStorage(folder).read(['conv-1']))['conv-1'].step).to.equal('done');
  });

  it('writes one file per key and nothing else, under the given folder only', async () => {
    const folder = await newFolder();
    const storage = new FileStorage(folder);
    await storage.write({ a: { v: 1 }, '../../escape': { v: 2 } });
    await storage.write({ a: { v: 3 } });
    const files = await filesUnder(folder);
    expect(files).to.have.length(2);
    expect(files.every((file) => file.startsWith(folder) && file.endsWith('.json'))).to.equal(true);
  });

  it('ignores a half-written temp file that a crash left behind, and can clean it up', async () => {
    const folder = await newFolder();
    const storage = new FileStorage(folder);
    await storage.write({ 'conv-1': { step: 'committed' } });
    const [file] = await filesUnder(folder);
    await writeFile(`${file}.4242.crashed.tmp`, '{"key":"conv-1","item":{"step":"torn');

    const reopened = new FileStorage(folder);
    const item = (await reopened.read(['conv-1']))['conv-1'];
    expect(item.step).to.equal('committed');
    await reopened.write({ 'conv-1': { step: 'next', eTag: item.eTag } });
    expect((await reopened.read(['conv-1']))['conv-1'].step).to.equal('next');

    expect(await reopened.removeTempFiles()).to.equal(1);
    expect(await filesUnder(folder)).to.deep.equal([file]);
  });

  it('never leaves a torn file when the process is killed while writing', async () => {
    const folder = await newFolder();
    const moduleUrl = new URL('../../src/storage/fileStorage.ts', import.meta.url).href;
    // A child rewrites one big item as fast as it can; it is killed after its first write landed.
    const script = `
      import { FileStorage } from ${JSON.stringify(moduleUrl)};
      const storage = new FileStorage(${JSON.stringify(folder)});
      const payload = 'x'.repeat(2_000_000);
      for (let round = 0; ; round++) {
        await storage.write({ big: { round, payload } });
        if (round === 0) process.stdout.write('first\\n');
      }`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', () => setTimeout(resolve, 150));
      child.on('exit', (code) => reject(new Error(`writer exited early with ${code}`)));
    });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));

    const item = (await new FileStorage(folder).read(['big'])).big;
    expect(item.payload).to.have.length(2_000_000);
    expect(item.round).to.be.a('number');
  });

  it('flush() waits for writes still in flight, so a shutdown does not lose the last turn', async () => {
    const folder = await newFolder();
    const storage = new FileStorage(folder);
    const pending = storage.write({ 'conv-1': { step: 'last turn' } });
    await storage.flush();
    expect((await new FileStorage(folder).read(['conv-1']))['conv-1'].step).to.equal('last turn');
    await pending;
  });

  it('lets exactly one of several writers with the same eTag win', async () => {
    const storage = new FileStorage(await newFolder());
    await storage.write({ 'conv-1': { owner: 'nobody' } });
    const { eTag } = (await storage.read(['conv-1']))['conv-1'];
    const writers = ['A', 'B', 'C', 'D', 'E'];
    const results = await Promise.allSettled(
      writers.map((owner) => storage.write({ 'conv-1': { owner, eTag } })),
    );
    const winners = writers.filter((_, index) => results[index].status === 'fulfilled');
    expect(winners).to.have.length(1);
    expect((await storage.read(['conv-1']))['conv-1'].owner).to.equal(winners[0]);
    for (const result of results.filter((r) => r.status === 'rejected')) {
      expect((result as PromiseRejectedResult).reason.message).to.match(/eTag conflict/);
    }
  });

  it('still writes the other keys of a batch when one key conflicts, like MemoryStorage', async () => {
    const storage = new FileStorage(await newFolder());
    await storage.write({ a: { v: 1 } });
    const stale = (await storage.read(['a'])).a.eTag;
    await storage.write({ a: { v: 2 } });
    await rejectionOf(storage.write({ a: { v: 3, eTag: stale }, b: { v: 1 } }));
    const items = await storage.read(['a', 'b']);
    expect([items.a.v, items.b.v]).to.deep.equal([2, 1]);
  });

  it('writes one key about as fast with 5,000 stored conversations as with one', async function () {
    this.timeout(60_000);
    const medianWriteMs = async (storage: FileStorage): Promise<number> => {
      const timings: number[] = [];
      for (let round = 0; round < 25; round++) {
        const started = performance.now();
        await storage.write({ 'conv-measured': { round, dialogStack: ['mainDialog'] } });
        timings.push(performance.now() - started);
      }
      return timings.sort((a, b) => a - b)[Math.floor(timings.length / 2)];
    };
    const small = new FileStorage(await newFolder(), { durable: false });
    await small.write({ 'conv-0': { round: 0 } });

    const largeFolder = await newFolder();
    const seeder = new FileStorage(largeFolder, { durable: false });
    for (let start = 0; start < 5_000; start += 500) {
      const batch = Array.from({ length: 500 }, (_, i) => [`conv-${start + i}`, { round: 0 }]);
      await seeder.write(Object.fromEntries(batch));
    }
    const large = new FileStorage(largeFolder, { durable: false });

    const smallMs = await medianWriteMs(small);
    const largeMs = await medianWriteMs(large);
    // A store that rewrites everything (one JSON file) would be ~5,000× slower; allow 5× + noise.
    expect(largeMs).to.be.below(smallMs * 5 + 2, `1 key: ${smallMs} ms, 5,000 keys: ${largeMs} ms`);
  });
});
