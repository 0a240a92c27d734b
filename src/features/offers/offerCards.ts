import type { Translator } from '../../i18n/translator.js';
import type { MessageKey } from '../../i18n/messages/index.js';
import type { OfferComparisonTable } from '../../domain/offers/offerComparison.js';

export const OFFERS_COMPARISON_CARD = 'offers-comparison';

export interface OffersComparisonCardData {
  title: string;
  subtitle: string;
  columns: Array<{ width: number }>;
  header: Array<{ text: string }>;
  rows: Array<{ cells: Array<{ text: string }> }>;
  notes: Array<{ text: string }>;
}

/** The comparison table with localized row labels, column headers and cell values. */
export function offersComparisonCard(t: Translator, table: OfferComparisonTable): OffersComparisonCardData {
  const key = (k: string): string => t.t(k as MessageKey);
  return {
    title: key(`billing.offers.title.${table.id}`),
    subtitle: t.t('billing.offers.subtitle', { source: table.source, asOf: table.asOf }),
    columns: [{ width: 2 }, ...table.columns.map(() => ({ width: 3 }))],
    header: [
      { text: t.t('billing.offers.col.topic') },
      ...table.columns.map((c) => ({ text: key(`billing.offers.col.${c}`) })),
    ],
    rows: table.rows.map((row) => ({
      cells: [
        { text: key(`billing.offers.row.${row.id}`) },
        ...row.values.map((v) => ({ text: key(`billing.offers.value.${v}`) })),
      ],
    })),
    notes: table.inferred ? [{ text: t.t('billing.offers.inferred') }] : [],
  };
}

/** "compare offers" → legacy vs Azure plan; "new commerce" / "신규 커머스" / "NCE" → the new-commerce table. */
export function pickComparison(text: string): OfferComparisonTable['id'] {
  return /new[- ]?commerce|\bnce\b|신규|뉴\s*커머스|reservation|marketplace|예약|마켓플레이스/i.test(text)
    ? 'newCommerce'
    : 'legacyVsPlan';
}
