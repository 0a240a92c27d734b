import type { BotFeature } from '../../bot/feature.js';
import type { CardRenderer } from '../../cards/cardRenderer.js';
import type { Clock } from '../../domain/clock.js';
import type { CustomerDirectory } from '../../domain/services/customerDirectory.js';
import { customerPickCardData, PICKER_STATIC_CHOICES } from '../shared/customerPresenter.js';
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

  async function history(scope: TurnScope, customerId: string, offset?: number): Promise<void> {
    const status = await api.status(scope.actor, customerId);
    const data = agreementHistoryCardData(
      scope.t,
      status.customer,
      status.acceptance,
      status.agreements,
      offset ?? 0,
    );
    // A paging button turns the page in place.
    const replaceId = offset !== undefined ? scope.context.activity.replyToId : undefined;
    if (replaceId) await scope.reply.replaceCard(replaceId, 'result', data);
    else await scope.reply.card('result', data);
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
            // No customer named: the picker, with typeahead over every customer.
            const first = await directory.search(scope.actor, '', 'agreements.view', PICKER_STATIC_CHOICES);
            await scope.reply.card(
              'customer-pick',
              customerPickCardData(scope.t, '', first, { verb: 'agreements.show' }),
            );
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
          await history(
            scope,
            data.customerId,
            typeof data.offset === 'number' && Number.isFinite(data.offset) ? data.offset : undefined,
          );
        },
      },
    },
  };
}
