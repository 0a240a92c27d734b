import { expect } from 'chai';
import { Translator } from '../../../src/i18n/translator.js';
import { availabilityAnswer, notSoldAnswer } from '../../../src/domain/markets/billingCurrency.js';
import { notSoldIn } from '../../../src/domain/markets/notSold.js';
import {
  availabilityCard,
  availabilityNotFoundCard,
  notSoldCard,
} from '../../../src/features/availability/availabilityCards.js';
import { CardRenderer, defaultCardDirectories } from '../../../src/cards/cardRenderer.js';
import { adaptiveCardProblems } from '../../cards/adaptiveCardValidator.js';

const norway = { countryCode: 'NO', countryNameEn: 'Norway', marketRegion: 'europe', currency: 'NOK' };
const us = {
  countryCode: 'US',
  countryNameEn: 'United States',
  marketRegion: 'united-states',
  currency: 'USD',
};
const ireland = { countryCode: 'IE', countryNameEn: 'Ireland', marketRegion: 'europe', currency: 'EUR' };
const contoso = { name: 'Contoso Cloud Partners', country: 'US' };

describe('availability and currency card', () => {
  it("a US partner asking about Norway is billed in USD (partner's location rule), and is told so", () => {
    const card = availabilityCard(
      new Translator('en-US'),
      availabilityAnswer(norway, '2026-11-26', us),
      '2026-11-26',
      contoso,
    );
    expect(card.title).to.equal('Azure plan in Norway');
    expect(card.facts.find((f) => f.title === 'Billing currency')?.value).to.match(/^USD /);
    expect(card.facts.find((f) => f.title === 'Currency rule')?.value).to.equal(
      "Partner's location (since August 2021)",
    );
    expect(card.facts.find((f) => f.title === "Customer country's currency")?.value).to.equal('NOK');
    expect(card.notes[0].text).to.match(/Since August 2021 .* partner's location currency/i);
    expect(card.notes[0].text).to.contain('The location of Contoso Cloud Partners is United States');
    expect(card.notes[0].text).to.contain('billed to you in USD, not in NOK');
    expect(card.footer).to.match(/May 20, 2021/);
  });

  it('answers in Korean with the Korean country name and the rule', () => {
    const card = availabilityCard(
      new Translator('ko-KR'),
      availabilityAnswer(norway, '2026-11-26', us),
      '2026-11-26',
      contoso,
    );
    expect(card.title).to.equal('노르웨이의 Azure 플랜');
    expect(card.notes[0].text).to.match(/2021년 8월부터/);
    expect(card.notes[0].text).to.contain('USD로 청구됩니다(NOK 아님)');
    expect(card.facts.find((f) => f.title === '통화 규칙')?.value).to.equal('파트너 소재지(2021년 8월부터)');
  });

  it('states the older customer-currency rule for a 2020 date', () => {
    const card = availabilityCard(
      new Translator('en-US'),
      availabilityAnswer(norway, '2020-10-01', ireland),
      '2020-10-01',
      { name: 'Dublin Partner', country: 'IE' },
    );
    expect(card.notes[0].text).to.match(/customer's country currency applied \(NOK\)/);
    expect(card.facts.find((f) => f.title === 'Currency rule')?.value).to.equal(
      "Customer's country (before 2021)",
    );
  });

  it('says plainly when the country is not in the table', () => {
    expect(availabilityNotFoundCard(new Translator('en-US'), 'Atlantis').title).to.match(
      /could not find "Atlantis"/,
    );
  });

  const renderer = new CardRenderer(defaultCardDirectories());
  for (const locale of ['en-US', 'ko-KR'] as const) {
    it(`${locale}: the "not sold in China" card names China, CN and 21Vianet, and validates`, () => {
      const t = new Translator(locale);
      const data = notSoldCard(t, notSoldAnswer(notSoldIn('CN')!));
      expect(data.title).to.contain(locale === 'ko-KR' ? '중국(CN)' : 'China (CN)');
      expect(data.notes[0].text).to.contain('21Vianet');
      expect(JSON.stringify(data)).to.not.match(/yet|아직|could not find|찾지 못했/);
      expect(adaptiveCardProblems(renderer.render('availability-answer', data))).to.deep.equal([]);
    });
  }
});
