import { expect } from 'chai';
import { ShardListings } from '../../src/storage/shardListings.js';

/** A folder listing the test answers by hand, to put changes exactly while it runs. */
function manualListings() {
  const asked: Array<{ folder: string; answer: (files: string[]) => void }> = [];
  const listings = new ShardListings(
    (folder) => new Promise<string[]>((answer) => asked.push({ folder, answer })),
  );
  return { listings, asked };
}

describe('ShardListings: which files a shard folder holds, listed once', () => {
  const whileListing: [string, string[], Array<[string, boolean]>, Record<string, boolean>][] = [
    [
      'a file created during the listing that the listing missed',
      [],
      [['new.json', true]],
      { 'new.json': true },
    ],
    [
      'a file removed during the listing that the listing still saw',
      ['gone.json'],
      [['gone.json', false]],
      { 'gone.json': false },
    ],
    [
      'created then removed during the listing',
      ['x.json'],
      [
        ['x.json', true],
        ['x.json', false],
      ],
      { 'x.json': false },
    ],
    ['no change: the listing as it is', ['a.json'], [], { 'a.json': true, 'b.json': false }],
  ];
  for (const [label, listed, changes, expected] of whileListing) {
    it(`applies changes recorded while the folder is listed: ${label}`, async () => {
      const { listings, asked } = manualListings();
      const first = listings.has('shard', Object.keys(expected)[0]);
      for (const [name, present] of changes) listings.record('shard', name, present);
      asked[0].answer(listed);
      await first;
      for (const [name, present] of Object.entries(expected)) {
        expect(await listings.has('shard', name), name).to.equal(present);
      }
      expect(asked, 'one listing per folder').to.have.length(1);
    });
  }

  it('lists each folder once, however many ask at the same time, and follows later changes', async () => {
    const { listings, asked } = manualListings();
    const answers = Promise.all([
      listings.has('s1', 'a.json'),
      listings.has('s1', 'b.json'),
      listings.has('s2', 'a.json'),
    ]);
    expect(asked.map((a) => a.folder)).to.deep.equal(['s1', 's2']);
    asked[0].answer(['a.json']);
    asked[1].answer([]);
    expect(await answers).to.deep.equal([true, false, false]);
    listings.record('s2', 'a.json', true);
    listings.record('s1', 'a.json', false);
    expect([await listings.has('s1', 'a.json'), await listings.has('s2', 'a.json')]).to.deep.equal([
      false,
      true,
    ]);
  });

  it('a change in a folder not listed yet is left to the listing made later', async () => {
    const { listings, asked } = manualListings();
    listings.record('s1', 'a.json', true);
    const answer = listings.has('s1', 'a.json');
    asked[0].answer(['a.json']);
    expect(await answer).to.equal(true);
  });
});
