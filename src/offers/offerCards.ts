import type { Translator } from '../i18n/translator.js';
import type { MessageKey } from '../i18n/messages/index.js';
import type { OfferComparisonTable } from '../domain/offers/offerComparison.js';

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
