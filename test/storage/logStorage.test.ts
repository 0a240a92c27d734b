import { spawn } from 'node:child_process';
import { appendFile, mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { fdatasync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { FileStorage } from '../../src/storage/fileStorage.js';
import { LogStorage, type LogStorageOptions } from '../../src/storage/logStorage.js';
import { LogCorruptError } from '../../src/storage/logRecords.js';

const tempFolders: string[] = [];
const realSync = promisify(fdatasync);

async function newFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'log-storage-'));
  tempFolders.push(folder);
  return folder;
}

after(async () => {
  await Promise.all(tempFolders.map((folder) => rm(folder, { recursive: true, force: true })));
});

async function opened(folder: string, options: LogStorageOptions = {}): Promise<LogStorage> {
  const storage = new LogStorage(folder, options);
  await storage.open();
  return storage;
}

async function segmentsOf(folder: string): Promise<string[]> {
  return (await readdir(join(folder, 'log'))).filter((name) => name.endsWith('.log')).sort();
}

describe('LogStorage: state as an append-only log', () => {
  it('20 turns saving at once share far fewer fdatasyncs than 20, and each write waits for one', async () => {
    let syncs = 0;
    let synced = false;
    const storage = await opened(await newFolder(), {
      fdatasync: async (fd) => {
        syncs++;
        await realSync(fd);
        synced = true;
      },
    });
    syncs = 0;
    await Promise.all(
      Array.from({ length: 20 }, async (_, index) => {
        await storage.write({ [`conversation/${index}`]: { dialog: 'step', index } });
        expect(synced, 'resolved only after an fdatasync').to.equal(true);
      }),
    );
    expect(syncs).to.be.greaterThan(0).and.lessThan(5);
  });

  it('a write without the disk (withoutSync, or a non-durable key) costs no fdatasync', async () => {
    let syncs = 0;
    const storage = await opened(await newFolder(), {
      durable: (key) => !key.startsWith('conversation-reference/'),
      fdatasync: async () => {
        syncs++;
      },
    });
    syncs = 0;
    await storage.write({ 'conversation-reference/1': { reference: {} } });
    await storage.withoutSync(['state/1'], () => storage.write({ 'state/1': { a: 1 } }));
    expect(syncs).to.equal(0);
    await storage.write({ 'state/1': { a: 2 } });
    expect(syncs).to.equal(1);
  });

  it('what was written and deleted reads the same after a restart', async () => {
    const folder = await newFolder();
    const first = await opened(folder);
    await first.write({ kept: { name: 'Contoso ✓ 콘토소' }, gone: { name: 'Fabrikam' } });
    await first.write({ kept: { name: 'Contoso, renamed' } });
    await first.delete(['gone']);
    await first.close();
    const second = await opened(folder);
    const items = await second.read(['kept', 'gone']);
    expect(Object.keys(items)).to.deep.equal(['kept']);
    expect(items.kept).to.include({ name: 'Contoso, renamed' });
    // The eTag carried over: a write with it succeeds, a stale one is refused.
    await second.write({ kept: { ...items.kept, name: 'again' } });
    await second.write({ kept: { ...items.kept, name: 'stale' } }).then(
      () => expect.fail('a stale eTag must be refused'),
      (error: Error) => expect(error.message).to.match(/eTag conflict/),
    );
  });

  it('a torn last record (a killed process mid-append) is cut off; everything before it stays', async () => {
    const folder = await newFolder();
    const first = await opened(folder);
    await first.write({ a: { n: 1 }, b: { n: 2 } });
    await first.close();
    const [segment] = await segmentsOf(folder);
    const path = join(folder, 'log', segment!);
    const before = (await stat(path)).size;
    await appendFile(path, Buffer.from([200, 0, 0, 0, 1, 2, 3]));
    const second = await opened(folder);
    expect(Object.keys(await second.read(['a', 'b'])).sort()).to.deep.equal(['a', 'b']);
    expect((await stat(path)).size).to.equal(before);
    await second.write({ c: { n: 3 } });
    await second.close();
    expect(Object.keys(await (await opened(folder)).read(['a', 'b', 'c'])).sort()).to.deep.equal([
      'a',
      'b',
      'c',
    ]);
  });

  it('damage before the last segment is a start-up error naming the file, not a guess', async () => {
    const folder = await newFolder();
    const first = await opened(folder, { segmentBytes: 200, compactMinBytes: Number.MAX_SAFE_INTEGER });
    for (let index = 0; index < 6; index++) await first.write({ [`k${index}`]: { text: 'x'.repeat(120) } });
    await first.close();
    const segments = await segmentsOf(folder);
    expect(segments.length).to.be.greaterThan(2);
    await writeFile(join(folder, 'log', segments[0]!), Buffer.from('not a record at all, damaged'));
    const error = await opened(folder).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).to.be.instanceOf(LogCorruptError);
    expect((error as Error).message).to.contain(segments[0]!);
  });

  it('full segments are compacted: the oldest goes, every live value and every delete stays', async () => {
    const folder = await newFolder();
    const options = { segmentBytes: 4096, compactMinBytes: 8192, compactLiveRatio: 0.5 };
    const storage = await opened(folder, options);
    await storage.write({ 'long-lived': { text: 'written once, long ago' }, deleted: { text: 'x' } });
    await storage.delete(['deleted']);
    // Many rewrites of a few keys: old segments become mostly dead.
    for (let round = 0; round < 60; round++) {
      await storage.write({ [`hot/${round % 3}`]: { round, padding: 'y'.repeat(400) } });
    }
    await storage.flush();
    const segments = await segmentsOf(folder);
    expect(segments[0], 'the first segment was compacted away').to.not.equal('00000000.log');
    await storage.close();
    const reopened = await opened(folder, options);
    const items = await reopened.read(['long-lived', 'deleted', 'hot/0', 'hot/1', 'hot/2']);
    expect(Object.keys(items).sort()).to.deep.equal(['hot/0', 'hot/1', 'hot/2', 'long-lived']);
    expect(items['hot/2']).to.include({ round: 59 });
    expect(items['long-lived']).to.include({ text: 'written once, long ago' });
  });

  it('expires keys idle since before the cut-off that the rule accepts, at most the limit', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const storage = await opened(await newFolder(), { now: () => now });
    await storage.write({ 'old/1': { a: 1 }, 'old/2': { a: 2 }, 'old/3': { a: 3 }, 'keep/1': { a: 4 } });
    now += 10 * 86_400_000;
    await storage.write({ 'old/3': { a: 'written again' } });
    const removed = await storage.expireIdle(new Date(now - 86_400_000), (key) => key.startsWith('old/'), 1);
    expect(removed).to.equal(1);
    expect(
      await storage.expireIdle(new Date(now - 86_400_000), (key) => key.startsWith('old/'), 10),
    ).to.equal(1);
    expect(Object.keys(await storage.read(['old/1', 'old/2', 'old/3', 'keep/1'])).sort()).to.deep.equal([
      'keep/1',
      'old/3',
    ]);
  });

  it('takes over the files a FileStorage left in the folder, and removes them', async () => {
    const folder = await newFolder();
    const files = new FileStorage(folder);
    await files.write({ 'msteams/conversations/c1/': { dialogState: { dialogStack: [{ id: 'attest' }] } } });
    await mkdir(join(folder, 'ab'), { recursive: true });
    await writeFile(join(folder, 'ab', 'not-json.json'), 'garbage');
    const storage = await opened(folder);
    const items = await storage.read(['msteams/conversations/c1/']);
    expect(items['msteams/conversations/c1/']).to.deep.include({
      dialogState: { dialogStack: [{ id: 'attest' }] },
    });
    expect((await readdir(folder)).sort()).to.deep.equal(['log']);
    await storage.close();
    const again = await opened(folder);
    expect(Object.keys(await again.read(['msteams/conversations/c1/']))).to.have.length(1);
  });

  it('one process per folder: a LOCK of a running process is refused, one of a process gone is taken over', async () => {
    const folder = await newFolder();
    await mkdir(join(folder, 'log'), { recursive: true });
    const other = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      await writeFile(join(folder, 'log', 'LOCK'), String(other.pid));
      const error = await opened(folder).then(
        () => undefined,
        (caught: unknown) => caught as Error,
      );
      expect(error?.message).to.contain(`in use by process ${other.pid}`).and.contain('STORAGE=blob');
    } finally {
      other.kill();
    }
    await new Promise((resolve) => other.once('exit', resolve));
    const storage = await opened(folder);
    await storage.write({ a: { n: 1 } });
    await storage.close();
    expect(await readdir(join(folder, 'log'))).to.not.include('LOCK');
  });

  it('a failed fdatasync rejects its writers and leaves no trace; the next write works and reads back', async () => {
    const folder = await newFolder();
    let failNext = false;
    const storage = await opened(folder, {
      fdatasync: async (fd) => {
        if (failNext) {
          failNext = false;
          throw Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' });
        }
        await realSync(fd);
      },
    });
    await storage.write({ a: { v: 'first' } });
    failNext = true;
    const error = await storage.write({ a: { v: 'lost' } }).then(
      () => undefined,
      (caught: unknown) => caught as Error,
    );
    expect(error?.message).to.contain('EIO');
    expect(await storage.read(['a'])).to.have.nested.property('a.v', 'first');
    await storage.write({ b: { v: 'after' } });
    await storage.close();
    const reopened = await opened(folder);
    const items = await reopened.read(['a', 'b']);
    expect(items.a).to.include({ v: 'first' });
    expect(items.b).to.include({ v: 'after' });
  });

  it('refuses to be used before open()', async () => {
    const storage = new LogStorage(await newFolder());
    const error = await storage.read(['a']).then(
      () => undefined,
      (caught: unknown) => caught as Error,
    );
    expect(error?.message).to.match(/open\(\) first/);
  });
});
