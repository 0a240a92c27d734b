import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { actorOf, replierOf, translatorOf } from '../../bot/turnServices.js';
import type { Clock } from '../../domain/clock.js';
import type { PecAccessQuestion } from '../../domain/pec/pecQuestion.js';
import type { PriceService } from '../../prices/priceService.js';
import { answerPecQuestion, type PecPriceInput } from '../../pec/pecAnswer.js';
import { Decimal } from 'decimal.js';
// A PEC question without a quantity is about a month of an hourly meter (the Azure 730-hour convention).
import { HOURS_PER_MONTH } from '../../domain/prices/quantityWords.js';

export interface PecOptions {
  question: string;
}

interface PecState {
  price: SerializedPrice;
  access: PecAccessQuestion;
}

/** The price part of a PEC question, kept in dialog state as strings (state is JSON). */
interface SerializedPrice extends Omit<PecPriceInput, 'unitPrice' | 'quantity'> {
  unitPrice: string;
  quantity: string;
}

/**
 * `pec <question>`: prices the consumption with the price catalog, reads the access part (role,
 * days, scope) and answers with the estimate and why; when the role or the days are missing it asks
 * for them and waits for the answer.
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
    const priced = this.prices.ask(question, t.locale);
    if (priced.kind !== 'answer') {
      await replierOf(dc.context).text('knowledge.pec.needPrice');
      return dc.endDialog();
    }
    const row = priced.row;
    const snapshot = priced.snapshot;
    const price: SerializedPrice = {
      unitPrice: row.unitPrice.toString(),
      quantity: (
        priced.quantity ?? (row.unitOfMeasure === '1 Hour' ? HOURS_PER_MONTH : new Decimal(1))
      ).toString(),
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
    return this.answer(dc, question, { price, access: {} });
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const state = dc.activeDialog!.state as PecState;
    return this.answer(dc, dc.context.activity.text ?? '', state);
  }

  private async answer(dc: DialogContext, text: string, state: PecState): Promise<DialogTurnResult> {
    const t = translatorOf(dc.context);
    const actor = actorOf(dc.context);
    const result = answerPecQuestion(
      t,
      text,
      {
        ...state.price,
        unitPrice: new Decimal(state.price.unitPrice),
        quantity: new Decimal(state.price.quantity),
      },
      { today: this.clock.now(), partnerType: actor.partner.type, previous: state.access },
    );
    if (result.kind === 'ask') {
      dc.activeDialog!.state = { price: state.price, access: result.access } satisfies PecState;
      await dc.context.sendActivity(result.text);
      return Dialog.EndOfTurn;
    }
    await replierOf(dc.context).card(result.card, result.data);
    return dc.endDialog();
  }
}
