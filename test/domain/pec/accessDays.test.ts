import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import { parsePecAccessQuestion } from '../../../src/domain/pec/pecQuestion.js';
import { checkAccessDays } from '../../../src/domain/pec/accessDays.js';
import { PecEstimator } from '../../../src/domain/pec/pecEstimate.js';
import { wholeDaysOf } from '../../../src/domain/pec/wholeDay.js';
import { fixedClock } from '../../../src/domain/clock.js';

const estimate = (days: number, month = '2026-09') =>
  new PecEstimator().estimate({
    unitPrice: new Decimal('0.12'),
    quantity: new Decimal(730),
    month,
    access: { kind: 'days', days },
    role: 'Owner',
  });

describe('PEC whole-day rule with fractional days', () => {
  const stated: Array<[string, number]> = [
    ['Owner for 9.5 days', 9.5],
    ['pec D4s v5 west europe Owner for 9.5 days', 9.5],
    ['Owner access for 0.5 days', 0.5],
    ['소유자 권한 9.5일', 9.5],
    ['Contributor for 12.75 days', 12.75],
    ['Owner for 20 days', 20],
    ['Owner for 100 days', 100],
  ];
  for (const [text, days] of stated) {
    it(`reads "${text}" as ${days} days (not the digits after the point)`, () => {
      expect(parsePecAccessQuestion(text).days).to.equal(days);
    });
  }

  const whole: Array<[number, number]> = [
    [9.5, 9],
    [9.99, 9],
    [0.5, 0],
    [20, 20],
  ];
  for (const [days, expected] of whole) {
    it(`${days} days of access are ${expected} whole UTC days`, () => {
      expect(wholeDaysOf(days)).to.equal(expected);
      const r = estimate(days);
      expect(r.eligibleDays).to.equal(expected);
    });
  }

  it('says that 9.5 days count as 9 whole days', () => {
    expect(estimate(9.5).reasons).to.deep.include({
      code: 'wholeDaysOnly',
      params: { stated: 9.5, days: 9 },
    });
  });
});

describe('PEC: more access days than the month has are refused', () => {
  // The month comes from the clock, never from today's date.
  const month = (iso: string): string => fixedClock(iso).now().toISOString().slice(0, 7);
  const cases: Array<{ clock: string; days: number; ok: boolean; daysInMonth: number }> = [
    { clock: '2026-12-15T12:00:00Z', days: 32, ok: false, daysInMonth: 31 },
    { clock: '2026-12-15T12:00:00Z', days: 31, ok: true, daysInMonth: 31 },
    { clock: '2026-11-26T12:00:00Z', days: 31, ok: false, daysInMonth: 30 },
    { clock: '2027-02-10T12:00:00Z', days: 29, ok: false, daysInMonth: 28 },
    { clock: '2027-02-10T12:00:00Z', days: 28, ok: true, daysInMonth: 28 },
    { clock: '2028-02-10T12:00:00Z', days: 29, ok: true, daysInMonth: 29 },
    { clock: '2028-02-10T12:00:00Z', days: 30, ok: false, daysInMonth: 29 },
    { clock: '2027-02-10T12:00:00Z', days: 27.5, ok: true, daysInMonth: 28 },
    { clock: '2027-02-10T12:00:00Z', days: 28.5, ok: false, daysInMonth: 28 },
  ];
  for (const c of cases) {
    it(`${c.days} days in ${month(c.clock)} (${c.daysInMonth} days): ${c.ok ? 'allowed' : 'refused'}`, () => {
      const check = checkAccessDays(c.days, month(c.clock));
      expect(check).to.deep.equal(
        c.ok
          ? { ok: true, days: Math.floor(c.days), daysInMonth: c.daysInMonth }
          : { ok: false, problem: 'moreThanMonth', days: c.days, daysInMonth: c.daysInMonth },
      );
    });
  }
});
