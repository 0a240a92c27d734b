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
import { pageOf } from '../../domain/paging/paging.js';
import { pagingCardData } from '../shared/pagingPresenter.js';

/** Regions per page of a ranking ("Previous"/"Next" page through every region with a price). */
export const RANKING_LIMIT = 5;
/** Regions named in the "covers" / "no price in" notes; more are counted, not named. */
export const RANKING_NAMED_REGIONS = 60;
/** "Previous"/"Next" of a ranking: `{ question, offset }`, the question without its ranking words. */
export const PRICE_RANKING_VERB = 'price.ranking';

/** Data for `cards/price-ranking.json`. */
export interface PriceRankingCardData {
  readonly title: string;
  readonly subtitle: string;
  /** "6–10 of 60 regions". */
  readonly count: string;
  readonly rows: readonly Fact[];
  readonly notes: readonly { readonly text: string }[];
  readonly pager: readonly { readonly title: string; readonly data: Record<string, unknown> }[];
  readonly footer: string;
}

/** Which page of a ranking, and the question the paging buttons ask again. */
export interface RankingPage {
  readonly question: string;
  readonly offset: number;
}

/**
 * "Cheapest regions for D4s v5": one page of the regions with a price (`limit` a page, from
 * `page.offset`), each with its price and how much dearer than the cheapest; "Previous"/"Next"
 * ask the same question again for the page before / after.
 */
export function buildRankingCard(
  ranking: Extract<RegionRanking, { kind: 'ranking' }>,
  t: Translator,
  limit = RANKING_LIMIT,
  page: RankingPage = { question: '', offset: 0 },
): PriceRankingCardData {
  const { ranked, snapshot } = ranking;
  const cheapest = ranked[0].row;
  const windows = /windows/i.test(cheapest.productName);
  const shown = pageOf(ranked, { offset: page.offset, size: limit });
  const rows = shown.items.map((entry, pageIndex) => {
    const index = shown.window.offset + pageIndex;
    const price = t.t('prices.perUnit', {
      price: unitPrice(t, entry.row.unitPrice),
      unit: perUnit(entry.row.unitOfMeasure, t),
    });
    const above = entry.percentAboveCheapest;
    return {
      title: `${t.number(index + 1)}. ${regionLabel(entry.regionId, snapshot, t)}`,
      value:
        index === 0 || above.isZero()
          ? price
          : t.t('prices.ranking.above', { price, percent: t.number(above, 1) }),
    };
  });
  const paging = pagingCardData(t, shown.window, 'regions', (direction) => ({
    verb: PRICE_RANKING_VERB,
    question: page.question,
    offset: direction === 'next' ? shown.window.nextOffset : shown.window.previousOffset,
  }));
  const label = (ids: readonly string[]) => {
    const named = ids.slice(0, RANKING_NAMED_REGIONS).map((id) => regionLabel(id, snapshot, t));
    return ids.length > RANKING_NAMED_REGIONS
      ? [...named, t.t('prices.ranking.moreRegions', { count: ids.length - RANKING_NAMED_REGIONS })]
      : named;
  };
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
    subtitle: t.t('prices.ranking.count', { count: ranked.length }),
    count: paging.count,
    rows,
    notes,
    pager: page.question === '' ? [] : paging.pager,
    footer: snapshotFooter(snapshot, t),
  };
}

/** The ranking as plain text (CLI). */
export function rankingText(data: PriceRankingCardData): string {
  return [
    data.title,
    data.subtitle,
    data.count,
    ...data.rows.map((r) => `${r.title}: ${r.value}`),
    ...data.notes.map((n) => n.text),
    data.footer,
  ].join('\n');
}
