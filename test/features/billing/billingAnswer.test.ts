import { expect } from 'chai';
import { Translator } from '../../../src/i18n/translator.js';
import { answerBillingQuestion } from '../../../src/features/billing/billingAnswer.js';

const today = new Date('2026-11-26T10:00:00Z');
const en = new Translator('en-US');
const ko = new Translator('ko-KR');

describe('billing questions end to end (text → card data)', () => {
  it('"Which invoice will usage on 15 October be on?" → the 8 November invoice, due 7 January', () => {
    const r = answerBillingQuestion(en, 'Which invoice will usage on 15 October be on?', today);
    expect(r.kind).to.equal('card');
    if (r.kind !== 'card') return;
    expect(r.card).to.equal('billing-answer');
    expect(r.data.facts.map((f) => f.value)).to.include.members(['Nov 8, 2026 00:00 UTC', 'Jan 7, 2027']);
  });

  it('"10월 15일 사용분은 어느 청구서에 나오나요?" → Korean card', () => {
    const r = answerBillingQuestion(ko, '10월 15일 사용분은 어느 청구서에 나오나요?', today);
    expect(r.kind === 'card' && r.data.facts[1].value).to.equal('2026년 11월 8일 00:00 UTC');
  });

  it('a whole month: "when is the October invoice due?"', () => {
    const r = answerBillingQuestion(en, 'When is the October invoice due?', today);
    expect(r.kind === 'card' && r.data.title).to.equal('Azure plan invoice for usage in October 2026');
  });

  it('FX month: "which FX rate applies to December 2026?"', () => {
    const r = answerBillingQuestion(en, 'Which FX rate applies to December 2026?', today);
    expect(r.kind === 'card' && r.data.facts[0].value).to.equal(
      'Rate of December 2026, published Nov 30, 2026',
    );
  });

  it("asks back when no date is given, in the user's language", () => {
    expect(answerBillingQuestion(en, 'which invoice?', today)).to.deep.include({ kind: 'ask' });
    const r = answerBillingQuestion(ko, '청구서 언제 나와요?', today);
    expect(r.kind === 'ask' && r.text).to.match(/어느 사용일/);
  });

  it('legacy contrast needs the anniversary day, and asks for it', () => {
    expect(answerBillingQuestion(en, 'legacy offer usage on 15 October', today).kind).to.equal('ask');
    const r = answerBillingQuestion(en, 'legacy offer, anniversary 20, usage on 15 October', today);
    expect(r.kind === 'card' && r.data.facts[0].value).to.equal('Sep 20, 2026 – Oct 19, 2026');
  });

  it('a bill estimate hands over to the caller with the month to load usage for', () => {
    expect(answerBillingQuestion(en, 'estimate the October bill', today)).to.deep.include({
      kind: 'monthlyEstimate',
      month: '2026-10',
    });
  });
});
