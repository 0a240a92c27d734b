import type { Translator } from '../i18n/translator.js';
import { MarketTable } from '../domain/markets/marketTable.js';
import { availabilityAnswer } from '../domain/markets/billingCurrency.js';
import type { FactCardData } from '../billing/cardFormat.js';
import { AVAILABILITY_ANSWER_CARD, availabilityCard, availabilityNotFoundCard } from './availabilityCards.js';
import { MarketCsvSource } from './marketCsvSource.js';

/** Loads the CSP market table from the shared data folder (or the given file) once, at start-up. */
export async function loadMarketTable(source = new MarketCsvSource()): Promise<MarketTable> {
  return new MarketTable(await source.load());
}

/**
 * "Is the Azure plan available in Norway, and in which currency am I billed?" / "노르웨이에서 Azure
 * 플랜 판매 가능해? 통화는?" → availability card (or a not-found card naming the table and its date).
 */
export function answerAvailabilityQuestion(
  t: Translator,
  table: MarketTable,
  text: string,
  today: Date,
): { card: typeof AVAILABILITY_ANSWER_CARD; data: FactCardData; found: boolean } {
  const market = table.find(text);
  const onDate = today.toISOString().slice(0, 10);
  if (!market)
    return { card: AVAILABILITY_ANSWER_CARD, data: availabilityNotFoundCard(t, text.trim()), found: false };
  return {
    card: AVAILABILITY_ANSWER_CARD,
    data: availabilityCard(t, availabilityAnswer(market, onDate), onDate),
    found: true,
  };
}
