import { randomUUID } from 'node:crypto';
import {
  CardFactory,
  type Activity,
  type AdaptiveCardInvokeResponse,
  type ResourceResponse,
  type Storage,
  type TurnContext,
} from 'botbuilder';
import {
  CARD_REFRESH_VERB,
  isUserBoundCard,
  readOnlyView,
  withRefresh,
  type CardJson,
} from '../cards/universalActions.js';
import type { Translator } from '../i18n/translator.js';

/**
 * Universal Actions on the host side (teams-conventions.md, "Action.Submit vs Action.Execute"):
 *
 * - An `adaptiveCard/action` invoke runs the same path as a submitted card. The card that would
 *   replace the clicked card (today `updateActivity` on `replyToId`) is also the invoke response, so
 *   the clicker sees the next card at once; the message itself is still updated for every reader.
 *   A turn that replaces no card answers with its first text reply as a message instead.
 * - In group chats and channels a card whose buttons belong to one user (its data has a `userId` or
 *   `flowId`) is user-specific: the message everyone sees is a read-only view ("Started by X"), and
 *   its `refresh` (`userIds`: the initiator) shows the initiator the card with the buttons.
 *
 * Works as turn hooks (`onSendActivities` / `onUpdateActivity`), so no dialog or card template knows.
 */

export const INVOKE_CARD_TYPE = 'application/vnd.microsoft.card.adaptive';
export const INVOKE_MESSAGE_TYPE = 'application/vnd.microsoft.activity.message';
export const INVOKE_ERROR_TYPE = 'application/vnd.microsoft.error';

/** The two views of a user-specific card, kept so its refresh can answer each reader. */
export interface StoredCardView {
  /** Teams user id (`29:…`, what `refresh.userIds` lists) of the user the buttons belong to. */
  initiatorId: string;
  initiatorAadObjectId?: string;
  /** The card with its buttons (and its refresh), for the initiator. */
  personal: CardJson;
  /** The read-only view, for everyone else. */
  shared: CardJson;
}

/** User-specific card views in the bot's Storage (they outlive a restart like the dialog state). */
export class CardViewStore {
  constructor(private readonly storage: Storage) {}

  private key(conversationId: string, cardKey: string): string {
    return `card-view/${conversationId}/${cardKey}`;
  }

  async save(conversationId: string, cardKey: string, view: StoredCardView): Promise<void> {
    await this.storage.write({ [this.key(conversationId, cardKey)]: { view, eTag: '*' } });
  }

  async get(conversationId: string, cardKey: string): Promise<StoredCardView | undefined> {
    const key = this.key(conversationId, cardKey);
    const item = (await this.storage.read([key]))[key] as { view?: StoredCardView } | undefined;
    return item?.view;
  }
}

/** Group chats and channels: more than one person reads the bot's cards. */
export function isSharedConversation(activity: Partial<Activity>): boolean {
  const type = activity.conversation?.conversationType;
  return type === 'groupChat' || type === 'channel' || activity.conversation?.isGroup === true;
}

export function invokeCard(card: CardJson): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: INVOKE_CARD_TYPE, value: card };
}

export function invokeMessage(text: string): AdaptiveCardInvokeResponse {
  // The SDK types `value` as a card; a message answer carries its text there (Teams' documented shape).
  return { statusCode: 200, type: INVOKE_MESSAGE_TYPE, value: text as unknown as Record<string, unknown> };
}

export function invokeError(statusCode: number, code: string, message: string): AdaptiveCardInvokeResponse {
  return { statusCode, type: INVOKE_ERROR_TYPE, value: { code, message } };
}

export interface CardTurnOptions {
  views: CardViewStore;
  t: Translator;
  /**
   * Set for an `adaptiveCard/action` invoke. `execute`: the card replacing the clicked one is the
   * answer. `refresh`: the first card the turn shows is the answer and is not posted.
   */
  invoke?: { mode: 'execute' | 'refresh' };
}

type CardAttachment = { contentType: string; content: CardJson };

function adaptiveCardOf(activity: Partial<Activity>): CardAttachment | undefined {
  return activity.attachments?.find(
    (attachment): attachment is CardAttachment =>
      attachment.contentType === CardFactory.contentTypes.adaptiveCard &&
      typeof attachment.content === 'object' &&
      attachment.content !== null,
  );
}

const isTextOnly = (activity: Partial<Activity>): boolean =>
  activity.type === 'message' && !activity.attachments?.length && typeof activity.text === 'string';

/** The hooks of one turn; `response()` is the invoke answer once the turn has run. */
export class CardTurn {
  private captured?: CardJson;
  private heldText?: Partial<Activity>;
  private sentSomething = false;
  private firstUpdatedId?: string;

  constructor(
    private readonly context: TurnContext,
    private readonly options: CardTurnOptions,
  ) {
    context.onSendActivities(async (_context, activities, next) => this.onSend(activities, next));
    context.onUpdateActivity(async (_context, activity, next) => {
      const views = await this.views(activity);
      if (this.options.invoke && this.isClicked(activity.id) && views) {
        if (this.options.invoke.mode === 'execute' || !this.captured) this.captured = views.personal;
      }
      return next();
    });
  }

  /** The invoke response of this turn (only meaningful for an invoke). */
  async response(): Promise<AdaptiveCardInvokeResponse> {
    const held = this.heldText;
    this.heldText = undefined;
    if (this.captured) {
      // A text held back as the answer, but a card came after it: the text still reaches the chat.
      if (held) await this.context.sendActivity(held);
      return invokeCard(this.captured);
    }
    if (held?.text) return invokeMessage(held.text);
    return invokeMessage(this.options.t.t('core.cardAnswered'));
  }

  private isClicked(id: string | undefined): boolean {
    const clicked = this.context.activity.replyToId;
    if (clicked) return id === clicked;
    this.firstUpdatedId ??= id;
    return id !== undefined && id === this.firstUpdatedId;
  }

  private async onSend(
    activities: Partial<Activity>[],
    next: () => Promise<ResourceResponse[]>,
  ): Promise<ResourceResponse[]> {
    const invoke = this.options.invoke;
    const kept: boolean[] = [];
    let keptMessage = false;
    for (const activity of activities) {
      const views = await this.views(activity);
      let keep = true;
      if (invoke?.mode === 'refresh' && views && !this.captured) {
        this.captured = views.personal;
        keep = false;
      } else if (
        invoke &&
        !this.sentSomething &&
        !keptMessage &&
        !this.captured &&
        !this.heldText &&
        isTextOnly(activity)
      ) {
        // The turn's first reply is a text (a refusal, "no longer active" …): it is the invoke answer.
        this.heldText = { ...activity };
        keep = false;
      }
      kept.push(keep);
      if (keep && activity.type === 'message') keptMessage = true;
    }
    const outgoing = activities.filter((_, index) => kept[index]);
    // Something else goes to the chat after a held text: the text goes first, in its place.
    const released = outgoing.length > 0 && this.heldText ? [this.heldText] : [];
    if (released.length > 0) this.heldText = undefined;
    activities.splice(0, activities.length, ...released, ...outgoing);
    if (outgoing.some((activity) => activity.type === 'message')) this.sentSomething = true;
    const responses = activities.length > 0 ? await next() : [];
    const answered = this.context.activity.replyToId ?? '';
    let index = released.length;
    return kept.map((keep) => (keep ? (responses[index++] ?? { id: '' }) : { id: answered }));
  }

  /**
   * The views of an outgoing card: in a shared conversation a user-bound card becomes read-only in
   * the message (changed in place) and keeps its buttons for its initiator (stored for the refresh).
   */
  private async views(activity: Partial<Activity>): Promise<{ personal: CardJson } | undefined> {
    const attachment = adaptiveCardOf(activity);
    if (!attachment) return undefined;
    const card = attachment.content;
    if (!isSharedConversation(this.context.activity) || card.refresh || !isUserBoundCard(card)) {
      return { personal: card };
    }
    const from = this.context.activity.from;
    const conversationId = this.context.activity.conversation?.id;
    if (!from?.id || !conversationId) return { personal: card };
    const cardKey = randomUUID();
    const refresh = { verb: CARD_REFRESH_VERB, cardKey };
    const personal = withRefresh(card, refresh, [from.id]);
    const note = this.options.t.t('core.cardStartedBy', { name: from.name || from.id });
    const view = readOnlyView(card, note);
    // Clients that do not refresh on their own (Agents Playground 0.2.28): the initiator asks for it.
    view.actions = [
      {
        type: 'Action.Execute',
        title: this.options.t.t('core.cardRefresh'),
        verb: CARD_REFRESH_VERB,
        data: refresh,
        fallback: 'drop',
      },
    ];
    const shared = withRefresh(view, refresh, [from.id]);
    await this.options.views.save(conversationId, cardKey, {
      initiatorId: from.id,
      ...(from.aadObjectId ? { initiatorAadObjectId: from.aadObjectId } : {}),
      personal,
      shared,
    });
    attachment.content = shared;
    return { personal };
  }
}

/** The answer to a user-specific card's refresh: the buttons for its initiator, read-only for others. */
export async function answerCardRefresh(
  context: TurnContext,
  views: CardViewStore,
  cardKey: unknown,
  t: Translator,
): Promise<AdaptiveCardInvokeResponse> {
  const conversationId = context.activity.conversation?.id;
  const stored =
    typeof cardKey === 'string' && conversationId ? await views.get(conversationId, cardKey) : undefined;
  if (!stored) return invokeMessage(t.t('core.cardStale', { command: t.t('command.help.usage') }));
  const from = context.activity.from;
  const isInitiator =
    from?.id === stored.initiatorId &&
    (stored.initiatorAadObjectId === undefined || from.aadObjectId === stored.initiatorAadObjectId);
  return invokeCard(isInitiator ? stored.personal : stored.shared);
}
