import type { BotFeature } from '../../bot/feature.js';
import { runHelp, runUnknown, runWhoami } from './coreCommands.js';
import { welcomeCardData } from './welcomePresenter.js';
import type { AuthHealth } from '../../partnerCenter/auth/authHealth.js';

/** `help`, `whoami` (with the Partner Center sign-in health for admins), the welcome card when the app is added, and the answer to unknown text. */
export function coreFeature(options: { authHealth?: AuthHealth } = {}): BotFeature {
  return {
    commands: { help: (scope) => runHelp(scope), whoami: (scope) => runWhoami(scope, options.authHealth) },
    welcome: async (reply, t, actor, partnerName) => {
      await reply.card('welcome', welcomeCardData(t, actor, partnerName));
    },
    unknown: (scope, router, text) => runUnknown(scope, router, text),
  };
}
