import { comparisonTable } from '../../domain/offers/offerComparison.js';
import type { BotFeature } from '../../bot/feature.js';
import { OFFERS_COMPARISON_CARD, offersComparisonCard, pickComparison } from './offerCards.js';

/** `compare offers […]`: the Azure plan next to the offers it replaces or sits beside. */
export function offersFeature(): BotFeature {
  return {
    commands: {
      compareOffers: async (scope, argument) => {
        await scope.reply.card(
          OFFERS_COMPARISON_CARD,
          offersComparisonCard(scope.t, comparisonTable(pickComparison(argument))),
        );
      },
    },
  };
}
