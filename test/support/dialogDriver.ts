import {
  MemoryStorage,
  ConversationState,
  type Activity,
  type Middleware,
  type TurnContext,
} from 'botbuilder';
import type { Dialog } from 'botbuilder-dialogs';
import { DialogTestClient, DialogTestLogger } from 'botbuilder-testing';
import { Replier } from '../../src/bot/replier.js';
import { setTurnServices } from '../../src/bot/turnServices.js';
import type { Actor } from '../../src/domain/identity/actor.js';
import { resolveTurnLocale } from '../../src/i18n/locale.js';
import { Translator } from '../../src/i18n/translator.js';
import { cards, silentLogger } from './botHarness.js';

const quietLogger = { log: () => undefined };

/**
 * Runs one dialog with botbuilder-testing's DialogTestClient, as a given partner user, and keeps
 * every message the dialog sent or updated (cards are replaced in place after a submit), so a test
 * can read "the card the user now sees".
 */
export class DialogDriver {
  readonly client: DialogTestClient;
  /** Messages by id, in the order first sent; updates replace the content under the same id. */
  readonly messages = new Map<string, Partial<Activity>>();
  private turnMessages: Partial<Activity>[] = [];

  constructor(dialog: Dialog, actor: Actor, initialOptions?: unknown, locale = 'en-US') {
    const recorder: Middleware = {
      onTurn: async (context: TurnContext, next: () => Promise<void>) => {
        context.activity.locale = context.activity.locale ?? locale;
        const t = new Translator(resolveTurnLocale(locale, context.activity.text).locale);
        setTurnServices(context, actor, t, new Replier(context, cards, t, silentLogger));
        context.onSendActivities(async (_ctx, activities, nextSend) => {
          const responses = await nextSend();
          activities.forEach((activity, index) => {
            const id = responses[index]?.id ?? activity.id ?? `m${this.messages.size}`;
            if (activity.type === 'message') {
              const stored = { ...activity, id };
              this.messages.set(id, stored);
              this.turnMessages.push(stored);
            }
          });
          return responses;
        });
        context.onUpdateActivity(async (_ctx, activity, nextUpdate) => {
          await nextUpdate();
          if (activity.id) {
            this.messages.set(activity.id, activity);
            this.turnMessages.push(activity);
          }
        });
        await next();
      },
    };
    this.client = new DialogTestClient(
      'msteams',
      dialog,
      initialOptions,
      [recorder, new DialogTestLogger(quietLogger)],
      new ConversationState(new MemoryStorage()),
    );
  }

  /** Sends text or a card submit (`value`), answering the card with id `replyToId` if given. */
  async send(input: string | Record<string, unknown>, replyToId?: string): Promise<Partial<Activity>[]> {
    this.turnMessages = [];
    const activity: Partial<Activity> =
      typeof input === 'string'
        ? { type: 'message', text: input }
        : { type: 'message', text: '', value: input };
    if (replyToId) activity.replyToId = replyToId;
    await this.client.sendActivity(activity);
    return this.turnMessages;
  }

  /** The newest message that holds an Adaptive Card, as the user sees it now. */
  lastCard(): { id: string; content: Record<string, unknown> } {
    const withCards = [...this.messages.entries()].filter(([, m]) => m.attachments?.length);
    const last = withCards.at(-1);
    if (!last) throw new Error('no card was sent');
    return { id: last[0], content: last[1].attachments![0].content as Record<string, unknown> };
  }

  /** The data of the card's action with this title (what pressing it would submit). */
  actionData(card: Record<string, unknown>, title: string): Record<string, unknown> {
    const actions = (card.actions ?? []) as Array<{ title: string; data: Record<string, unknown> }>;
    const action = actions.find((a) => a.title === title);
    if (!action)
      throw new Error(`no action "${title}" on the card; actions: ${actions.map((a) => a.title).join(', ')}`);
    return action.data;
  }

  get status(): string {
    return this.client.dialogTurnResult?.status;
  }
}

export function textOfActivities(activities: Partial<Activity>[]): string {
  const parts: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') parts.push(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  for (const activity of activities) {
    parts.push(activity.text ?? '');
    for (const attachment of activity.attachments ?? []) walk(attachment.content);
  }
  return parts.join('\n');
}
