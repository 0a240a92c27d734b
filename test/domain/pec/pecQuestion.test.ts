import { expect } from 'chai';
import {
  mergePecAccess,
  parsePecAccessQuestion,
  pecPricePart,
  type PecAccessQuestion,
} from '../../../src/domain/pec/pecQuestion.js';

const cases: Array<[string, PecAccessQuestion]> = [
  ['PEC on 730 h of D4s v5 in West Europe, Owner access for 20 days', { role: 'Owner', days: 20 }],
  ['Reader role', { role: 'Reader' }],
  ['오너 권한 20일', { role: 'Owner', days: 20 }],
  ['소유자 권한으로 한 달 내내', { role: 'Owner', fullMonth: true }],
  ['기여자 권한 리소스 그룹 15일', { role: 'Contributor', days: 15, scope: 'resourceGroup' }],
  ['Log Analytics Reader on the resource group', { role: 'Log Analytics Reader', scope: 'resourceGroup' }],
  [
    'Contributor on the subscription for the whole month',
    { role: 'Contributor', fullMonth: true, scope: 'subscription' },
  ],
  ['Fancy Operator role for 3 days', { role: 'Fancy Operator', days: 3 }],
  ['730 hours of D2s v3', {}],
  ['Owner for 20 of 30 days', { role: 'Owner', days: 20 }],
  ['소유자 권한, 30일 중 12일', { role: 'Owner', days: 12 }],
];

describe('PEC question (access part)', () => {
  for (const [text, expected] of cases) {
    it(`reads "${text}"`, () => {
      expect(parsePecAccessQuestion(text)).to.deep.equal(expected);
    });
  }
});

describe('PEC question: the price part and later answers', () => {
  const priceParts: Array<[string, string]> = [
    ['pec D4s v5 west europe Owner for 9.5 days', 'pec D4s v5 west europe Owner'],
    [
      'PEC on 730 h of D4s v5 in West Europe, Owner access for 20 days',
      'PEC on 730 h of D4s v5 in West Europe, Owner access',
    ],
    ['Owner for 20 of 30 days, 730 hours of D2s v3', 'Owner, 730 hours of D2s v3'],
    ['pec 서유럽 D4s v5 730시간, 오너 권한 20일', 'pec 서유럽 D4s v5 730시간, 오너 권한'],
    ['소유자 권한, 30일 중 12일 서유럽 D2s v3', '소유자 권한, 서유럽 D2s v3'],
    ['pec D2s v3 west europe 730 hours', 'pec D2s v3 west europe 730 hours'],
  ];
  for (const [text, expected] of priceParts) {
    it(`prices "${text}" as "${expected}" (access days are not usage)`, () => {
      expect(pecPricePart(text)).to.equal(expected);
    });
  }

  const merges: Array<[PecAccessQuestion, PecAccessQuestion, PecAccessQuestion]> = [
    [{ role: 'Owner' }, { days: 20 }, { role: 'Owner', days: 20 }],
    [{ role: 'Owner', days: 20 }, { fullMonth: true }, { role: 'Owner', fullMonth: true }],
    [{ role: 'Owner', fullMonth: true }, { days: 12 }, { role: 'Owner', days: 12 }],
    [{ role: 'Reader' }, { role: 'Owner' }, { role: 'Owner' }],
  ];
  for (const [previous, next, expected] of merges) {
    it(`${JSON.stringify(previous)} then ${JSON.stringify(next)} → ${JSON.stringify(expected)}`, () => {
      expect(mergePecAccess(previous, next)).to.deep.equal(expected);
    });
  }
});
