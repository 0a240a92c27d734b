import type { Clock } from '../../domain/clock.js';
import type { MarketTable } from '../../domain/markets/marketTable.js';
import { can } from '../../domain/identity/actor.js';
import type { BotFeature } from '../../bot/feature.js';
import type { TurnScope } from '../../bot/turnScope.js';
import { answerAvailabilityQuestion } from './availabilityAnswer.js';

/** Words that make an uncommanded sentence an availability question. */
const AVAILABILITY_WORDS = /\bavailable\b|\bavailability\b|판매\s*가능|구매\s*가능|제공되|가용/i;

/**
 * `availability <country>` (market and billing currency), also asked without the command word
 * ("is the Azure plan available in Norway?"). Registered before billing: "… in which currency am I
 * billed?" names a country and is about the market.
 */
export function availabilityFeature(markets: MarketTable | undefined, clock: Clock): BotFeature {
  async function availability(scope: TurnScope, question: string): Promise<void> {
    if (!markets) {
      await scope.reply.text('knowledge.availability.unavailable');
      return;
    }
    if (question.trim() === '') {
      await scope.reply.text('knowledge.availability.ask');
      return;
    }
    const answer = answerAvailabilityQuestion(scope.t, markets, question, clock.now(), scope.actor.partner);
    await scope.reply.card(answer.card, answer.data);
  }

  return {
    commands: {
      availability: (scope, argument) => availability(scope, argument),
    },
    fallbacks: [
      async (scope, text) => {
        if (!AVAILABILITY_WORDS.test(text) || !can(scope.actor, 'prices.view') || !markets?.lookup(text))
          return false;
        await availability(scope, text);
        return true;
      },
    ],
  };
}
