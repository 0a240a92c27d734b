import { expect } from 'chai';
import { estimateMonthFor, fxQuestionDay } from '../../../src/domain/billing/questionDefaults.js';

describe('what a billing question is about when it leaves something out (domain/billing/questionDefaults)', () => {
  const estimates: [string, { month?: string; date?: string }, string, string][] = [
    ['no month: the last complete month', {}, '2026-12-15T10:00:00Z', '2026-11'],
    ['no month in January: December of the year before', {}, '2027-01-01T00:00:00Z', '2026-12'],
    ['no month on the last instant of March (UTC)', {}, '2027-03-31T23:59:59Z', '2027-02'],
    ['a month named', { month: '2026-07' }, '2026-12-15T10:00:00Z', '2026-07'],
    ['a date named: its month', { date: '2026-09-14' }, '2026-12-15T10:00:00Z', '2026-09'],
  ];
  for (const [label, question, today, expected] of estimates) {
    it(`bill estimate, ${label} → ${expected}`, () => {
      expect(estimateMonthFor(question, new Date(today))).to.equal(expected);
    });
  }

  it('FX questions: the date asked about, else the first of the month, else nothing', () => {
    expect(fxQuestionDay({ date: '2026-09-14', month: '2026-07' })).to.equal('2026-09-14');
    expect(fxQuestionDay({ month: '2026-07' })).to.equal('2026-07-01');
    expect(fxQuestionDay({})).to.equal(undefined);
  });
});
