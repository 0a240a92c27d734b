import { expect } from 'chai';
import { holdsNothing } from '../../src/bot/emptyState.js';

describe('holdsNothing: a state that reads back the same as no state', () => {
  const cases: Array<[string, unknown, boolean]> = [
    ['nothing', undefined, true],
    ['an empty object', {}, true],
    ['botbuilder defaults', { dialogState: { dialogStack: [] }, flowState: { prompts: [] } }, true],
    ['only an eTag', { eTag: 'abc' }, true],
    ['a waiting dialog', { dialogState: { dialogStack: [{ id: 'pec' }] } }, false],
    ['a remembered language', { lastTypedLocale: 'ko-KR' }, false],
    ['a zero', { count: 0 }, false],
    ['false', { seen: false }, false],
    ['an empty string', { text: '' }, false],
  ];
  for (const [name, state, expected] of cases) {
    it(`${name}: ${expected ? 'nothing' : 'something'}`, () => {
      expect(holdsNothing(state)).to.equal(expected);
    });
  }
});
