import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import { Translator } from '../../../src/i18n/translator.js';
import { reconReportCards, reconSummaryCard } from '../../../src/features/recon/reconCards.js';
import type { ReconReport } from '../../../src/features/recon/reconReport.js';

const report: ReconReport = {
  customers: [
    {
      customerId: 'c1',
      customerName: 'Contoso',
      pricingCurrency: 'USD',
      billingCurrency: 'EUR',
      rows: 1240,
      excludedRows: 31,
      pecEarned: new Decimal('120.50'),
      pecLost: new Decimal('12.30'),
      pecEarnedBilling: new Decimal('101.96'),
      pecLostBilling: new Decimal('10.40'),
      lostByResource: [
        {
          resourceUri:
            '/subscriptions/s/resourceGroups/rg-web/providers/Microsoft.Compute/virtualMachines/web1',
          subscriptionId: 's',
          resourceGroup: 'rg-web',
          days: ['2026-07-05', '2026-07-06', '2026-07-07', '2026-07-20'],
          lost: new Decimal('12.30'),
          lostBilling: new Decimal('10.40'),
        },
      ],
      flagCounts: { pecMissing: 1, pecUnexpected: 0, effectivePriceMismatch: 0, totalMismatch: 2 },
      flaggedRows: [
        {
          line: 88,
          kind: 'pecMissing',
          usageDate: '2026-07-12',
          resourceUri: '/x/web1',
          meterName: 'D2s v3',
        },
      ],
    },
  ],
  import: {
    rowsRead: 1243,
    rowsAccepted: 1240,
    badRows: 3,
    errors: [{ line: 17, problems: ['Quantity must be a decimal number'] }],
  },
};

describe('recon report card', () => {
  it('shows PEC earned and lost, the days and resources that lost it, flagged lines and bad rows', () => {
    const [card] = reconReportCards(new Translator('en-US'), report, {
      fileName: 'july.csv',
      synthetic: true,
    });
    expect(card.title).to.equal('PEC reconciliation: Contoso');
    expect(card.facts[0].value).to.equal('€101.96 ($120.50)');
    expect(card.facts[1].value).to.equal('€10.40 ($12.30)');
    expect(card.topLost[0].text).to.equal(
      'web1 (rg-web): €10.40 lost on Jul 5, 2026 – Jul 7, 2026, Jul 20, 2026',
    );
    expect(card.flagged[0].text).to.match(/^Line 88, Jul 12, 2026, web1: no PEC although/);
    expect(card.flaggedTitle).to.equal('Rows to check');
    expect(card.footer)
      .to.match(/floor\(EffectiveUnitPrice × Quantity × PCToBCExchangeRate, 2\)/)
      .and.match(/estimates/);
  });

  it('reads naturally in Korean', () => {
    const [card] = reconReportCards(new Translator('ko-KR'), report, {
      fileName: 'july.csv',
      synthetic: false,
    });
    expect(card.facts[1].title).to.equal('놓친 PEC');
    expect(card.topLost[0].text).to.match(/^web1 \(rg-web\): €10\.40 손실/);
    expect(card.subtitle).to.equal('사용 내역 1,240행, july.csv');
  });

  it('says the file-level warnings once, on a summary before the customer cards', () => {
    const summary = reconSummaryCard(new Translator('en-US'), report, {
      fileName: 'july.csv',
      synthetic: true,
    });
    expect(summary.subtitle).to.equal('july.csv: 1 customer, 1,240 usage rows');
    expect(summary.warnings.map((n) => n.text)).to.deep.equal([
      'This file is SYNTHETIC test data, not a real Partner Center file.',
      '3 rows could not be read and were skipped (first lines: 17).',
    ]);
    expect(summary.facts[1]).to.deep.equal({ title: 'PEC lost', value: '€10.40' });
    expect(summary.customers.map((c) => c.text)).to.deep.equal(['Contoso: €10.40 lost, €101.96 earned']);
    const [card] = reconReportCards(new Translator('en-US'), report, {
      fileName: 'july.csv',
      synthetic: true,
    });
    expect(JSON.stringify(card)).not.to.contain('SYNTHETIC test data');
  });
});
