import { expect } from 'chai';
import { Readable } from 'node:stream';
import { Decimal } from 'decimal.js';
import { CardRenderer, defaultCardDirectories } from '../../../src/cards/cardRenderer.js';
import { Translator } from '../../../src/i18n/translator.js';
import { adaptiveCardProblems } from '../../cards/adaptiveCardValidator.js';
import { answerPecQuestion } from '../../../src/features/pec/pecAnswer.js';
import { answerBillingQuestion } from '../../../src/features/billing/billingAnswer.js';
import { offersComparisonCard } from '../../../src/features/offers/offerCards.js';
import { OFFER_COMPARISONS } from '../../../src/domain/offers/offerComparison.js';
import { answerAvailabilityQuestion } from '../../../src/features/availability/availabilityAnswer.js';
import { MarketTable } from '../../../src/domain/markets/marketTable.js';
import { reconReportCards } from '../../../src/features/recon/reconCards.js';
import { reconcileDailyRatedUsage } from '../../../src/features/recon/reconcile.js';
import { DAILY_RATED_USAGE_COLUMNS } from '../../../src/features/recon/reconColumns.js';

const renderer = new CardRenderer(defaultCardDirectories());
const today = new Date('2026-11-26T10:00:00Z');
const price = {
  unitPrice: new Decimal('0.12'),
  quantity: new Decimal(730),
  unitOfMeasure: '1 Hour',
  meterLabel: 'D2s v3, West Europe',
  meter: { meterName: 'D2s v3' },
  priceSource: 'Azure Retail Prices API',
  snapshot: 'snapshot of Aug 22, 2026',
};

async function reconCardData(t: Translator): Promise<object> {
  const values: Record<string, string> = {
    CustomerId: '14876998-c0dc-46e6-9d0c-65a57a6c32ec',
    CustomerName: 'Contoso',
    SubscriptionId: 'plan',
    EntitlementId: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
    ResourceGroup: 'rg',
    ResourceURI: '/subscriptions/aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee/resourceGroups/rg/providers/x/vm1',
    UsageDate: '2026-07-03',
    MeterId: 'm',
    UnitPrice: '0.12',
    Quantity: '24',
    EffectiveUnitPrice: '0.12',
    BillingPreTaxTotal: '2.43',
    BillingCurrency: 'EUR',
    PricingCurrency: 'USD',
    PCToBCExchangeRate: '0.846202666',
    PartnerEarnedCreditPercentage: '0',
  };
  const csv = [
    DAILY_RATED_USAGE_COLUMNS.join(','),
    DAILY_RATED_USAGE_COLUMNS.map((c) => values[c] ?? '').join(','),
  ].join('\n');
  const report = await reconcileDailyRatedUsage(Readable.from(csv), []);
  return reconReportCards(t, report, { fileName: 'july.csv', synthetic: false })[0];
}

describe('issue-7 cards render and validate in English and Korean', () => {
  for (const locale of ['en-US', 'ko-KR'] as const) {
    it(`${locale}: PEC, billing, offers, availability and recon cards`, async () => {
      const t = new Translator(locale);
      const cards: Array<[string, object]> = [];
      const pec = answerPecQuestion(t, 'Owner for 10 days', price, { today });
      if (pec.kind === 'card') cards.push([pec.card, pec.data]);
      const billing = answerBillingQuestion(t, '2026-10-15', today);
      if (billing.kind === 'card') cards.push([billing.card, billing.data]);
      for (const table of OFFER_COMPARISONS)
        cards.push(['offers-comparison', offersComparisonCard(t, table)]);
      const markets = new MarketTable([
        { countryCode: 'NO', countryNameEn: 'Norway', marketRegion: 'europe', currency: 'NOK' },
      ]);
      const partner = { name: 'Contoso Cloud Partners', country: 'US' };
      const found = answerAvailabilityQuestion(t, markets, 'Norway', today, partner);
      const missing = answerAvailabilityQuestion(t, markets, 'Atlantis', today, partner);
      cards.push(
        [found.card, found.data],
        [missing.card, missing.data],
        ['recon-report', await reconCardData(t)],
      );
      expect(cards).to.have.length(7);
      for (const [name, data] of cards) {
        const card = renderer.render(name, data);
        expect(adaptiveCardProblems(card), `${locale} ${name}`).to.deep.equal([]);
        expect(JSON.stringify(card).length, `${locale} ${name}`).to.be.below(28 * 1024);
      }
    });
  }
});
