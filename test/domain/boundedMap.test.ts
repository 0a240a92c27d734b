import { expect } from 'chai';
import { dropOldest } from '../../src/domain/boundedMap.js';

describe('dropOldest: a cache Map kept to its size, least recently set out first', () => {
  const cases: Array<[number, string[]]> = [
    [3, ['a', 'b', 'c']],
    [2, ['b', 'c']],
    [0, []],
  ];
  for (const [max, kept] of cases) {
    it(`at most ${max}: keeps ${kept.join(', ') || 'nothing'}`, () => {
      const map = new Map([
        ['a', 1],
        ['b', 2],
        ['c', 3],
      ]);
      dropOldest(map, max);
      expect([...map.keys()]).to.deep.equal(kept);
    });
  }
});
