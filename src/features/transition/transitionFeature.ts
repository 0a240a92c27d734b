import type { BotFeature } from '../../bot/feature.js';
import { customerPickCardData } from '../shared/customerPresenter.js';
import type { TransitionWatchStore } from './transitionWatches.js';
import type { TurnScope } from '../../bot/turnScope.js';
import type { CardRenderer } from '../../cards/cardRenderer.js';
import type { Clock } from '../../domain/clock.js';
import type { PartnerCenter } from '../../domain/partnerCenter/port.js';
import type { CustomerDirectory } from '../../domain/services/customerDirectory.js';
import type { TransitionService } from '../../domain/services/transitionService.js';
import { TransitionDialog, type TransitionOptions } from './transitionDialog.js';
import { transitionStatusCardData } from './transitionPresenter.js';

/** `transition [customer]` (guided) and `transition status <customer>` (any time). */
export function transitionFeature(
  transitions: TransitionService,
  directory: CustomerDirectory,
  partnerCenter: Pick<PartnerCenter, 'listSubscriptions'>,
  watches: TransitionWatchStore,
  cards: CardRenderer,
  clock: Clock,
): BotFeature {
  async function status(scope: TurnScope, customerId: string): Promise<void> {
    const [upgrade, customer, subscriptions] = await Promise.all([
      transitions.status(scope.actor, customerId),
      directory.get(scope.actor, customerId, 'transition.view'),
      partnerCenter.listSubscriptions(customerId),
    ]);
    if (!upgrade) {
      await scope.reply.text('transition.status.none', { customer: customer.companyName });
      return;
    }
    const names = new Map(subscriptions.map((s) => [s.id, s.friendlyName]));
    await scope.reply.card(
      'transition-status',
      transitionStatusCardData(scope.t, customer, upgrade, names, clock.now()),
    );
  }

  return {
    dialogs: [new TransitionDialog(transitions, directory, watches, cards, clock)],
    commands: {
      transition: async (scope, argument) => {
        await scope.dc.beginDialog(TransitionDialog.ID, {
          customerQuery: argument,
        } satisfies TransitionOptions);
      },
      transitionStatus: async (scope, argument) => {
        if (argument === '') {
          await scope.reply.text('flow.customerAsk');
          return;
        }
        const match = await directory.find(scope.actor, argument, 'transition.view');
        if (match.kind === 'one') return status(scope, match.customer.id);
        if (match.kind === 'many') {
          await scope.reply.card(
            'customer-pick',
            customerPickCardData(scope.t, argument, match.customers, { verb: 'transition.show' }),
          );
          return;
        }
        await scope.reply.text('customers.notFound', { query: argument });
      },
    },
    submits: {
      'transition.show': async (scope, data) => {
        if (typeof data.customerId !== 'string') {
          await scope.reply.text('core.cardInvalid', { detail: 'customerId' });
          return;
        }
        await status(scope, data.customerId);
      },
    },
  };
}
