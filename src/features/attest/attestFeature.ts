import type { BotFeature } from '../../bot/feature.js';
import type { CardRenderer } from '../../cards/cardRenderer.js';
import type { Clock } from '../../domain/clock.js';
import type { CustomerDirectory } from '../../domain/services/customerDirectory.js';
import { customerPickCardData } from '../shared/customerPresenter.js';
import type { AttestationApi } from './attestationApi.js';
import { AttestMcaDialog, type AttestOptions } from './attestMcaDialog.js';
import { agreementHistoryCardData } from './attestPresenter.js';
import type { TurnScope } from '../../bot/turnScope.js';

/** `attest [customer]` (guided dialog) and `agreements <customer>` (history). */
export function attestFeature(
  api: AttestationApi,
  directory: CustomerDirectory,
  cards: CardRenderer,
  clock: Clock,
): { feature: BotFeature; dialog: AttestMcaDialog } {
  const dialog = new AttestMcaDialog(api, directory, cards, clock);

  async function history(scope: TurnScope, customerId: string): Promise<void> {
    const status = await api.status(scope.actor, customerId);
    await scope.reply.card(
      'result',
      agreementHistoryCardData(scope.t, status.customer, status.acceptance, status.agreements),
    );
  }

  return {
    dialog,
    feature: {
      dialogs: [dialog],
      commands: {
        attest: async (scope, argument) => {
          await scope.dc.beginDialog(AttestMcaDialog.ID, { customerQuery: argument } satisfies AttestOptions);
        },
        agreements: async (scope, argument) => {
          if (argument === '') {
            await scope.reply.text('flow.customerAsk');
            return;
          }
          const match = await directory.find(scope.actor, argument, 'agreements.view');
          if (match.kind === 'one') return history(scope, match.customer.id);
          if (match.kind === 'many') {
            await scope.reply.card(
              'customer-pick',
              customerPickCardData(scope.t, argument, match.customers, { verb: 'agreements.show' }),
            );
            return;
          }
          await scope.reply.text('customers.notFound', { query: argument });
        },
      },
      submits: {
        'agreements.show': async (scope, data) => {
          if (typeof data.customerId !== 'string') {
            await scope.reply.text('core.cardInvalid', { detail: 'customerId' });
            return;
          }
          await history(scope, data.customerId);
        },
      },
    },
  };
}
