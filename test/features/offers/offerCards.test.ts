import { expect } from 'chai';
import { Translator } from '../../../src/i18n/translator.js';
import { OFFER_COMPARISONS, LEGACY_VS_AZURE_PLAN } from '../../../src/domain/offers/offerComparison.js';
import { offersComparisonCard } from '../../../src/features/offers/offerCards.js';

describe('offer comparison card', () => {
  for (const locale of ['en-US', 'ko-KR'] as const) {
    it(`translates every column, row and value in ${locale}`, () => {
      for (const table of OFFER_COMPARISONS) {
        const card = offersComparisonCard(new Translator(locale), table);
        const texts = [
          card.title,
          ...card.header.map((h) => h.text),
          ...card.rows.flatMap((r) => r.cells.map((c) => c.text)),
        ];
        expect(
          texts.filter((text) => text.startsWith('billing.')),
          `${locale} ${table.id}`,
        ).to.deep.equal([]);
        expect(card.rows).to.have.length(table.rows.length);
        for (const row of card.rows) expect(row.cells).to.have.length(table.columns.length + 1);
      }
    });
  }

  it('shows the legacy contrast rows a partner asks about, with the source and the inferred note', () => {
    const card = offersComparisonCard(new Translator('en-US'), LEGACY_VS_AZURE_PLAN);
    const billing = card.rows.find((r) => r.cells[0].text === 'Billing period')!;
    expect(billing.cells.map((c) => c.text)).to.deep.equal([
      'Billing period',
      "Monthly from the partner's billing anniversary",
      'Calendar month; invoice on the 8th; net 60',
    ]);
    expect(card.subtitle).to.match(/^Source: Partner Center/);
    expect(card.notes).to.have.length(1);
  });
});

describe('offer comparison: which table', () => {
  it('picks the new-commerce table when asked about new commerce, reservations or marketplace', async () => {
    const { pickComparison } = await import('../../../src/features/offers/offerCards.js');
    expect(pickComparison('compare new commerce offers')).to.equal('newCommerce');
    expect(pickComparison('신규 커머스 비교')).to.equal('newCommerce');
    expect(pickComparison('legacy vs Azure plan')).to.equal('legacyVsPlan');
    expect(pickComparison('')).to.equal('legacyVsPlan');
  });
});
