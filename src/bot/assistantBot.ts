import {
  TeamsActivityHandler,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type ConversationState,
  type FileConsentCardResponse,
  type InvokeResponse,
  type MessagingExtensionQuery,
  type MessagingExtensionResponse,
  type PrivateConversationState,
  type StatePropertyAccessor,
  type UserState,
} from 'botbuilder';
import {
  DialogSet,
  type Dialog,
  type DialogState,
  type DialogStateManagerConfiguration,
} from 'botbuilder-dialogs';
import type { CardRenderer } from '../cards/cardRenderer.js';
import { resolveLocale, resolveTurnLocale, type Locale } from '../i18n/locale.js';
import { CompiledMessages } from '../i18n/compiledMessages.js';
import { Translator } from '../i18n/translator.js';
import { assertCan } from '../domain/identity/actor.js';
import type { Logger } from '../logging.js';
import { operationOfVerb } from './cardVerbs.js';
import type { ConversationReferenceStore } from './conversationReferences.js';
import { DialogHost, type FlowState } from './dialogHost.js';
import { holdsNothing } from './emptyState.js';
import type { IdentityResolver } from './identity.js';
import { guardInvoke } from './invokeGuard.js';
import { Replier } from './replier.js';
import {
  answerCardRefresh,
  CardTurn,
  invokeError,
  invokeMessage,
  type CardViewStore,
} from './universalActionTurn.js';
import { CARD_REFRESH_VERB, LIVE_REFRESH_FIELD } from '../cards/universalActions.js';
import { saveStateBeforeCards } from './saveStateBeforeCards.js';
import { setTurnServices } from './turnServices.js';
import type {
  EndedFlowCardHandler,
  FileConsentHandler,
  MessageExtensionCommand,
  SearchHandler,
  UnknownTextHandler,
  WelcomeHandler,
} from './feature.js';
import type { SignInHandlers } from './signIn.js';
import type { CommandRouter } from './router.js';
import type { CommandHandlers, FallbackHandler, SubmitData, SubmitHandler, TurnScope } from './turnScope.js';

export interface AssistantBotDependencies {
  conversationState: ConversationState;
  privateState: PrivateConversationState;
  userState: UserState;
  identity: IdentityResolver;
  router: CommandRouter;
  commands: CommandHandlers;
  submits: Readonly<Record<string, SubmitHandler>>;
  /** Cards of flows that ended, by verb (BotFeature.endedFlowCards). */
  endedFlowCards?: Readonly<Record<string, EndedFlowCardHandler>>;
  fallbacks: readonly FallbackHandler[];
  dialogs: readonly Dialog[];
  cards: CardRenderer;
  logger: Logger;
  conversationReferences: ConversationReferenceStore;
  /** Runs a save whose writes of these keys skip fsync (FileStorage.withoutSync); undefined: no such mode. */
  withoutSync?: <T>(keys: readonly string[], run: () => Promise<T>) => Promise<T>;
  /** The two views of user-specific cards in group chats (universalActionTurn.ts). */
  cardViews: CardViewStore;
  /** Message-extension search (compose box); undefined when the feature is not wired. */
  messageExtensionQuery?: (
    query: MessagingExtensionQuery,
    t: Translator,
  ) => Promise<MessagingExtensionResponse>;
  /** Answers to file consent cards (a feature's CSV download); none: consent invokes are acknowledged only. */
  fileConsents?: readonly FileConsentHandler[];
  /** Message-extension search commands by commandId (others go to messageExtensionQuery). */
  messageExtensionCommands?: Readonly<Record<string, MessageExtensionCommand>>;
  /** Typeahead datasets (`application/search`), by dataset name. */
  search?: Readonly<Record<string, SearchHandler>>;
  /** The greeting when the app is added (core feature); undefined: no greeting. */
  welcome?: WelcomeHandler;
  /** The answer to typed text nobody took (core feature). */
  unknown?: UnknownTextHandler;
  /** Sign-in invokes and card (signin feature); undefined: sign-in invokes are not supported. */
  signIn?: SignInHandlers;
}

/**
 * The Teams bot: identifies the sender, then routes typed commands, card submits (by `verb`) and
 * dialog turns. Business rules live in src/domain; this class only decides who handles a turn.
 */
export class AssistantBot extends TeamsActivityHandler {
  /** The message catalogs, compiled once for every turn of this bot. */
  private readonly messages = new CompiledMessages();
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly dialogSet: DialogSet;
  /** The dialogs' memory scopes, taken from the first turn (see handleMessage). */
  private stateManagerConfiguration: DialogStateManagerConfiguration | undefined;
  private readonly lastTypedLocale: StatePropertyAccessor<Locale | undefined>;
  private readonly dialogHost: DialogHost;

  constructor(private readonly deps: AssistantBotDependencies) {
    super();
    this.dialogState = deps.privateState.createProperty<DialogState>('dialogState');
    this.dialogSet = new DialogSet(this.dialogState);
    this.lastTypedLocale = deps.userState.createProperty<Locale | undefined>('lastTypedLocale');
    for (const dialog of deps.dialogs) this.dialogSet.add(dialog);
    this.dialogHost = new DialogHost({
      router: deps.router,
      commands: deps.commands,
      submits: deps.submits,
      ...(deps.endedFlowCards ? { endedFlowCards: deps.endedFlowCards } : {}),
      fallbacks: deps.fallbacks,
      cards: deps.cards,
      logger: deps.logger,
      state: deps.privateState.createProperty<FlowState>('flowState'),
      unknown: deps.unknown,
    });

    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.sendWelcome(context);
      await next();
    });
  }

  /** Saves every state after the turn, also when a handler failed half-way (nothing acknowledged is lost). */
  override async run(context: TurnContext): Promise<void> {
    // A card with buttons goes out only once the dialog state it depends on is saved (crash-safe).
    let savedBeforeCard = false;
    saveStateBeforeCards(context, async () => {
      await this.saveStates(context);
      savedBeforeCard = true;
    });
    try {
      await super.run(context);
    } finally {
      // One durable save per turn: after the one before a card, the last save (the ids of the cards
      // just sent, prompt bookkeeping) goes without fsync; a lost one is covered by replyToId.
      const withoutSync = savedBeforeCard ? this.deps.withoutSync : undefined;
      if (withoutSync) await withoutSync(this.stateKeys(context), () => this.saveStates(context));
      else await this.saveStates(context);
      await context.turnState.get(REFERENCE_SAVED);
    }
  }

  /**
   * The conversation reference (for proactive messages) is saved beside the turn, not before its
   * routing: the reply does not wait for it, the turn's end does. It is written only when it changed
   * (conversationReferences.ts); a failed write is logged, the user's answer stands.
   */
  private saveReference(context: TurnContext): void {
    const saved = this.deps.conversationReferences
      .save(TurnContext.getConversationReference(context.activity))
      .catch((error: unknown) =>
        this.deps.logger.warn(
          { err: error, activityId: context.activity.id },
          'conversation reference not saved',
        ),
      );
    context.turnState.set(REFERENCE_SAVED, saved);
  }

  private stateKeys(context: TurnContext): string[] {
    return [this.deps.conversationState, this.deps.privateState, this.deps.userState]
      .map((state) => state.getStorageKey(context))
      .filter((key): key is string => key !== undefined);
  }

  private async saveStates(context: TurnContext): Promise<void> {
    // The states are written at once, so their records share one append (and one disk sync).
    await Promise.all(
      [this.deps.conversationState, this.deps.privateState, this.deps.userState].map(async (state) => {
        // A state that was never stored and still holds only empty defaults is not written: a
        // one-off question in a new conversation costs no record (and no sync).
        const current: unknown = state.get(context);
        if (isNeverStored(current) && holdsNothing(current)) return;
        try {
          await state.saveChanges(context, false);
        } catch (error) {
          // Two turns of one user raced (e.g. a double click on a card): the first write wins and the
          // effect itself was deduplicated by its request id, so the loser's state is dropped.
          if (!isETagConflict(error)) throw error;
          this.deps.logger.warn(
            { activityId: context.activity.id },
            'state changed by a concurrent turn; kept the first',
          );
        }
      }),
    );
  }

  /** The user's language for this turn; remembers a Korean message so card clicks stay in Korean. */
  private async translatorFor(context: TurnContext): Promise<Translator> {
    const lastTyped = await this.lastTypedLocale.get(context);
    const { locale, remember } = resolveTurnLocale(context.activity.locale, context.activity.text, lastTyped);
    if (remember !== lastTyped) {
      if (remember) await this.lastTypedLocale.set(context, remember);
      else await this.lastTypedLocale.delete(context);
    }
    return new Translator(locale, this.messages);
  }

  private async sendWelcome(context: TurnContext): Promise<void> {
    const t = await this.translatorFor(context);
    await this.deps.conversationReferences.save(TurnContext.getConversationReference(context.activity));
    const identity = await this.deps.identity.resolve(context.activity);
    const partnerName = identity.kind === 'ok' ? identity.actor.partner.name : identity.partner.name;
    const reply = new Replier(context, this.deps.cards, t, this.deps.logger);
    const actor = identity.kind === 'ok' ? identity.actor : undefined;
    await this.deps.welcome?.(reply, t, actor, partnerName);
  }

  /**
   * Universal Actions: an `Action.Execute` runs exactly the path of a submitted card (same checks,
   * same handlers and dialogs); the card that replaces the clicked one is the invoke's answer.
   */
  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const action = invokeValue.action as Partial<AdaptiveCardInvokeValue['action']> | undefined;
    const data: unknown = action?.data ?? {};
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      return invokeError(400, 'BadRequest', 'The data must be an object.');
    }
    const verb = typeof action?.verb === 'string' && action.verb !== '' ? action.verb : undefined;
    if (!verb) return invokeError(400, 'BadRequest', 'The action must have a verb.');
    if (typeof context.activity.from?.id !== 'string') {
      // Nobody to act for (and no user state to read): say so, in the activity's language.
      const t = await this.invokeTranslator(context);
      return invokeMessage(t.t('core.identity.noUserId'));
    }
    if (verb === CARD_REFRESH_VERB) {
      const t = await this.translatorFor(context);
      return answerCardRefresh(context, this.deps.cardViews, (data as { cardKey?: unknown }).cardKey, t);
    }
    const { [LIVE_REFRESH_FIELD]: live, ...fields } = data as Record<string, unknown>;
    // The verb of the action decides (it is what the operation check reads), whatever the data says.
    context.activity.value = { ...fields, verb } satisfies SubmitData;
    const turn = await this.handleMessage(context, { mode: live === true ? 'refresh' : 'execute' });
    return turn.response();
  }

  private async handleMessage(
    context: TurnContext,
    invoke?: { mode: 'execute' | 'refresh' },
  ): Promise<CardTurn> {
    const t = await this.translatorFor(context);
    const cardTurn = new CardTurn(context, { views: this.deps.cardViews, t, invoke });
    const signIn = this.deps.signIn;
    const reply = new Replier(
      context,
      this.deps.cards,
      t,
      this.deps.logger,
      signIn && (() => signIn.prompt(context, t)),
    );
    const identity = await this.deps.identity.resolve(context.activity);
    if (identity.kind !== 'ok') {
      const key =
        identity.kind === 'otherTenant'
          ? 'core.identity.otherTenant'
          : identity.kind === 'noUser'
            ? 'core.identity.noUser'
            : 'core.identity.noUserId';
      await reply.text(key, { partner: identity.partner.name });
      return cardTurn;
    }
    this.saveReference(context);
    setTurnServices(context, identity.actor, t, reply);
    // botbuilder-dialogs works out its memory scopes anew for every turn unless the turn carries
    // them; they hold nothing of a turn, so the first turn's are handed to every later one.
    if (this.stateManagerConfiguration)
      context.turnState.set(DIALOG_STATE_MANAGER_CONFIGURATION, this.stateManagerConfiguration);
    const dc = await this.dialogSet.createContext(context);
    this.stateManagerConfiguration ??= context.turnState.get(DIALOG_STATE_MANAGER_CONFIGURATION) as
      DialogStateManagerConfiguration | undefined;
    const scope: TurnScope = { context, actor: identity.actor, locale: t.locale, t, reply, dc };
    try {
      const submit = submitDataOf(context.activity.value);
      if (submit && invoke?.mode === 'refresh') await this.handleRefresh(scope, submit);
      else if (submit) await this.handleSubmit(scope, submit);
      else await this.handleText(scope, typedText(context));
    } catch (error) {
      await reply.error(error);
    }
    return cardTurn;
  }

  /** A live card opened again: its verb shows the current state; no flow is interrupted or resumed. */
  private async handleRefresh(scope: TurnScope, data: SubmitData): Promise<void> {
    const operation = operationOfVerb(data.verb);
    if (operation) assertCan(scope.actor, operation);
    const handler = Object.hasOwn(this.deps.submits, data.verb) ? this.deps.submits[data.verb] : undefined;
    if (!handler) await scope.reply.text('core.cardStale', { command: scope.t.t('command.help.usage') });
    else await handler(scope, data);
  }

  private async handleText(scope: TurnScope, text: string): Promise<void> {
    // Commands, quick questions and dialog input, with one interruption policy for every flow.
    await this.dialogHost.handleText(scope, text);
  }

  private async handleSubmit(scope: TurnScope, data: SubmitData): Promise<void> {
    // A card is bound to the user who started it; re-check server-side (card data can be edited).
    if (typeof data.userId === 'string' && data.userId !== scope.actor.user.aadObjectId) {
      await scope.reply.text('core.cardOtherUser', { command: scope.t.t('command.help.usage') });
      return;
    }
    // Card data can be forged: the verb's own operation decides, and a refusal names the role.
    const operation = operationOfVerb(data.verb);
    if (operation) assertCan(scope.actor, operation);
    await this.dialogHost.handleSubmit(scope, data);
  }

  /** The user accepted a file consent card: the feature that sent it uploads the file. */
  protected override async handleTeamsFileConsentAccept(
    context: TurnContext,
    response: FileConsentCardResponse,
  ): Promise<void> {
    for (const handler of this.deps.fileConsents ?? []) if (await handler.accept(context, response)) return;
  }

  protected override async handleTeamsFileConsentDecline(
    context: TurnContext,
    response: FileConsentCardResponse,
  ): Promise<void> {
    for (const handler of this.deps.fileConsents ?? []) if (await handler.decline(context, response)) return;
  }

  /** Every invoke gets a well-formed answer, never a 500/501 or a chat message (invokeGuard.ts). */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    return guardInvoke({
      name: context.activity.name,
      value: context.activity.value,
      logger: this.deps.logger,
      dispatch: () => this.dispatchInvoke(context),
      staleCardText: async () => {
        const t = await this.invokeTranslator(context);
        return t.t('core.cardStale', { command: t.t('command.help.usage') });
      },
      failureText: async (correlationId) =>
        (await this.invokeTranslator(context)).t('core.error.generic', { correlationId }),
    });
  }

  /**
   * An Adaptive Card typeahead query: the dataset's feature answers with at most `top` choices.
   * An unknown sender or dataset gets no choices (the card's static choices stay usable).
   */
  private async answerSearch(context: TurnContext): Promise<InvokeResponse> {
    const value = context.activity.value as {
      queryText?: string;
      dataset?: string;
      queryOptions?: { skip?: number; top?: number };
    };
    const dataset = value.dataset ?? '';
    const handler =
      this.deps.search && Object.hasOwn(this.deps.search, dataset) ? this.deps.search[dataset] : undefined;
    const identity = await this.deps.identity.resolve(context.activity);
    const results =
      handler && identity.kind === 'ok'
        ? await handler(
            {
              dataset,
              queryText: (value.queryText ?? '').trim(),
              skip: Math.max(0, Math.trunc(value.queryOptions?.skip ?? 0)),
              top: Math.min(50, Math.max(1, Math.trunc(value.queryOptions?.top ?? 15))),
            },
            identity.actor,
            await this.invokeTranslator(context),
          )
        : [];
    return {
      status: 200,
      body: { statusCode: 200, type: 'application/vnd.microsoft.search.searchResponse', value: { results } },
    };
  }

  private dispatchInvoke(context: TurnContext): Promise<InvokeResponse> {
    const signIn = this.deps.signIn;
    if (signIn && context.activity.name === 'signin/tokenExchange') return signIn.tokenExchange(context);
    if (signIn && context.activity.name === 'signin/verifyState') return signIn.verifyState(context);
    if (context.activity.name === 'application/search') return this.answerSearch(context);
    return super.onInvokeActivity(context);
  }

  /** The user's language for an invoke answer; the activity's locale when user state cannot be read. */
  private async invokeTranslator(context: TurnContext): Promise<Translator> {
    return this.translatorFor(context).catch(
      () => new Translator(resolveLocale(context.activity.locale), this.messages),
    );
  }

  protected override async handleTeamsMessagingExtensionQuery(
    context: TurnContext,
    query: MessagingExtensionQuery,
  ): Promise<MessagingExtensionResponse> {
    const t = await this.translatorFor(context);
    const identity = await this.deps.identity.resolve(context.activity);
    const commands = this.deps.messageExtensionCommands;
    const command =
      commands && typeof query.commandId === 'string' && Object.hasOwn(commands, query.commandId)
        ? commands[query.commandId]
        : undefined;
    if (identity.kind === 'ok' && command) return command(query, t, identity.actor);
    if (identity.kind !== 'ok' || !this.deps.messageExtensionQuery) {
      return { composeExtension: { type: 'message', text: t.t('core.identity.noUser', { partner: '' }) } };
    }
    return this.deps.messageExtensionQuery(query, t);
  }
}

/** The typed text without the bot's @mention (guarded: some channels send no recipient). */
export function typedText(context: TurnContext): string {
  const activity = context.activity;
  const text = activity.recipient ? TurnContext.removeRecipientMention(activity) : activity.text;
  return (text ?? '').replace(/<at>[^<]*<\/at>/g, '').trim();
}

/** The turn's pending conversation-reference save (a promise), awaited when the turn ends. */
const REFERENCE_SAVED = Symbol('conversationReferenceSaved');

function isETagConflict(error: unknown): boolean {
  return error instanceof Error && /etag conflict/i.test(error.message);
}

function submitDataOf(value: unknown): SubmitData | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const verb = (value as { verb?: unknown }).verb;
  return typeof verb === 'string' && verb !== '' ? (value as SubmitData) : undefined;
}

/** Where botbuilder-dialogs looks for a turn's memory scopes (dialogStateManager.js; not exported). */
const DIALOG_STATE_MANAGER_CONFIGURATION = 'DialogStateManagerConfiguration';

/** A state object botbuilder loaded without an eTag: nothing was stored under its key yet. */
function isNeverStored(state: unknown): boolean {
  return (
    typeof state === 'object' && state !== null && !('eTag' in state && (state as { eTag?: unknown }).eTag)
  );
}
