import type { CustomerDirectory } from '../../domain/services/customerDirectory.js';
import type { BotFeature } from '../../bot/feature.js';
import {
  customerDetailCardData,
  customerListCardData,
  customerPickCardData,
} from '../shared/customerPresenter.js';
import type { TurnScope } from '../../bot/turnScope.js';
import { quoteUserText } from '../../domain/text/userText.js';

/** `customers` and `customer <name|domain|id>`: read-only views of the partner's customers. */
export function customerFeature(directory: CustomerDirectory): BotFeature {
  async function list(scope: TurnScope): Promise<void> {
    const summaries = await directory.listWithState(scope.actor);
    await scope.reply.card('customer-list', customerListCardData(scope.t, scope.actor, summaries));
  }

  async function show(scope: TurnScope, customerId: string): Promise<void> {
    const summary = await directory.summarize(scope.actor, customerId);
    await scope.reply.card('customer-detail', customerDetailCardData(scope.t, scope.actor, summary));
  }

  return {
    commands: {
      customers: list,
      customer: async (scope, argument) => {
        if (argument === '') return list(scope);
        const match = await directory.find(scope.actor, argument, 'customers.view');
        if (match.kind === 'one') return show(scope, match.customer.id);
        if (match.kind === 'many') {
          await scope.reply.card(
            'customer-pick',
            customerPickCardData(scope.t, quoteUserText(argument), match.customers, {
              verb: 'customer.show',
            }),
          );
          return;
        }
        await scope.reply.text('customers.notFound', { query: quoteUserText(argument) });
      },
    },
    submits: {
      'customer.show': async (scope, data) => {
        if (typeof data.customerId !== 'string') {
          await scope.reply.text('core.cardInvalid', { detail: 'customerId' });
          return;
        }
        await show(scope, data.customerId);
      },
    },
  };
}
