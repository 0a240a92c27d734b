import { expect } from 'chai';
import { Translator } from '../../src/i18n/translator.js';
import { availabilityAnswer } from '../../src/domain/markets/billingCurrency.js';
import { availabilityCard, availabilityNotFoundCard } from '../../src/markets/availabilityCards.js';

const norway = { countryCode: 'NO', countryNameEn: 'Norway', marketRegion: 'europe', currency: 'NOK' };

describe('availability and currency card', () => {
  it('answers Norway → NOK with the partner-currency rule and the table date', () => {
    const card = availabilityCard(
      new Translator('en-US'),
      availabilityAnswer(norway, '2026-11-26'),
      '2026-11-26',
    );
    expect(card.title).to.equal('Azure plan in Norway');
    expect(card.facts.find((f) => f.title === 'Billing currency')?.value).to.equal('NOK');
    expect(card.notes[0].text).to.match(/Since August 2021 .* partner's location currency/);
    expect(card.footer).to.match(/May 20, 2021/);
  });

  it('answers in Korean with the Korean country name', () => {
    const card = availabilityCard(
      new Translator('ko-KR'),
      availabilityAnswer(norway, '2026-11-26'),
      '2026-11-26',
    );
    expect(card.title).to.equal('노르웨이의 Azure 플랜');
    expect(card.notes[0].text).to.match(/2021년 8월부터/);
  });

  it('states the older customer-currency rule for a 2020 date', () => {
    const ireland = { countryCode: 'IE', countryNameEn: 'Ireland', marketRegion: 'europe', currency: 'EUR' };
    const card = availabilityCard(
      new Translator('en-US'),
      availabilityAnswer(ireland, '2020-10-01', norway),
      '2020-10-01',
    );
    expect(card.notes[0].text).to.match(/customer's country currency applied \(NOK\)/);
  });

  it('says plainly when the country is not in the table', () => {
    expect(availabilityNotFoundCard(new Translator('en-US'), 'Atlantis').title).to.match(
      /could not find "Atlantis"/,
    );
  });
});
