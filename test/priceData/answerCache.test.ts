import { expect } from 'chai';
import { AnswerCache } from '../../src/priceData/answerCache.js';

describe('AnswerCache: a price question asked again is answered from what was worked out', () => {
  const at = (iso: string) => new Date(iso);
  const counting = () => {
    let calls = 0;
    return {
      answer: (text: string) => () => {
        calls += 1;
        return { text, n: calls };
      },
      calls: () => calls,
    };
  };

  it('the same question on the same data within a minute: worked out once, the same answer', () => {
    const cache = new AnswerCache<{ text: string; n: number }>();
    const c = counting();
    const data = [{}, {}];
    const first = cache.get('D4s v5 west europe', data, at('2026-12-15T10:00:05Z'), c.answer('a'));
    const again = cache.get('D4s v5 west europe', data, at('2026-12-15T10:00:55Z'), c.answer('a'));
    expect(again).to.equal(first);
    expect(c.calls()).to.equal(1);
  });

  const changes: Array<[string, (data: unknown[]) => unknown[], string, string]> = [
    ['another question', (d) => d, 'D4s v5 north europe', '2026-12-15T10:00:10Z'],
    [
      'a new snapshot (a price data object replaced)',
      (d) => [{}, d[1]],
      'D4s v5 west europe',
      '2026-12-15T10:00:10Z',
    ],
    ['the next minute (effective dates, freshness)', (d) => d, 'D4s v5 west europe', '2026-12-15T10:01:00Z'],
  ];
  for (const [name, change, question, when] of changes) {
    it(`${name}: worked out again`, () => {
      const cache = new AnswerCache<{ text: string; n: number }>();
      const c = counting();
      const data = [{}, {}];
      cache.get('D4s v5 west europe', data, at('2026-12-15T10:00:05Z'), c.answer('a'));
      cache.get(question, change(data), at(when), c.answer('b'));
      expect(c.calls()).to.equal(2);
    });
  }

  it('keeps at most maxAnswers (the least recently asked goes first)', () => {
    const cache = new AnswerCache<{ text: string; n: number }>(2);
    const c = counting();
    const data = [{}];
    const now = at('2026-12-15T10:00:05Z');
    cache.get('q1', data, now, c.answer('1'));
    cache.get('q2', data, now, c.answer('2'));
    cache.get('q1', data, now, c.answer('1'));
    cache.get('q3', data, now, c.answer('3'));
    cache.get('q1', data, now, c.answer('1'));
    expect(c.calls()).to.equal(3);
    cache.get('q2', data, now, c.answer('2'));
    expect(c.calls()).to.equal(4);
  });
});
