import { Decimal } from 'decimal.js';
import type { PriceAnswer, SnapshotInfo } from './priceAnswer.js';
import type { PriceRow } from './priceRow.js';

type Answered = Extract<PriceAnswer, { kind: 'answer' }>;

/** One region of a ranking: its price row (the same product, size, OS and priority in each region). */
export interface RankedRegion {
  readonly regionId: string;
  readonly row: PriceRow;
  readonly answer: Answered;
  /** How much dearer than the cheapest region, in percent (0 for the cheapest and ties). */
  readonly percentAboveCheapest: Decimal;
}

export type RegionRanking =
  | {
      readonly kind: 'ranking';
      /** Every priced region, cheapest first (ties by region id). */
      readonly ranked: readonly RankedRegion[];
      /** Regions of the snapshot without a price for it. */
      readonly unpriced: readonly string[];
      /** Every region the snapshot covers. */
      readonly covered: readonly string[];
      readonly snapshot: SnapshotInfo;
    }
  /** Nothing to rank: what the question itself lacks (size, …), as the plain answer says it. */
  | { readonly kind: 'notRanked'; readonly answer: PriceAnswer };

const CHEAPEST_REGION = [
  /\b(?:what\s+is\s+the\s+|which\s+is\s+the\s+)?cheapest\s+(?:azure\s+)?(?:regions?|locations?|places?)\b(?:\s+(?:for|of|to\s+run|to\s+host))?/i,
  /\bwhich\s+regions?\s+(?:is|are)\s+(?:the\s+)?cheapest\b(?:\s+for)?/i,
  /\bregions?\s+ranked\s+by\s+price\b(?:\s+for)?/i,
  /(?:가장|제일)\s*(?:싼|저렴한|값싼)\s*(?:지역|리전)(?:은|는|이|가)?(?:\s*(?:어디|어느\s*곳))?/,
  /최저가\s*(?:지역|리전)|(?:지역|리전)\s*별?\s*최저가/,
];

/** The question without its "cheapest region" words, or null when it does not ask for one. */
export function readCheapestRegionQuestion(text: string): string | null {
  for (const pattern of CHEAPEST_REGION) {
    if (pattern.test(text)) {
      const rest = text
        .replace(pattern, ' ')
        .replace(/[?？]/g, ' ')
        .replace(/\s+(?:은|는|이|가|에서|을|를)?\s*(?:어디(?:인가요|예요|야)?|어디에요)\s*$/, ' ')
        .replace(/\s+/g, ' ')
        .trim();
      return rest;
    }
  }
  return null;
}

/**
 * Ranks the snapshot's regions by the price of what `question` names (no region in it): the same
 * question is answered once per region, so product, OS and priority are read exactly as a plain
 * price question reads them. A region without that price is listed as unpriced, never guessed.
 */
export function rankRegions(
  question: string,
  regionIds: readonly string[],
  ask: (question: string) => PriceAnswer,
): RegionRanking {
  const priced: Omit<RankedRegion, 'percentAboveCheapest'>[] = [];
  const unpriced: string[] = [];
  let first: PriceAnswer | null = null;
  let snapshot: SnapshotInfo | null = null;
  for (const regionId of regionIds) {
    const answer = ask(`${question} in ${regionId}`);
    first ??= answer;
    if (answer.kind !== 'noSnapshot') snapshot = answer.snapshot;
    if (answer.kind === 'answer' && answer.row.armRegionName === regionId)
      priced.push({ regionId, row: answer.row, answer });
    else unpriced.push(regionId);
  }
  if (priced.length === 0 || !snapshot) {
    return { kind: 'notRanked', answer: first ?? ask(question) };
  }
  priced.sort((a, b) => a.row.unitPrice.comparedTo(b.row.unitPrice) || a.regionId.localeCompare(b.regionId));
  const cheapest = priced[0].row.unitPrice;
  const ranked = priced.map((entry) => ({
    ...entry,
    percentAboveCheapest: cheapest.isZero()
      ? new Decimal(0)
      : entry.row.unitPrice.minus(cheapest).div(cheapest).times(100),
  }));
  return { kind: 'ranking', ranked, unpriced, covered: [...regionIds], snapshot };
}
