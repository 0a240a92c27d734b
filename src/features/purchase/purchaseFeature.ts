import type { BotFeature } from '../../bot/feature.js';
import type { CardRenderer } from '../../cards/cardRenderer.js';
import type { Clock } from '../../domain/clock.js';
import type { CustomerDirectory } from '../../domain/services/customerDirectory.js';
import type { PurchaseService } from '../../domain/services/purchaseService.js';
import type { Dialog } from 'botbuilder-dialogs';
import { BuyAzurePlanDialog, type BuyOptions } from './buyAzurePlanDialog.js';

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
  };
}
