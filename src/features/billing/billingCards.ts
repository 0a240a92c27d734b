import type { Translator } from '../../i18n/translator.js';
import type { InvoiceDates } from '../../domain/billing/billingPeriod.js';
import { AZURE_PLAN_BILLING } from '../../domain/billing/billingPeriod.js';
import type { FxMonth } from '../../domain/billing/fxMonth.js';
import type { MonthlyBillEstimate } from '../../domain/billing/monthlyBillEstimate.js';
import { monthLabel, type FactCardData } from '../shared/cardFormat.js';

/** Card name of every billing answer (template `cards/billing-answer.json`). */
export const BILLING_ANSWER_CARD = 'billing-answer';

function invoiceFacts(t: Translator, dates: InvoiceDates, fx?: FxMonth): FactCardData['facts'] {
  const facts = [
    {
      title: t.t('billing.fact.period'),
      value: t.t('billing.value.period', { start: t.date(dates.periodStart), end: t.date(dates.periodEnd) }),
    },
    // Translator.dateTime combines dateStyle with timeZoneName, which Intl rejects; the time is always midnight UTC.
    { title: t.t('billing.fact.invoiceDate'), value: `${t.date(dates.invoiceDate)} 00:00 UTC` },
    {
      title: t.t('billing.fact.dueDate'),
      value: dates.dueDate ? t.date(dates.dueDate) : t.t('billing.value.dueUnknown'),
    },
  ];
  if (fx) {
    facts.push({
      title: t.t('billing.fact.fxMonth'),
      value: t.t('billing.value.fxMonth', {
        month: monthLabel(t, fx.month),
        publishedOn: t.date(fx.publishedOn),
      }),
    });
  }
  return facts;
}

/** "Which invoice will usage on 15 October be on?" */
export function invoiceAnswerCard(t: Translator, dates: InvoiceDates, fx: FxMonth): FactCardData {
  return {
    title: t.t('billing.invoice.title', { date: t.date(dates.usageDate) }),
    subtitle: t.t('billing.invoice.subtitle'),
    facts: invoiceFacts(t, dates, fx),
    notes: [{ text: t.t('billing.invoice.note') }],
    footer: t.t('billing.footer.source', { source: AZURE_PLAN_BILLING.source }),
  };
}

/** A whole usage month ("when is the October invoice due?"). */
export function monthInvoiceCard(
  t: Translator,
  month: string,
  dates: InvoiceDates,
  fx: FxMonth,
): FactCardData {
  return {
    ...invoiceAnswerCard(t, dates, fx),
    title: t.t('billing.month.title', { month: monthLabel(t, month) }),
  };
}

/** The legacy offer's anniversary billing, for contrast. */
export function legacyInvoiceCard(t: Translator, dates: InvoiceDates, anniversaryDay: number): FactCardData {
  return {
    title: t.t('billing.legacy.title', { date: t.date(dates.usageDate) }),
    subtitle: t.t('billing.legacy.subtitle', { day: anniversaryDay }),
    facts: invoiceFacts(t, dates),
    notes: [{ text: t.t('billing.legacy.note') }],
    footer: t.t('billing.footer.source', {
      source: 'Partner Center "Billing basics", "Azure plan billing"',
    }),
  };
}

/** The FX month rule for a usage month. */
export function fxAnswerCard(t: Translator, fx: FxMonth): FactCardData {
  return {
    title: t.t('billing.fx.title', { month: monthLabel(t, fx.month) }),
    subtitle: t.t('billing.invoice.subtitle'),
    facts: [
      {
        title: t.t('billing.fact.fxMonth'),
        value: t.t('billing.value.fxMonth', {
          month: monthLabel(t, fx.month),
          publishedOn: t.date(fx.publishedOn),
        }),
      },
    ],
    notes: [{ text: t.t('billing.fx.note') }],
    footer: t.t('billing.footer.source', { source: fx.source }),
  };
}

/** A customer's monthly bill estimate, line by line (at most two lines per meter: with and without PEC). */
export function monthlyBillCard(
  t: Translator,
  estimate: MonthlyBillEstimate,
  customerName: string,
): FactCardData {
  const usd = (v: Parameters<Translator['money']>[0]): string => t.money(v, 'USD');
  const billed = (v: Parameters<Translator['money']>[0]): string => t.money(v, estimate.currency);
  const lines = estimate.lines.map((line) => ({
    title: t.t(line.withPec ? 'billing.line.withPec' : 'billing.line.withoutPec', { meter: line.meterName }),
    value: t.t('billing.value.line', {
      quantity: t.number(line.quantity),
      unitPrice: t.money(line.unitPrice, 'USD', 6),
      usd: usd(line.pricingTotal),
      billed: billed(line.billingTotal),
    }),
  }));
  return {
    title: t.t('billing.estimate.title', { customer: customerName, month: monthLabel(t, estimate.month) }),
    subtitle: t.t('billing.estimate.subtitle', { currency: estimate.currency }),
    facts: [
      ...lines,
      { title: t.t('billing.fact.listUsd'), value: usd(estimate.listUsd) },
      { title: t.t('billing.fact.pecUsd'), value: usd(estimate.pecUsd) },
      { title: t.t('billing.fact.billedUsd'), value: usd(estimate.billedUsd) },
      {
        title: t.t('billing.fact.fxRate', { month: monthLabel(t, estimate.fxMonth.month) }),
        value: t.t('billing.value.fxRate', {
          rate: t.number(estimate.fxRate, 9),
          currency: estimate.currency,
        }),
      },
      {
        title: t.t('billing.fact.billedTotal', { currency: estimate.currency }),
        value: billed(estimate.billedTotal),
      },
      ...invoiceFacts(t, estimate.invoice),
    ],
    notes: [{ text: t.t('billing.invoice.note') }],
    footer: t.t('billing.footer.rounding', { source: AZURE_PLAN_BILLING.source }),
  };
}
