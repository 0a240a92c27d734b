import type { RegionRanking } from '../../domain/prices/cheapestRegion.js';
import type { Translator } from '../../i18n/translator.js';
import {
  displayName,
  perUnit,
  regionLabel,
  snapshotFooter,
  staleNote,
  unitPrice,
  type Fact,
} from './priceCards.js';

/** Regions shown in a ranking; the card says how many more have a price. */
export const RANKING_LIMIT = 5;

/** Data for `cards/price-ranking.json`. */
export interface PriceRankingCardData {
  readonly title: string;
  readonly subtitle: string;
  readonly rows: readonly Fact[];
  readonly notes: readonly { readonly text: string }[];
  readonly footer: string;
}

/** "Cheapest regions for D4s v5": top N regions with their price and how much dearer than the cheapest. */
export function buildRankingCard(
  ranking: Extract<RegionRanking, { kind: 'ranking' }>,
  t: Translator,
  limit = RANKING_LIMIT,
): PriceRankingCardData {
  const { ranked, snapshot } = ranking;
  const cheapest = ranked[0].row;
  const windows = /windows/i.test(cheapest.productName);
  const shown = ranked.slice(0, limit);
  const rows = shown.map((entry, index) => {
    const price = t.t('prices.perUnit', {
      price: unitPrice(t, entry.row.unitPrice),
      unit: perUnit(entry.row.unitOfMeasure, t),
    });
    const above = entry.percentAboveCheapest;
    return {
      title: `${index + 1}. ${regionLabel(entry.regionId, snapshot, t)}`,
      value:
        index === 0 || above.isZero()
          ? price
          : t.t('prices.ranking.above', { price, percent: t.number(above, 1) }),
    };
  });
  const label = (ids: readonly string[]) => ids.map((id) => regionLabel(id, snapshot, t));
  const notes: { text: string }[] = [
    { text: t.t('prices.ranking.covers', { regions: label(ranking.covered) }) },
  ];
  if (ranking.unpriced.length > 0)
    notes.push({ text: t.t('prices.ranking.unpriced', { regions: label(ranking.unpriced) }) });
  const stale = staleNote(snapshot, t);
  if (stale) notes.push({ text: stale });
  return {
    title: t.t('prices.ranking.title', {
      name: displayName(cheapest),
      os: t.t(windows ? 'prices.os.windows' : 'prices.os.linux'),
    }),
    subtitle: t.t('prices.ranking.count', { shown: shown.length, count: ranked.length }),
    rows,
    notes,
    footer: snapshotFooter(snapshot, t),
  };
}

/** The ranking as plain text (CLI). */
export function rankingText(data: PriceRankingCardData): string {
  return [
    data.title,
    data.subtitle,
    ...data.rows.map((r) => `${r.title}: ${r.value}`),
    ...data.notes.map((n) => n.text),
    data.footer,
  ].join('\n');
}
