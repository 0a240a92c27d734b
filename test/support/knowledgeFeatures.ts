import type { Clock } from '../../src/domain/clock.js';
import type { MarketTable } from '../../src/domain/markets/marketTable.js';
import type { BotFeature } from '../../src/bot/feature.js';
import type { PriceService } from '../../src/priceData/priceService.js';
import { availabilityFeature } from '../../src/features/availability/availabilityFeature.js';
import { billingFeature } from '../../src/features/billing/billingCommands.js';
import { offersFeature } from '../../src/features/offers/offersFeature.js';
import { pecFeature } from '../../src/features/pec/pecFeature.js';

/** The quick-answer features (availability before billing, as src/app.ts registers them). */
export function knowledgeFeatures(
  prices: PriceService,
  markets: MarketTable | undefined,
  clock: Clock,
): BotFeature[] {
  return [
    availabilityFeature(markets, clock),
    billingFeature(clock),
    pecFeature(prices, clock),
    offersFeature(),
  ];
}
