import { expect } from 'chai';
import { parseBillingQuestion, type BillingQuestion } from '../../../src/domain/billing/billingQuestion.js';

const today = new Date('2026-11-26T12:00:00Z');
const cases: Array<[string, BillingQuestion]> = [
  ['Which invoice will usage on 15 October be on?', { topic: 'invoice', date: '2026-10-15' }],
  ['usage on Oct 15 2026', { topic: 'invoice', date: '2026-10-15' }],
  ['October 15th, 2025 usage', { topic: 'invoice', date: '2025-10-15' }],
  ['2026-10-15', { topic: 'invoice', date: '2026-10-15' }],
  ['10월 15일 사용량은 어느 청구서에 나오나요?', { topic: 'invoice', date: '2026-10-15' }],
  ['2025년 3월 1일 사용분 청구서', { topic: 'invoice', date: '2025-03-01' }],
  ['When is the October invoice due?', { topic: 'due', month: '2026-10' }],
  ['10월 청구서 납부 기한은?', { topic: 'due', month: '2026-10' }],
  ['Which FX rate applies to 2026-12?', { topic: 'fx', month: '2026-12' }],
  ['11월 환율은 언제 나와요?', { topic: 'fx', month: '2026-11' }],
  ['legacy offer billing for 3 March', { topic: 'legacy', date: '2026-03-03' }],
  ['Which invoice for 31 February?', { topic: 'invoice' }],
];

describe('billing question parser (English and Korean)', () => {
  for (const [text, expected] of cases) {
    it(`reads "${text}"`, () => expect(parseBillingQuestion(text, today)).to.deep.equal(expected));
  }
});

describe('billing question parser: legacy anniversary day', () => {
  it('reads the anniversary day apart from the usage date', () => {
    expect(
      parseBillingQuestion('legacy offer, anniversary day 20, usage on 15 October', today),
    ).to.deep.equal({
      topic: 'legacy',
      date: '2026-10-15',
      anniversaryDay: 20,
    });
    expect(parseBillingQuestion('기존 오퍼 청구 기념일 20일, 10월 15일 사용분', today)).to.deep.equal({
      topic: 'legacy',
      date: '2026-10-15',
      anniversaryDay: 20,
    });
  });
});
