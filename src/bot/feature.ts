import type { FileConsentCardResponse, TurnContext } from 'botbuilder';
import type { MessagingExtensionQuery, MessagingExtensionResponse } from 'botbuilder';
import type { Dialog } from 'botbuilder-dialogs';
import type { Actor } from '../domain/identity/actor.js';
import type { Translator } from '../i18n/translator.js';
import type { AssistantBotDependencies } from './assistantBot.js';
import type { Replier } from './replier.js';
import type { SignInHandlers } from './signIn.js';
import type { CommandRouter } from './router.js';
import type { CommandHandlers, FallbackHandler, SubmitData, SubmitHandler, TurnScope } from './turnScope.js';

/** Greets a conversation the app was added to; `actor` is undefined when the sender is not a known user. */
export type WelcomeHandler = (
  reply: Replier,
  t: Translator,
  actor: Actor | undefined,
  partnerName: string,
) => Promise<void>;

/** A feature's answer to a file consent card: true when the card was its own. */
export interface FileConsentHandler {
  accept(context: TurnContext, response: FileConsentCardResponse): Promise<boolean>;
  decline(context: TurnContext, response: FileConsentCardResponse): Promise<boolean>;
}

/** One `application/search` query (Adaptive Card typeahead, `Data.Query`) for one dataset. */
export interface SearchQuery {
  dataset: string;
  queryText: string;
  skip: number;
  top: number;
}

/** The choices a typeahead shows: `title` is shown, `value` is what the Input.ChoiceSet submits. */
export type SearchHandler = (
  query: SearchQuery,
  actor: Actor,
  t: Translator,
) => Promise<{ title: string; value: string }[]>;

/** One message-extension search command (the compose box), for the identified partner user. */
export type MessageExtensionCommand = (
  query: MessagingExtensionQuery,
  t: Translator,
  actor: Actor,
) => Promise<MessagingExtensionResponse>;

/** Answers typed text that no command, free-text fallback or running flow took. */
export type UnknownTextHandler = (scope: TurnScope, router: CommandRouter, text: string) => Promise<void>;

/**
 * The one interface through which a feature (src/features/<feature>/) plugs into the host: its
 * typed commands, card verbs, free-text fallbacks and dialogs. The composition root (src/app.ts)
 * hands the features to `createBot`; nothing in src/bot imports a feature.
 */
export type EndedFlowCardHandler = (scope: TurnScope, data: SubmitData) => Promise<boolean>;

export interface BotFeature {
  commands?: CommandHandlers;
  submits?: Record<string, SubmitHandler>;
  /**
   * A flow's card pressed after its flow ended (here, or on another instance that finished it):
   * returns true when it answered, e.g. with the stored outcome of the card's completed request id.
   * Consulted only when no flow runs; otherwise the card is "no longer active".
   */
  endedFlowCards?: Record<string, EndedFlowCardHandler>;
  fallbacks?: FallbackHandler[];
  dialogs?: Dialog[];
  messageExtensionQuery?: AssistantBotDependencies['messageExtensionQuery'];
  /** Answers to file consent cards the feature sent (Teams `fileConsent/invoke`). */
  fileConsent?: FileConsentHandler;
  /**
   * Message-extension search commands by `commandId` (manifest composeExtensions), answered for a
   * known partner user; a command not in any table goes to `messageExtensionQuery`.
   */
  messageExtensionCommands?: Record<string, MessageExtensionCommand>;
  /** Typeahead datasets (`choices.data.dataset` of an Input.ChoiceSet) this feature answers. */
  search?: Record<string, SearchHandler>;
  /** At most one feature (core) greets and answers the unknown; the first one given wins. */
  welcome?: WelcomeHandler;
  unknown?: UnknownTextHandler;
  /** Sign-in invokes and the sign-in card (the signin feature); the first one given wins. */
  signIn?: SignInHandlers;
}
