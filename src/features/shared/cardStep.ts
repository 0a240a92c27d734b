import { Dialog, DialogTurnStatus, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { CardRenderer } from '../../cards/cardRenderer.js';
import { CardFactory, MessageFactory } from 'botbuilder';
import { translatorOf } from '../../bot/turnServices.js';

/** What a card step shows: a template name and its data (`flowId` is added to every submit by the template). */
export interface CardStepOptions {
  card: string;
  data: object;
  /** Submit verbs this step accepts; any other submit of the same flow is ignored with a hint. */
  verbs: readonly string[];
  flowId: string;
  /** Replace this earlier card instead of sending a new one (e.g. a form re-shown with errors). */
  replaceActivityId?: string;
}

/** What the step returns to the waterfall: the verb pressed, the submitted values, and the card's id. */
export interface CardStepResult {
  verb: string;
  values: Record<string, unknown>;
  /** Id of the message holding the card, so the next step can replace it (no second click). */
  cardActivityId?: string;
}

interface CardStepState {
  flowId: string;
  verbs: readonly string[];
  activityId?: string;
}

/**
 * Sends an Adaptive Card and waits for a submit of the same flow (Teams' Action.Submit arrives as a
 * message with `value`). Submits of other flows (stale cards) and typed text get a short answer and
 * the step keeps waiting; typed commands never reach here (the bot interrupts the flow for them).
 */
export class CardStep extends Dialog<CardStepOptions> {
  static readonly ID = 'cardStep';

  constructor(private readonly cards: CardRenderer) {
    super(CardStep.ID);
  }

  override async beginDialog(dc: DialogContext, options?: CardStepOptions): Promise<DialogTurnResult> {
    if (!options) throw new Error('CardStep needs options');
    const attachment = CardFactory.adaptiveCard(this.cards.render(options.card, options.data));
    // The state is in place BEFORE the card goes out: the bot saves it just before sending a card
    // with buttons, so a crash right after the send still finds this step waiting for the click.
    const state: CardStepState = { flowId: options.flowId, verbs: options.verbs };
    dc.activeDialog!.state = state;
    let activityId = options.replaceActivityId;
    if (activityId) {
      try {
        await dc.context.updateActivity({ ...MessageFactory.attachment(attachment), id: activityId });
      } catch {
        activityId = (await dc.context.sendActivity(MessageFactory.attachment(attachment)))?.id;
      }
    } else {
      activityId = (await dc.context.sendActivity(MessageFactory.attachment(attachment)))?.id;
    }
    // Saved at the end of the turn; if that is lost, the click's replyToId names the card.
    state.activityId = activityId;
    return Dialog.EndOfTurn;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const state = dc.activeDialog!.state as CardStepState;
    const t = translatorOf(dc.context);
    const value = dc.context.activity.value as Record<string, unknown> | undefined;
    if (!value || typeof value.verb !== 'string') {
      await dc.context.sendActivity(t.t('flow.useCard'));
      return Dialog.EndOfTurn;
    }
    if (value.flowId !== state.flowId || !state.verbs.includes(value.verb)) {
      await dc.context.sendActivity(t.t('flow.staleCard'));
      return Dialog.EndOfTurn;
    }
    const result: CardStepResult = {
      verb: value.verb,
      values: value,
      cardActivityId: dc.context.activity.replyToId ?? state.activityId,
    };
    return dc.endDialog(result);
  }
}

export function isCardStepResult(value: unknown): value is CardStepResult {
  return typeof value === 'object' && value !== null && typeof (value as CardStepResult).verb === 'string';
}

export const WAITING: DialogTurnResult = { status: DialogTurnStatus.waiting };
