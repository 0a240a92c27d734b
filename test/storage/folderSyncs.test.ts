import { expect } from 'chai';
import { FolderSyncs } from '../../src/storage/folderSyncs.js';

/** A folder fsync the test finishes by hand. */
function manualSyncs() {
  const started: Array<{ folder: string; finish: () => void }> = [];
  const syncs = new FolderSyncs((folder) => new Promise<void>((finish) => started.push({ folder, finish })));
  return { syncs, started };
}

const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('FolderSyncs: group commit of folder fsyncs', () => {
  it('a caller is answered only by an fsync that started after it asked; callers during one fsync share the next', async () => {
    const { syncs, started } = manualSyncs();
    const answered: string[] = [];
    const ask = (name: string) => syncs.sync('shard-a').then(() => answered.push(name));
    const first = ask('A');
    expect(started).to.have.length(1);
    const later = [ask('B'), ask('C'), ask('D')];
    await settled();
    expect(started, 'B, C and D wait: the running fsync began before they asked').to.have.length(1);

    started[0].finish();
    await first;
    await settled();
    expect(answered).to.deep.equal(['A']);
    expect(started, 'one fsync for B, C and D together').to.have.length(2);

    started[1].finish();
    await Promise.all(later);
    expect(answered).to.deep.equal(['A', 'B', 'C', 'D']);
    expect(started).to.have.length(2);
  });

  it('different folders do not wait for each other', async () => {
    const { syncs, started } = manualSyncs();
    const a = syncs.sync('shard-a');
    const b = syncs.sync('shard-b');
    expect(started.map((sync) => sync.folder)).to.deep.equal(['shard-a', 'shard-b']);
    started[1].finish();
    await b;
    started[0].finish();
    await a;
  });

  it('a failing fsync still answers its callers (best effort, as for platforms without folder fsync)', async () => {
    const syncs = new FolderSyncs(async () => {
      throw new Error('EINVAL');
    });
    await Promise.all([syncs.sync('f'), syncs.sync('f')]);
  });
});
