import { spawn } from 'node:child_process';
import { fsync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { FileStorage, type FileOp, type FileStorageOptions } from '../../src/storage/fileStorage.js';
import { isDirectory, keysInOneShard, OpLog } from './support/storageOps.js';

const folders: string[] = [];
async function newFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'file-storage-behind-'));
  folders.push(folder);
  return folder;
}
after(async () => {
  await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
});

const REFERENCE = 'conversation-reference/conv-1';
const STATE = 'msteams/conversations/conv-1/users/29:u/';

/** As src/app.ts composes it: references not durable, the rest durable, non-durable writes behind. */
async function appLike(options: FileStorageOptions = {}) {
  const folder = await newFolder();
  const ops = new OpLog();
  const storage = new FileStorage(folder, {
    durable: (key) => !key.startsWith('conversation-reference/'),
    ownsFolder: true,
    writeBehind: true,
    // Long enough that only flush() writes in these tests (nothing here depends on timing).
    writeBehindMs: 60_000,
    observe: ops.observe,
    ...options,
  });
  const onDisk = async (key: string) => (await new FileStorage(folder).read([key]))[key];
  return { folder, storage, ops, onDisk };
}

const fileWrites = (ops: OpLog) => ops.count('open', 'write', 'rename', 'fsync');

describe('FileStorage write-behind of non-durable writes', () => {
  it('a non-durable write resolves without touching a file; reads see it; flush() writes it', async () => {
    const { storage, ops, onDisk } = await appLike();
    await storage.write({ [REFERENCE]: { reference: 'r1' } });
    expect(fileWrites(ops)).to.equal(0);
    expect((await storage.read([REFERENCE]))[REFERENCE].reference).to.equal('r1');
    expect(await onDisk(REFERENCE)).to.equal(undefined);
    await storage.flush();
    expect((await onDisk(REFERENCE)).reference).to.equal('r1');
    expect(ops.count('fsync'), 'not durable: no fsync').to.equal(0);
  });

  it('several writes of one key before it is written become one file write', async () => {
    const { storage, ops, onDisk } = await appLike();
    for (let round = 1; round <= 5; round++) await storage.write({ [REFERENCE]: { round } });
    await storage.flush();
    expect(ops.count('rename')).to.equal(1);
    expect((await onDisk(REFERENCE)).round).to.equal(5);
  });

  // The turn: a durable save before the card, then the last save of the same key without fsync.
  const sequences: [
    string,
    Array<'durable' | 'relaxed' | 'delete'>,
    { onDisk: number | undefined; renames: number },
  ][] = [
    [
      'durable, then relaxed: the relaxed one is written after the turn',
      ['durable', 'relaxed'],
      { onDisk: 2, renames: 2 },
    ],
    [
      'relaxed, then durable: the durable one supersedes, the pending one is never written',
      ['relaxed', 'durable'],
      { onDisk: 2, renames: 1 },
    ],
    [
      'relaxed, relaxed, durable: one durable write',
      ['relaxed', 'relaxed', 'durable'],
      { onDisk: 3, renames: 1 },
    ],
    ['relaxed, then deleted: nothing written', ['relaxed', 'delete'], { onDisk: undefined, renames: 0 }],
  ];
  for (const [label, steps, expected] of sequences) {
    it(`one key written ${label}`, async () => {
      const { storage, ops, onDisk } = await appLike();
      for (const [index, step] of steps.entries()) {
        const write = () => storage.write({ [STATE]: { step: index + 1 } });
        if (step === 'durable') await write();
        else if (step === 'relaxed') await storage.withoutSync([STATE], write);
        else await storage.delete([STATE]);
      }
      expect((await storage.read([STATE]))[STATE]?.step).to.equal(expected.onDisk);
      await storage.flush();
      expect((await onDisk(STATE))?.step).to.equal(expected.onDisk);
      expect(ops.count('rename')).to.equal(expected.renames);
    });
  }

  it('eTags work on a pending write like on a written one', async () => {
    const { storage } = await appLike();
    await storage.write({ [REFERENCE]: { v: 1 } });
    const { eTag } = (await storage.read([REFERENCE]))[REFERENCE];
    await storage.write({ [REFERENCE]: { v: 2, eTag } });
    let error: Error | undefined;
    await storage.write({ [REFERENCE]: { v: 'lost', eTag } }).catch((e: Error) => (error = e));
    expect(error?.message).to.match(/eTag conflict/);
    await storage.flush();
    expect((await storage.read([REFERENCE]))[REFERENCE].v).to.equal(2);
  });

  it('an idle-state sweep does not delete a file whose newer write is still pending', async () => {
    const { storage, onDisk } = await appLike();
    await storage.write({ [STATE]: { v: 'old' } });
    await storage.withoutSync([STATE], () => storage.write({ [STATE]: { v: 'pending' } }));
    expect(await storage.expireIdle(new Date(Date.now() + 60_000), () => true, 10)).to.equal(0);
    await storage.flush();
    expect((await onDisk(STATE)).v).to.equal('pending');
  });

  /** Fails the first `failures` temp-file opens (an injected fault: a full disk, say). */
  function failingOpens(failures: number) {
    let left = failures;
    const log = new OpLog();
    const observe = (op: FileOp, path: string) => {
      log.observe(op, path);
      if (op === 'open' && path.endsWith('.tmp') && left > 0) {
        left -= 1;
        throw new Error('ENOSPC: injected');
      }
    };
    return { observe, log };
  }

  it('a pending write that fails is retried once, and written', async () => {
    const reported: string[] = [];
    const { observe } = failingOpens(1);
    const { storage, onDisk } = await appLike({ observe, onWriteBehindError: (key) => reported.push(key) });
    await storage.write({ [REFERENCE]: { v: 'kept' } });
    await storage.flush();
    expect(reported).to.deep.equal([]);
    expect((await onDisk(REFERENCE)).v).to.equal('kept');
  });

  it('a pending write that fails twice is reported, and the key reads what is on disk again', async () => {
    const reported: Array<[string, string]> = [];
    const { observe } = failingOpens(2);
    const { folder, storage, onDisk } = await appLike({
      observe,
      onWriteBehindError: (key, error) => reported.push([key, (error as Error).message]),
    });
    await new FileStorage(folder).write({ [REFERENCE]: { v: 'on disk' } });
    await storage.write({ [REFERENCE]: { v: 'lost' } });
    expect((await storage.read([REFERENCE]))[REFERENCE].v).to.equal('lost');
    await storage.flush();
    expect(reported).to.deep.equal([[REFERENCE, 'ENOSPC: injected']]);
    expect((await storage.read([REFERENCE]))[REFERENCE].v).to.equal('on disk');
    expect((await onDisk(REFERENCE)).v).to.equal('on disk');
  });
});

describe('FileStorage group commit of folder fsyncs', () => {
  it('concurrent durable writes into one folder share folder fsyncs; each resolves after one that began after its rename', async () => {
    const folder = await newFolder();
    const keys = keysInOneShard('msteams/conversations/burst-', 8);
    const events: string[] = [];
    let releaseFirst!: () => void;
    const firstHeld = new Promise<void>((resolve) => (releaseFirst = resolve));
    let folderSyncs = 0;
    let renamed = 0;
    const realFsync = promisify(fsync);
    const storage = new FileStorage(folder, {
      observe: (op, path) => {
        if (op !== 'renamed') return;
        events.push(`renamed ${path}`);
        // Hold the first folder fsync until every write has renamed: the rest must share one.
        if (++renamed === keys.length) releaseFirst();
      },
      fsync: async (fd) => {
        if (!isDirectory(fd)) return realFsync(fd);
        const number = ++folderSyncs;
        events.push(`folder fsync ${number} starts`);
        if (number === 1) await firstHeld;
        await realFsync(fd);
        events.push(`folder fsync ${number} ends`);
      },
    });
    await Promise.all(
      keys.map((key, index) =>
        storage.write({ [key]: { index } }).then(() => events.push(`resolved ${key}`)),
      ),
    );
    expect(folderSyncs, events.join('\n')).to.be.below(keys.length).and.at.most(3);
    for (const key of keys) {
      const renamedAt = events.findIndex(
        (event) => event.startsWith('renamed ') && event.includes(`${key.replace(/[^A-Za-z0-9_-]/g, '_')}-`),
      );
      const resolvedAt = events.indexOf(`resolved ${key}`);
      const covering = [...Array(folderSyncs).keys()]
        .map((i) => i + 1)
        .filter((n) => {
          const start = events.indexOf(`folder fsync ${n} starts`);
          const end = events.indexOf(`folder fsync ${n} ends`);
          return start > renamedAt && end < resolvedAt;
        });
      expect(covering, `${key}\n${events.join('\n')}`).to.not.deep.equal([]);
    }
  });
});

describe('FileStorage with write-behind killed with SIGKILL', () => {
  it('every durable write that resolved is on disk; a pending write is the old file, the new one or none, never torn', async function () {
    this.timeout(60_000);
    const folder = await newFolder();
    const moduleUrl = new URL('../../src/storage/fileStorage.ts', import.meta.url).href;
    // A child alternates a durable write (it prints its round once resolved) and big relaxed writes.
    const script = `
      import { FileStorage } from ${JSON.stringify(moduleUrl)};
      const storage = new FileStorage(${JSON.stringify(folder)}, {
        durable: (key) => key !== 'reference', ownsFolder: true, writeBehind: true, writeBehindMs: 0,
      });
      const payload = 'x'.repeat(1_000_000);
      for (let round = 0; ; round++) {
        await storage.write({ state: { round } });
        process.stdout.write(round + '\\n');
        await storage.write({ reference: { round, payload } });
        await storage.withoutSync(['state'], () => storage.write({ state: { round, payload } }));
      }`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let printed = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        printed += chunk.toString('utf8');
        if (printed.split('\n').length > 5) resolve();
      });
      child.on('exit', (code) => reject(new Error(`writer exited early with ${code}`)));
    });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const lastResolved = Math.max(...printed.split('\n').filter(Boolean).map(Number));

    const items = await new FileStorage(folder).read(['state', 'reference']);
    expect(items.state.round).to.be.at.least(lastResolved);
    if (items.state.payload !== undefined) expect(items.state.payload).to.have.length(1_000_000);
    if (items.reference) expect(items.reference.payload).to.have.length(1_000_000);
  });
});
