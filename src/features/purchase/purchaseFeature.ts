import type { BotFeature } from '../../bot/feature.js';
import type { CardRenderer } from '../../cards/cardRenderer.js';
import type { Clock } from '../../domain/clock.js';
import type { CustomerDirectory } from '../../domain/services/customerDirectory.js';
import type { PurchaseService } from '../../domain/services/purchaseService.js';
import type { Dialog } from 'botbuilder-dialogs';
import { BuyAzurePlanDialog, type BuyOptions } from './buyAzurePlanDialog.js';
import { planDoneCardData } from './purchasePresenter.js';

/** `buy azure plan [customer]`. */
export function purchaseFeature(
  purchases: PurchaseService,
  directory: CustomerDirectory,
  /** The attest feature's dialog (src/features/shared/attestStep.ts), wired by the composition root. */
  attestDialog: Dialog,
  cards: CardRenderer,
  clock: Clock,
): BotFeature {
  return {
    dialogs: [new BuyAzurePlanDialog(purchases, directory, attestDialog, cards, clock)],
    commands: {
      buyPlan: async (scope, argument) => {
        await scope.dc.beginDialog(BuyAzurePlanDialog.ID, { customerQuery: argument } satisfies BuyOptions);
      },
    },
    endedFlowCards: {
      // A duplicate confirm that arrives after the purchase finished (a double click that reached
      // another instance, a redelivery): the order its request id placed, never a second one.
      'buy.confirm': async (scope, data) => {
        if (typeof data.requestId !== 'string' || typeof data.customerId !== 'string') return false;
        const reseller = typeof data.resellerMpnId === 'string' ? data.resellerMpnId : '';
        const result = await purchases.completedPurchase(
          scope.actor,
          { customerId: data.customerId, resellerMpnId: reseller },
          data.requestId,
        );
        if (!result) return false;
        const customer = await directory.get(scope.actor, result.customerId, 'plan.purchase');
        await scope.reply.replaceCard(
          scope.context.activity.replyToId,
          'result',
          planDoneCardData(scope.t, scope.actor, customer.companyName, customer.domain, result, clock.now()),
        );
        return true;
      },
    },
  };
}
