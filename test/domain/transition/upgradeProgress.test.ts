import { expect } from 'chai';
import type { ProductUpgrade, UpgradeLineItem } from '../../../src/domain/transition/productUpgrade.js';
import { upgradeProgress } from '../../../src/domain/transition/upgradeProgress.js';

function upgrade(status: ProductUpgrade['status'], lines: UpgradeLineItem['status'][]) {
  return { status, lineItems: lines.map((line) => ({ status: line }) as UpgradeLineItem) };
}

describe('how far a transition has got (domain/transition/upgradeProgress)', () => {
  const cases: [string, ReturnType<typeof upgrade>, Record<string, number | boolean>][] = [
    [
      'still running, one of three moved',
      upgrade('inProgress', ['completed', 'inProgress', 'pending']),
      { done: 1, failed: 0, total: 3, finished: false, succeeded: false },
    ],
    [
      'completed with every subscription moved',
      upgrade('completed', ['completed', 'completed']),
      { done: 2, failed: 0, total: 2, finished: true, succeeded: true },
    ],
    [
      'completed although one subscription failed: not a success',
      upgrade('completed', ['completed', 'failed']),
      { done: 1, failed: 1, total: 2, finished: true, succeeded: false },
    ],
    [
      'failed',
      upgrade('failed', ['failed']),
      { done: 0, failed: 1, total: 1, finished: true, succeeded: false },
    ],
    [
      'not started yet',
      upgrade('pending', ['pending']),
      { done: 0, failed: 0, total: 1, finished: false, succeeded: false },
    ],
  ];
  for (const [label, input, expected] of cases) {
    it(label, () => {
      expect(upgradeProgress(input)).to.deep.equal(expected);
    });
  }
});
