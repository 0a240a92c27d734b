import { randomUUID } from 'node:crypto';
import {
  ComponentDialog,
  WaterfallDialog,
  type Dialog,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { describeError } from '../../bot/errorMessages.js';
import { actorOf, replierOf, translatorOf } from '../../bot/turnServices.js';
import type { CardRenderer } from '../../cards/cardRenderer.js';
import type { Clock } from '../../domain/clock.js';
import type { Customer } from '../../domain/customers/customer.js';
import { isDomainError, type DomainError } from '../../domain/errors.js';
import type { CustomerDirectory } from '../../domain/services/customerDirectory.js';
import type { PurchasePrecheck, PurchaseService } from '../../domain/services/purchaseService.js';
import { ATTEST_DIALOG_ID, type AttestResult, type AttestStepOptions } from '../shared/attestStep.js';
import { resultCardData } from '../shared/resultCard.js';
import { CardStep, isCardStepResult, type CardStepResult } from '../shared/cardStep.js';
import { ResolveCustomerDialog } from '../shared/resolveCustomerDialog.js';
import { isResellerOfRecordProblem } from '../../domain/identity/resellerErrors.js';
import { purchaseNextStep } from '../../domain/plans/purchaseBlockers.js';
import {
  blockerCardData,
  noMcaCardData,
  planConfirmCardData,
  planDoneCardData,
} from './purchasePresenter.js';

export interface BuyOptions {
  customerQuery?: string;
  customerId?: string;
  flowId?: string;
  requestId?: string;
}

interface ConfirmOptions {
  customerId: string;
  resellerValue: string;
  resellerError?: { code: string; params: Record<string, string> };
  flowId: string;
  requestId: string;
  cardActivityId?: string;
}

interface Flow {
  flowId: string;
  requestId: string;
  customer: Customer;
}

const MAIN = 'buyMain';
const CONFIRM = 'buyConfirm';
const CONFIRM_STEPS = 'buyConfirmSteps';

/**
 * `buy azure plan [customer]`: resolve the customer → pre-checks (every blocker explained with its
 * next step; no MCA → attest inline, then continue) → confirmation with what is bought → order placed
 * exactly once → the card is replaced by the result. The rules are PurchaseService's.
 */
export class BuyAzurePlanDialog extends ComponentDialog {
  static readonly ID = 'buyAzurePlan';

  private readonly resolveCustomer: ResolveCustomerDialog;

  constructor(
    private readonly purchases: PurchaseService,
    private readonly directory: CustomerDirectory,
    /** The attest feature's dialog (ATTEST_DIALOG_ID), run inline when the customer has no MCA. */
    attestDialog: Dialog,
    cards: CardRenderer,
    clock: Clock,
  ) {
    super(BuyAzurePlanDialog.ID);
    this.resolveCustomer = new ResolveCustomerDialog(this.directory, 'plan.purchase');
    this.addDialog(this.resolveCustomer);
    this.addDialog(new CardStep(cards));
    this.addDialog(attestDialog);
    this.addDialog(new BuyConfirmDialog(purchases, this.directory, cards, clock));
    this.addDialog(
      new WaterfallDialog(MAIN, [
        this.customerStep.bind(this),
        this.precheckStep.bind(this),
        this.mcaChoiceStep.bind(this),
        this.afterAttestStep.bind(this),
      ]),
    );
    this.initialDialogId = MAIN;
  }

  private async customerStep(step: WaterfallStepContext<BuyOptions>): Promise<DialogTurnResult> {
    const options = step.options ?? {};
    const flow = step.values as Flow;
    flow.flowId = options.flowId ?? randomUUID();
    flow.requestId = options.requestId ?? randomUUID();
    if (options.customerId) return step.next({ id: options.customerId });
    return this.resolveCustomer.beginFrom(step, {
      query: options.customerQuery ?? '',
      flowId: flow.flowId,
    });
  }

  private async precheckStep(step: WaterfallStepContext<BuyOptions>): Promise<DialogTurnResult> {
    const picked = step.result as Pick<Customer, 'id'> | undefined;
    if (!picked) return step.endDialog();
    const flow = step.values as Flow;
    const actor = actorOf(step.context);
    const t = translatorOf(step.context);
    const reply = replierOf(step.context);
    // An indirect provider buys for a reseller of record: checked against the suggested one (the
    // customer's reseller unless it already has a plan; then the confirmation asks which reseller).
    const check = await this.purchases.precheck(actor, picked.id);
    flow.customer = check.customer;
    const next = purchaseNextStep(check.blockers);
    if (next.kind === 'stop') {
      await reply.card('result', { ...blockerCardData(t, actor, check, next.blocker), footer: '' });
      return step.endDialog();
    }
    if (next.kind === 'attestMca') {
      const card = { ...noMcaCardData(t, actor, check, flow.flowId), footer: '' };
      if (card.actions.length === 0) {
        await reply.card('result', card);
        return step.endDialog();
      }
      return step.beginDialog(CardStep.ID, {
        card: 'result',
        data: card,
        verbs: ['buy.attest', 'buy.cancel'],
        flowId: flow.flowId,
      });
    }
    return this.beginConfirm(step, check);
  }

  private async mcaChoiceStep(step: WaterfallStepContext<BuyOptions>): Promise<DialogTurnResult> {
    const flow = step.values as Flow;
    // Reached with the confirmation's outcome too (it was begun from the pre-check step): only a
    // press on the "no MCA" card continues here.
    const choice = step.result as CardStepResult | undefined;
    if (!isCardStepResult(choice) || (choice.verb !== 'buy.attest' && choice.verb !== 'buy.cancel')) {
      return step.endDialog(step.result);
    }
    const t = translatorOf(step.context);
    if (choice.verb === 'buy.cancel') {
      await replierOf(step.context).replaceCard(
        choice.cardActivityId,
        'result',
        resultCardData(
          'default',
          t.t('plan.cancelled.title'),
          t.t('plan.cancelled.text', { customer: flow.customer.companyName }),
        ),
      );
      return step.endDialog();
    }
    await replierOf(step.context).replaceCard(
      choice.cardActivityId,
      'result',
      resultCardData('default', t.t('plan.noMca.title', { customer: flow.customer.companyName }), ''),
    );
    return step.beginDialog(ATTEST_DIALOG_ID, {
      customerId: flow.customer.id,
      inline: true,
    } satisfies AttestStepOptions);
  }

  private async afterAttestStep(step: WaterfallStepContext<BuyOptions>): Promise<DialogTurnResult> {
    const flow = step.values as Flow;
    const attested = step.result as AttestResult | undefined;
    if (!attested?.accepted) return step.endDialog();
    // The customer has accepted now: run every pre-check again, then show the confirmation.
    return step.replaceDialog(MAIN, {
      customerId: flow.customer.id,
      flowId: flow.flowId,
      requestId: flow.requestId,
    } satisfies BuyOptions);
  }

  private beginConfirm(
    step: WaterfallStepContext<BuyOptions>,
    check: PurchasePrecheck,
  ): Promise<DialogTurnResult> {
    const flow = step.values as Flow;
    return step.beginDialog(CONFIRM, {
      customerId: check.customer.id,
      resellerValue: check.suggestedResellerMpnId ?? '',
      flowId: flow.flowId,
      requestId: flow.requestId,
    } satisfies ConfirmOptions);
  }
}

/** The confirmation card, shown again in place while the reseller of record is missing or unknown. */
class BuyConfirmDialog extends ComponentDialog {
  constructor(
    private readonly purchases: PurchaseService,
    private readonly directory: CustomerDirectory,
    cards: CardRenderer,
    private readonly clock: Clock,
  ) {
    super(CONFIRM);
    this.addDialog(new CardStep(cards));
    this.addDialog(new WaterfallDialog(CONFIRM_STEPS, [this.showStep.bind(this), this.placeStep.bind(this)]));
    this.initialDialogId = CONFIRM_STEPS;
  }

  private async showStep(step: WaterfallStepContext<ConfirmOptions>): Promise<DialogTurnResult> {
    const options = step.options;
    const actor = actorOf(step.context);
    const check = await this.purchases.precheck(actor, options.customerId, options.resellerValue || null);
    (step.values as { customerName: string; customerDomain: string }).customerName =
      check.customer.companyName;
    (step.values as { customerName: string; customerDomain: string }).customerDomain = check.customer.domain;
    const data = planConfirmCardData(translatorOf(step.context), {
      actor,
      check,
      resellerValue: options.resellerValue,
      resellerError: options.resellerError as DomainError | undefined,
      flowId: options.flowId,
      requestId: options.requestId,
    });
    return step.beginDialog(CardStep.ID, {
      card: 'plan-confirm',
      data,
      verbs: ['buy.confirm', 'buy.cancel'],
      flowId: options.flowId,
      replaceActivityId: options.cardActivityId,
    });
  }

  private async placeStep(step: WaterfallStepContext<ConfirmOptions>): Promise<DialogTurnResult> {
    const submit = step.result as CardStepResult;
    const options = step.options;
    const names = step.values as { customerName: string; customerDomain: string };
    const t = translatorOf(step.context);
    const reply = replierOf(step.context);
    const actor = actorOf(step.context);
    if (submit.verb === 'buy.cancel') {
      await reply.replaceCard(
        submit.cardActivityId,
        'result',
        resultCardData(
          'default',
          t.t('plan.cancelled.title'),
          t.t('plan.cancelled.text', { customer: names.customerName }),
        ),
      );
      return step.endDialog();
    }
    if (submit.values.requestId !== options.requestId || submit.values.customerId !== options.customerId) {
      await reply.text('flow.staleCard');
      return step.endDialog();
    }
    const resellerValue =
      typeof submit.values.resellerMpnId === 'string' ? submit.values.resellerMpnId.trim() : '';
    try {
      const result = await this.purchases.buy(
        actor,
        { customerId: options.customerId, resellerMpnId: resellerValue },
        options.requestId,
      );
      this.directory.forget(options.customerId);
      await reply.replaceCard(
        submit.cardActivityId,
        'result',
        planDoneCardData(t, actor, names.customerName, names.customerDomain, result, this.clock.now()),
      );
      return step.endDialog(result);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      if (isResellerOfRecordProblem(error)) {
        return step.replaceDialog(CONFIRM, {
          ...options,
          resellerValue,
          resellerError: {
            code: error.code,
            params: Object.fromEntries(Object.entries(error.params).map(([k, v]) => [k, String(v)])),
          },
          cardActivityId: submit.cardActivityId,
        } satisfies ConfirmOptions);
      }
      await reply.replaceCard(submit.cardActivityId, 'result', {
        ...resultCardData(
          'attention',
          t.t('plan.failed.title'),
          describeError(t, error, { customer: names.customerName }) ?? '',
        ),
      });
      return step.endDialog();
    }
  }
}
