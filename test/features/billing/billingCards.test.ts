import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import { Translator } from '../../../src/i18n/translator.js';
import { invoiceForUsageDate, legacyInvoiceForUsageDate } from '../../../src/domain/billing/billingPeriod.js';
import { fxMonthFor, InMemoryFxRates } from '../../../src/domain/billing/fxMonth.js';
import { MonthlyBillEstimator } from '../../../src/domain/billing/monthlyBillEstimate.js';
import {
  fxAnswerCard,
  invoiceAnswerCard,
  legacyInvoiceCard,
  monthlyBillCard,
} from '../../../src/features/billing/billingCards.js';

const en = new Translator('en-US');
const ko = new Translator('ko-KR');

describe('billing answer cards', () => {
  it('answers "which invoice will usage on 15 October be on?" with period, invoice date and net-60 due date', () => {
    const card = invoiceAnswerCard(en, invoiceForUsageDate('2026-10-15'), fxMonthFor('2026-10-15'));
    expect(card.facts.map((f) => f.value)).to.deep.equal([
      'Oct 1, 2026 – Oct 31, 2026',
      'Nov 8, 2026 00:00 UTC',
      'Jan 7, 2027',
      'Rate of October 2026, published Sep 30, 2026',
    ]);
    expect(card.footer).to.match(/Source: Partner Center/);
  });

  it('answers in Korean', () => {
    const card = invoiceAnswerCard(ko, invoiceForUsageDate('2026-10-15'), fxMonthFor('2026-10-15'));
    expect(card.title).to.equal('2026년 10월 15일 사용분은 어느 청구서에 나오나요?');
    expect(card.facts[1].value).to.equal('2026년 11월 8일 00:00 UTC');
  });

  it('contrasts the legacy anniversary billing and does not invent a due date', () => {
    const card = legacyInvoiceCard(en, legacyInvoiceForUsageDate('2026-10-15', 20), 20);
    expect(card.facts[0].value).to.equal('Sep 20, 2026 – Oct 19, 2026');
    expect(card.facts[2].value).to.equal('Not stated in our sources');
  });

  it('explains the FX month rule', () => {
    expect(fxAnswerCard(en, fxMonthFor('2026-12-05')).facts[0].value).to.equal(
      'Rate of December 2026, published Nov 30, 2026',
    );
  });

  it('shows a monthly bill estimate with the documented EUR total and says it is an estimate rounded down', () => {
    const SUB = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
    const resource = {
      subscriptionId: SUB,
      resourceGroup: 'rg',
      resourceUri: `/subscriptions/${SUB}/resourceGroups/rg/x`,
    };
    const estimate = new MonthlyBillEstimator().estimate({
      month: '2026-07',
      currency: 'EUR',
      lines: Array.from({ length: 29 }, (_, i) => ({
        usageDate: `2026-07-${String(i + 1).padStart(2, '0')}`,
        meterId: 'm',
        meterName: 'Test meter',
        resource,
        quantity: new Decimal(1),
        unitPrice: new Decimal('0.868'),
      })),
      grants: [
        {
          role: 'Owner',
          scope: { level: 'subscription', subscriptionId: SUB },
          from: '2026-07-01',
          to: null,
        },
      ],
      fx: new InMemoryFxRates([
        { currency: 'EUR', month: '2026-07', pcToBcRate: new Decimal('0.846202666') },
      ]),
    });
    const card = monthlyBillCard(en, estimate, 'Contoso');
    expect(card.facts.find((f) => f.title === 'Billed in EUR (estimate)')?.value).to.equal('€18.10');
    expect(card.facts[0].title).to.equal('Test meter (with PEC)');
    expect(card.footer)
      .to.match(/Estimates before tax/)
      .and.match(/floor/);
  });
});
