import { randomUUID } from 'node:crypto';
import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { actorOf, replierOf, translatorOf } from '../../bot/turnServices.js';
import type { Clock } from '../../domain/clock.js';
import { mergePecAccess, pecPricePart, type PecAccessQuestion } from '../../domain/pec/pecQuestion.js';
import type { PriceService } from '../../priceData/priceService.js';
import { answerPecQuestion, type PecPriceInput } from './pecAnswer.js';
import { pecAnsweredCard, pecCardAnswer } from './pecCards.js';
import { Decimal } from 'decimal.js';
import { usageQuantity } from '../../domain/prices/usageDefaults.js';

export interface PecOptions {
  question: string;
}

interface PecState {
  /** Undefined when nothing was priced (a question only about usage that never earns PEC). */
  price?: SerializedPrice;
  access: PecAccessQuestion;
  /** Ties the answer buttons of the ask card to this dialog. */
  flowId: string;
}

/** The price part of a PEC question, kept in dialog state as strings (state is JSON). */
interface SerializedPrice extends Omit<PecPriceInput, 'unitPrice' | 'quantity'> {
  unitPrice: string;
  quantity: string;
}

/**
 * `pec <question>`: prices the consumption with the price catalog, reads the access part (role,
 * days, scope) and answers with the estimate and why; when the role or the days are missing it asks
 * for them with a card of choices and waits for a click or a typed answer.
 */
export class PecDialog extends Dialog<PecOptions> {
  static readonly ID = 'pecEstimate';

  constructor(
    private readonly prices: PriceService,
    private readonly clock: Clock,
  ) {
    super(PecDialog.ID);
  }

  override async beginDialog(dc: DialogContext, options?: PecOptions): Promise<DialogTurnResult> {
    const t = translatorOf(dc.context);
    const question = options?.question ?? '';
    // The access days ("Owner for 9.5 days") are not usage: the price engine gets the rest.
    const priced = this.prices.ask(pecPricePart(question), t.locale);
    const flowId = randomUUID();
    if (priced.kind !== 'answer') return this.answer(dc, question, { access: {}, flowId });
    const row = priced.row;
    const snapshot = priced.snapshot;
    const price: SerializedPrice = {
      unitPrice: row.unitPrice.toString(),
      quantity: usageQuantity(priced.quantity, row.unitOfMeasure).toString(),
      unitOfMeasure: row.unitOfMeasure,
      meterLabel: `${row.productName} · ${row.meterName} · ${row.armRegionName}`,
      meter: {
        type: row.type,
        meterName: row.meterName,
        skuName: row.skuName,
        productName: row.productName,
        tags: row.tags,
      },
      priceSource: snapshot.source,
      snapshot: snapshot.takenAt.slice(0, 10),
    };
    return this.answer(dc, question, { price, access: {}, flowId });
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const state = dc.activeDialog!.state as PecState;
    const value: unknown = dc.context.activity.value;
    if (value !== undefined && value !== null) {
      // A click on the ask card is the answer; a click on another (older) card is not.
      const chosen = pecCardAnswer(value, state.flowId);
      if (!chosen) {
        await dc.context.sendActivity(translatorOf(dc.context).t('flow.staleCard'));
        return Dialog.EndOfTurn;
      }
      // The answered question becomes read-only, so its buttons cannot be pressed again.
      await this.closeAnsweredCard(dc, chosen);
      return this.answer(dc, '', { ...state, access: mergePecAccess(state.access, chosen) });
    }
    return this.answer(dc, dc.context.activity.text ?? '', state);
  }

  private async closeAnsweredCard(dc: DialogContext, chosen: PecAccessQuestion): Promise<void> {
    const cardId = dc.context.activity.replyToId;
    if (!cardId) return;
    await replierOf(dc.context).replaceCard(
      cardId,
      'result',
      pecAnsweredCard(translatorOf(dc.context), chosen),
    );
  }

  private async answer(dc: DialogContext, text: string, state: PecState): Promise<DialogTurnResult> {
    const t = translatorOf(dc.context);
    const actor = actorOf(dc.context);
    const result = answerPecQuestion(
      t,
      text,
      state.price && {
        ...state.price,
        unitPrice: new Decimal(state.price.unitPrice),
        quantity: new Decimal(state.price.quantity),
      },
      {
        today: this.clock.now(),
        partnerType: actor.partner.type,
        previous: state.access,
        ask: { flowId: state.flowId, userId: actor.user.aadObjectId },
      },
    );
    if (result.kind === 'needPrice') {
      await replierOf(dc.context).text('knowledge.pec.needPrice');
      return dc.endDialog();
    }
    if (result.kind === 'ask') {
      dc.activeDialog!.state = { ...state, access: result.access } satisfies PecState;
      await replierOf(dc.context).card(result.card, result.data);
      return Dialog.EndOfTurn;
    }
    await replierOf(dc.context).card(result.card, result.data);
    return dc.endDialog();
  }
}
