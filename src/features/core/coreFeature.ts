import type { BotFeature } from '../../bot/feature.js';
import { runHelp, runUnknown, runWhoami } from './coreCommands.js';
import { welcomeCardData } from './welcomePresenter.js';

/** `help`, `whoami`, the welcome card when the app is added, and the answer to unknown text. */
export function coreFeature(): BotFeature {
  return {
    commands: { help: (scope) => runHelp(scope), whoami: (scope) => runWhoami(scope) },
    welcome: async (reply, t, actor, partnerName) => {
      await reply.card('welcome', welcomeCardData(t, actor, partnerName));
    },
    unknown: (scope, router, text) => runUnknown(scope, router, text),
  };
}
