import type { Clock } from '../../domain/clock.js';
import { answerBillingQuestion } from './billingAnswer.js';
import type { BotFeature } from '../../bot/feature.js';
import type { TurnScope } from '../../bot/turnScope.js';
import { assertCan } from '../../domain/identity/actor.js';

/** Words that make an uncommanded sentence a billing question. */
const BILLING_WORDS = /\b(invoice|invoiced|billing|billed|due date|net 60)\b|인보이스|청구서|청구일|결제일/i;

/**
 * `billing …` (invoice dates, FX month, a monthly bill estimate). Sentences without the command
 * word are recognised too ("which invoice will usage on 15 October be on?"); the availability
 * feature's fallback goes first ("… in which currency am I billed?" names a country).
 */
export function billingFeature(clock: Clock): BotFeature {
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

  return {
    commands: {
      billing: (scope, argument) => billing(scope, argument),
    },
    fallbacks: [
      async (scope, text) => {
        if (!BILLING_WORDS.test(text)) return false;
        await billing(scope, text);
        return true;
      },
    ],
  };
}
