import type { Translator } from '../../i18n/translator.js';
import { MarketTable } from '../../domain/markets/marketTable.js';
import { availabilityAnswer, notSoldAnswer } from '../../domain/markets/billingCurrency.js';
import type { FactCardData } from '../shared/cardFormat.js';
import {
  AVAILABILITY_ANSWER_CARD,
  availabilityCard,
  availabilityNotFoundCard,
  notSoldCard,
  type AskingPartner,
} from './availabilityCards.js';
import { MarketCsvSource } from '../../priceData/marketCsvSource.js';

/** Loads the CSP market table from the shared data folder (or the given file) once, at start-up. */
export async function loadMarketTable(source = new MarketCsvSource()): Promise<MarketTable> {
  return new MarketTable(await source.load());
}

/**
 * "Is the Azure plan available in Norway, and in which currency am I billed?" / "노르웨이에서 Azure
 * 플랜 판매 가능해? 통화는?" → availability card with the currency of the asking partner's location
 * and the rule that decides it; a "not sold there, and why" card for China (21Vianet) and embargoed
 * countries; a not-found card naming the table and its date for anything else.
 */
export function answerAvailabilityQuestion(
  t: Translator,
  table: MarketTable,
  text: string,
  today: Date,
  partner: AskingPartner,
): {
  card: typeof AVAILABILITY_ANSWER_CARD;
  data: FactCardData;
  found: boolean;
  kind: 'market' | 'notSold' | 'notFound';
} {
  const found = table.lookup(text);
  const onDate = today.toISOString().slice(0, 10);
  if (!found)
    return {
      card: AVAILABILITY_ANSWER_CARD,
      data: availabilityNotFoundCard(t, text.trim()),
      found: false,
      kind: 'notFound',
    };
  if (found.kind === 'notSold')
    return {
      card: AVAILABILITY_ANSWER_CARD,
      data: notSoldCard(t, notSoldAnswer(found.country)),
      found: true,
      kind: 'notSold',
    };
  const answer = availabilityAnswer(found.market, onDate, table.byIsoCode(partner.country));
  return {
    card: AVAILABILITY_ANSWER_CARD,
    data: availabilityCard(t, answer, onDate, partner),
    found: true,
    kind: 'market',
  };
}
