import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { FileStorage, type FileStorageOptions } from '../../src/storage/fileStorage.js';
import { keysInOneShard, OpLog, shardOf } from './support/storageOps.js';

const folders: string[] = [];
async function newFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'file-storage-own-'));
  folders.push(folder);
  return folder;
}
after(async () => {
  await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
});

const NEW_CONVERSATION = [
  'msteams/conversations/new-1/',
  'msteams/users/29:new-user/',
  'conversation-reference/new-1',
];

/** FileStorage with `ownsFolder`: each shard folder is listed once; unknown keys are answered from it. */
describe('FileStorage owning its folder: a key without a file costs no open', () => {
  const configurations: [string, FileStorageOptions, { readFiles: number }][] = [
    ['not owning the folder (default): one failed open per key', {}, { readFiles: 3 }],
    ['owning the folder: no open, one listing per shard folder', { ownsFolder: true }, { readFiles: 0 }],
    [
      'owning the folder, no memory copy: no open either',
      { ownsFolder: true, cachedKeys: 0 },
      { readFiles: 0 },
    ],
  ];
  for (const [label, options, expected] of configurations) {
    it(`reading a new conversation's three keys — ${label}`, async () => {
      const ops = new OpLog();
      const storage = new FileStorage(await newFolder(), { ...options, observe: ops.observe });
      expect(await storage.read(NEW_CONVERSATION)).to.deep.equal({});
      expect(ops.count('readFile', 'open')).to.equal(expected.readFiles);
      const shards = new Set(NEW_CONVERSATION.map(shardOf)).size;
      expect(ops.count('readdir')).to.equal(options.ownsFolder ? shards : 0);
    });
  }

  it('a second read of unknown keys in listed folders touches no file at all', async () => {
    const ops = new OpLog();
    const storage = new FileStorage(await newFolder(), {
      ownsFolder: true,
      cachedKeys: 0,
      observe: ops.observe,
    });
    const [first, second, third] = keysInOneShard('conv-', 3);
    await storage.read([first]);
    ops.clear();
    expect(await storage.read([second, third])).to.deep.equal({});
    expect(ops.events).to.deep.equal([]);
  });

  it('finds what an earlier instance wrote, and follows its own writes, deletes and expiry', async () => {
    const folder = await newFolder();
    const [old, written, expired] = keysInOneShard('conv-', 3);
    await new FileStorage(folder, { durable: false }).write({ [old]: { v: 'before' } });
    // No memory copy: every answer comes from the listing or the file.
    const storage = new FileStorage(folder, { ownsFolder: true, cachedKeys: 0, durable: false });
    const v = async (key: string) => ((await storage.read([key]))[key] as { v?: string } | undefined)?.v;

    expect(await v(old)).to.equal('before');
    expect(await v(written)).to.equal(undefined);
    await storage.write({ [written]: { v: 'now' }, [expired]: { v: 'idle' } });
    expect([await v(written), await v(expired)]).to.deep.equal(['now', 'idle']);
    await storage.delete([written]);
    expect(await v(written)).to.equal(undefined);
    expect(await storage.expireIdle(new Date(Date.now() + 60_000), (key) => key === expired, 10)).to.equal(1);
    expect(await v(expired)).to.equal(undefined);
    expect(await v(old)).to.equal('before');
    await storage.write({ [written]: { v: 'again' } });
    expect(await v(written)).to.equal('again');
  });

  it('a write with a specific eTag still checks the file: a file another instance created is a conflict', async () => {
    const folder = await newFolder();
    const key = 'msteams/conversations/shared/';
    const mine = new FileStorage(folder, { ownsFolder: true });
    expect(await mine.read([key])).to.deep.equal({}); // the folder is listed: no file yet
    await new FileStorage(folder).write({ [key]: { by: 'other' } });
    let error: Error | undefined;
    await mine.write({ [key]: { by: 'me', eTag: 'seen-elsewhere' } }).catch((e: Error) => (error = e));
    expect(error?.message).to.equal(`Storage: error writing "${key}" due to eTag conflict.`);
    expect((await new FileStorage(folder).read([key]))[key].by).to.equal('other');
  });
});
