import type { Clock } from '../../domain/clock.js';
import type { MarketTable } from '../../domain/markets/marketTable.js';
import { answerBillingQuestion } from './billingAnswer.js';
import { answerAvailabilityQuestion } from '../availability/availabilityAnswer.js';
import { comparisonTable } from '../../domain/offers/offerComparison.js';
import { OFFERS_COMPARISON_CARD, offersComparisonCard, pickComparison } from '../offers/offerCards.js';
import type { PriceService } from '../../priceData/priceService.js';
import { PecDialog, type PecOptions } from '../pec/pecDialog.js';
import type { BotFeature } from '../../bot/createBot.js';
import type { TurnScope } from '../../bot/turnScope.js';
import { assertCan, can } from '../../domain/identity/actor.js';

/** Words that make an uncommanded sentence a billing or availability question. */
const BILLING_WORDS = /\b(invoice|invoiced|billing|billed|due date|net 60)\b|인보이스|청구서|청구일|결제일/i;
const AVAILABILITY_WORDS = /\bavailable\b|\bavailability\b|판매\s*가능|구매\s*가능|제공되|가용/i;

/**
 * Quick answers: `pec …` (estimate, asks back for role/days), `billing …` (invoice dates, FX month),
 * `availability <country>` (market and billing currency) and `compare offers`. Sentences without
 * the command word are recognised too ("which invoice will usage on 15 October be on?").
 */
export function knowledgeFeature(
  prices: PriceService,
  markets: MarketTable | undefined,
  clock: Clock,
): BotFeature {
  async function billing(scope: TurnScope, question: string): Promise<void> {
    if (question.trim() === '') {
      await scope.reply.text('knowledge.billing.ask');
      return;
    }
    const result = answerBillingQuestion(scope.t, question, clock.now());
    // A bill estimate is drawn from the customer's usage: billing roles only.
    if (result.kind === 'monthlyEstimate') assertCan(scope.actor, 'billing.view');
    if (result.kind === 'card') await scope.reply.card(result.card, result.data);
    else await scope.context.sendActivity(result.text);
  }

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
    dialogs: [new PecDialog(prices, clock)],
    commands: {
      pec: async (scope, argument) => {
        await scope.dc.beginDialog(PecDialog.ID, { question: argument } satisfies PecOptions);
      },
      billing: (scope, argument) => billing(scope, argument),
      availability: (scope, argument) => availability(scope, argument),
      compareOffers: async (scope, argument) => {
        await scope.reply.card(
          OFFERS_COMPARISON_CARD,
          offersComparisonCard(scope.t, comparisonTable(pickComparison(argument))),
        );
      },
    },
    fallbacks: [
      // Availability first: "… in which currency am I billed?" names a country and is about the market.
      async (scope, text) => {
        if (!AVAILABILITY_WORDS.test(text) || !can(scope.actor, 'prices.view') || !markets?.lookup(text))
          return false;
        await availability(scope, text);
        return true;
      },
      async (scope, text) => {
        if (!BILLING_WORDS.test(text)) return false;
        await billing(scope, text);
        return true;
      },
    ],
  };
}
