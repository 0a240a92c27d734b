import type { Translator } from '../../i18n/translator.js';
import { parseBillingQuestion } from '../../domain/billing/billingQuestion.js';
import {
  invoiceForUsageDate,
  invoiceForUsageMonth,
  legacyInvoiceForUsageDate,
} from '../../domain/billing/billingPeriod.js';
import { fxMonthFor } from '../../domain/billing/fxMonth.js';
import { estimateMonthFor, fxQuestionDay } from '../../domain/billing/questionDefaults.js';
import {
  fxAnswerCard,
  invoiceAnswerCard,
  legacyInvoiceCard,
  monthInvoiceCard,
  BILLING_ANSWER_CARD,
} from './billingCards.js';
import { monthLabel, type FactCardData } from '../shared/cardFormat.js';

export type BillingAnswerResult =
  | { kind: 'card'; card: typeof BILLING_ANSWER_CARD; data: FactCardData }
  /** Something is missing: send `text` and wait for the user's reply. */
  | { kind: 'ask'; text: string }
  /** A bill estimate needs the customer's usage: the caller loads it and calls `monthlyBillCard`. */
  | { kind: 'monthlyEstimate'; month: string; text: string };

/**
 * Answers a billing question typed after the `billing` command (English or Korean): which invoice a
 * usage date lands on, when it is due, which FX month applies, the legacy anniversary contrast.
 */
export function answerBillingQuestion(t: Translator, text: string, today: Date): BillingAnswerResult {
  const q = parseBillingQuestion(text, today);
  const card = (data: FactCardData): BillingAnswerResult => ({
    kind: 'card',
    card: BILLING_ANSWER_CARD,
    data,
  });
  switch (q.topic) {
    case 'legacy':
      if (!q.date) return { kind: 'ask', text: t.t('billing.ask.date') };
      if (q.anniversaryDay === undefined) return { kind: 'ask', text: t.t('billing.ask.anniversary') };
      return card(
        legacyInvoiceCard(t, legacyInvoiceForUsageDate(q.date, q.anniversaryDay), q.anniversaryDay),
      );
    case 'fx': {
      const day = fxQuestionDay(q);
      if (!day) return { kind: 'ask', text: t.t('billing.ask.date') };
      return card(fxAnswerCard(t, fxMonthFor(day)));
    }
    case 'estimate': {
      const month = estimateMonthFor(q, today);
      return {
        kind: 'monthlyEstimate',
        month,
        text: t.t('billing.ask.estimateNeedsUsage', { month: monthLabel(t, month) }),
      };
    }
    default:
      if (q.date) return card(invoiceAnswerCard(t, invoiceForUsageDate(q.date), fxMonthFor(q.date)));
      if (q.month)
        return card(monthInvoiceCard(t, q.month, invoiceForUsageMonth(q.month), fxMonthFor(`${q.month}-01`)));
      return { kind: 'ask', text: t.t('billing.ask.date') };
  }
}
