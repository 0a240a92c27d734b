import type { ConversationState, Storage } from 'botbuilder';
import { JsonConversationState, JsonPrivateConversationState, JsonUserState } from './jsonChangeState.js';
import type { CardRenderer } from '../cards/cardRenderer.js';
import { assertCan } from '../domain/identity/actor.js';
import type { Logger } from '../logging.js';
import { AssistantBot, type AssistantBotDependencies } from './assistantBot.js';
import { hasWithoutSync } from '../storage/stateStorage.js';
import { builtCommands } from './commands.js';
import { ConversationReferenceStore } from './conversationReferences.js';
import { handlerTable, ownHandler } from './handlerTable.js';
import { IdentityResolver, type PartnerDirectory } from './identity.js';
import { CardViewStore } from './universalActionTurn.js';
import { CommandRouter } from './router.js';
import type { BotFeature } from './feature.js';
import type { CommandHandlers } from './turnScope.js';

export type { BotFeature } from './feature.js';

export interface CreateBotOptions {
  storage: Storage;
  directory: PartnerDirectory;
  cards: CardRenderer;
  logger: Logger;
  features: readonly BotFeature[];
}

export interface BotParts {
  bot: AssistantBot;
  conversationState: ConversationState;
  conversationReferences: ConversationReferenceStore;
  router: CommandRouter;
}

/** Builds the bot from its features; shared by the composition root and the tests. */
export function createBot(options: CreateBotOptions): BotParts {
  // botbuilder's states with a cheaper "did it change?" check (jsonChangeState.ts).
  const conversationState = new JsonConversationState(options.storage);
  const privateState = new JsonPrivateConversationState(options.storage);
  const userState = new JsonUserState(options.storage);
  const conversationReferences = new ConversationReferenceStore(options.storage);
  const router = new CommandRouter(builtCommands());

  // Host plumbing every bot has; help, whoami, welcome and the unknown answer are the core feature's.
  const core: BotFeature = {
    submits: {
      // Buttons that run a command as if typed (welcome, suggestions, "attest now" …).
      'command.run': async (scope, data) => {
        const text = typeof data.command === 'string' ? data.command : '';
        const match = router.match(text);
        const handler = match ? ownHandler(commands, match.command.id) : undefined;
        if (match && handler) {
          // While a flow runs, the DialogHost handles these buttons (same rules as typing the command).
          if (match.command.operation) assertCan(scope.actor, match.command.operation);
          await handler(scope, match.argument);
        } else {
          await scope.reply.text('core.cardInvalid', { detail: 'command' });
        }
      },
    },
  };
  const features = [core, ...options.features];
  // Prototype-free tables: a verb such as "constructor" must find no handler (handlerTable.ts).
  const commands: CommandHandlers = handlerTable(...features.map((feature) => feature.commands));
  const bot = new AssistantBot({
    conversationState,
    privateState,
    userState,
    identity: new IdentityResolver(options.directory),
    router,
    commands,
    submits: handlerTable(...features.map((feature) => feature.submits)),
    endedFlowCards: handlerTable(...features.map((feature) => feature.endedFlowCards)),
    fallbacks: features.flatMap((feature) => feature.fallbacks ?? []),
    dialogs: features.flatMap((feature) => feature.dialogs ?? []),
    cards: options.cards,
    logger: options.logger,
    conversationReferences,
    withoutSync: withoutSyncOf(options.storage),
    cardViews: new CardViewStore(options.storage),
    search: Object.assign(Object.create(null) as object, ...features.map((feature) => feature.search ?? {})),
    messageExtensionCommands: Object.assign(
      Object.create(null) as object,
      ...features.map((feature) => feature.messageExtensionCommands ?? {}),
    ),
    messageExtensionQuery: features.find((feature) => feature.messageExtensionQuery)?.messageExtensionQuery,
    fileConsents: features.flatMap((feature) => (feature.fileConsent ? [feature.fileConsent] : [])),
    welcome: features.find((feature) => feature.welcome)?.welcome,
    unknown: features.find((feature) => feature.unknown)?.unknown,
    signIn: features.find((feature) => feature.signIn)?.signIn,
  });
  return { bot, conversationState, conversationReferences, router };
}

/** The storage's "writes without waiting for the disk" for some keys (LogStorage, FileStorage), when it has one. */
function withoutSyncOf(storage: Storage): AssistantBotDependencies['withoutSync'] {
  if (!hasWithoutSync(storage)) return undefined;
  return <T>(keys: readonly string[], run: () => Promise<T>) => storage.withoutSync(keys, run);
}
