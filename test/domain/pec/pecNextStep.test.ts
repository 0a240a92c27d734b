import { expect } from 'chai';
import type { PecAccessQuestion } from '../../../src/domain/pec/pecQuestion.js';
import { accessPeriodOf, pecNextStep } from '../../../src/domain/pec/pecNextStep.js';

const priced = { priced: true, meterExcluded: false };
const excludedMeter = { priced: true, meterExcluded: true };
const nothingPriced = { priced: false, meterExcluded: false };

describe('what a PEC question needs next (domain/pec/pecNextStep)', () => {
  const cases: [string, PecAccessQuestion, string, typeof priced, string, Record<string, unknown>][] = [
    [
      'usage that never earns PEC is answered without a price',
      { usage: 'reservation' },
      '2026-12',
      nothingPriced,
      'excludedUsage',
      { usage: 'reservation' },
    ],
    [
      '… unless the priced row is itself excluded',
      { usage: 'spot', role: 'Owner' },
      '2026-12',
      excludedMeter,
      'estimate',
      {},
    ],
    [
      'nothing priced, nothing deciding',
      { role: 'Owner', days: 20 },
      '2026-12',
      nothingPriced,
      'needPrice',
      {},
    ],
    ['no role told', { days: 20 }, '2026-12', priced, 'askRole', {}],
    ['a qualifying role without days', { role: 'Owner' }, '2026-12', priced, 'askDays', { daysInMonth: 31 }],
    [
      'a qualifying role without days in February 2027',
      { role: 'Contributor' },
      '2027-02',
      priced,
      'askDays',
      { daysInMonth: 28 },
    ],
    [
      'a role that never qualifies needs no days',
      { role: 'Reader' },
      '2026-12',
      priced,
      'estimate',
      { period: { kind: 'notGiven' } },
    ],
    [
      'role and days: estimate',
      { role: 'Owner', days: 20 },
      '2026-12',
      priced,
      'estimate',
      { period: { kind: 'days', days: 20 } },
    ],
    [
      'role for the full month',
      { role: 'Owner', fullMonth: true },
      '2026-12',
      priced,
      'estimate',
      { period: { kind: 'fullMonth' } },
    ],
    [
      '29 days do not fit February 2027: asked again',
      { role: 'Owner', days: 29 },
      '2027-02',
      priced,
      'askDays',
      { daysInMonth: 28, refusedDays: 29 },
    ],
    [
      '… but fit February 2028',
      { role: 'Owner', days: 29 },
      '2028-02',
      priced,
      'estimate',
      { period: { kind: 'days', days: 29 } },
    ],
    [
      'an excluded meter needs neither role nor days',
      {},
      '2026-12',
      excludedMeter,
      'estimate',
      { period: { kind: 'notGiven' } },
    ],
  ];
  for (const [label, access, month, price, kind, expected] of cases) {
    it(`${label} → ${kind}`, () => {
      const next = pecNextStep(access, month, price);
      expect(next.kind).to.equal(kind);
      for (const [key, value] of Object.entries(expected)) expect(next).to.have.deep.property(key, value);
    });
  }

  it('does not keep refused days', () => {
    const next = pecNextStep({ role: 'Owner', days: 40 }, '2026-12', priced);
    expect(next).to.deep.include({ kind: 'askDays', access: { role: 'Owner' } });
  });

  it('reads the access period', () => {
    expect(accessPeriodOf({ fullMonth: true, days: 3 })).to.deep.equal({ kind: 'fullMonth' });
    expect(accessPeriodOf({ days: 9.5 })).to.deep.equal({ kind: 'days', days: 9.5 });
    expect(accessPeriodOf({})).to.deep.equal({ kind: 'notGiven' });
  });
});
