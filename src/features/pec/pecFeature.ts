import type { Clock } from '../../domain/clock.js';
import type { PriceService } from '../../priceData/priceService.js';
import type { BotFeature } from '../../bot/feature.js';
import { PecDialog, type PecOptions } from './pecDialog.js';

/** `pec …`: a PEC estimate, asking back for the role, the days or what is consumed. */
export function pecFeature(prices: PriceService, clock: Clock): BotFeature {
  return {
    dialogs: [new PecDialog(prices, clock)],
    commands: {
      pec: async (scope, argument) => {
        await scope.dc.beginDialog(PecDialog.ID, { question: argument } satisfies PecOptions);
      },
    },
  };
}
