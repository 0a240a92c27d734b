import { randomUUID } from 'node:crypto';
import { TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  WaterfallDialog,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { describeError } from '../../bot/errorMessages.js';
import type { TransitionWatchStore } from './transitionWatches.js';
import { actorOf, replierOf, translatorOf } from '../../bot/turnServices.js';
import type { CardRenderer } from '../../cards/cardRenderer.js';
import type { Clock } from '../../domain/clock.js';
import type { Customer } from '../../domain/customers/customer.js';
import { isDomainError } from '../../domain/errors.js';
import type { CustomerDirectory } from '../../domain/services/customerDirectory.js';
import type { TransitionService } from '../../domain/services/transitionService.js';
import { resultCardData } from '../shared/resultCard.js';
import { CardStep, type CardStepResult } from '../shared/cardStep.js';
import { ResolveCustomerDialog } from '../shared/resolveCustomerDialog.js';
import {
  notEligibleCardData,
  transitionConfirmCardData,
  transitionStatusCardData,
} from './transitionPresenter.js';

export interface TransitionOptions {
  customerQuery?: string;
}

interface Flow {
  flowId: string;
  requestId: string;
  customer: Customer;
  /** Legacy subscription id → name, for the progress card. */
  names: Array<[string, string]>;
}

const MAIN = 'transitionMain';

/**
 * `transition [customer]`: eligibility (refusals in plain words with the next step) → what moves and
 * what does not → start exactly once → a progress card that the TransitionNotifier updates in place
 * until the proactive completion message.
 */
export class TransitionDialog extends ComponentDialog {
  static readonly ID = 'transition';

  private readonly resolveCustomer: ResolveCustomerDialog;

  constructor(
    private readonly transitions: TransitionService,
    private readonly directory: CustomerDirectory,
    private readonly watches: TransitionWatchStore,
    cards: CardRenderer,
    private readonly clock: Clock,
  ) {
    super(TransitionDialog.ID);
    this.resolveCustomer = new ResolveCustomerDialog(this.directory, 'transition.run');
    this.addDialog(this.resolveCustomer);
    this.addDialog(new CardStep(cards));
    this.addDialog(
      new WaterfallDialog(MAIN, [
        this.customerStep.bind(this),
        this.eligibilityStep.bind(this),
        this.startStep.bind(this),
      ]),
    );
    this.initialDialogId = MAIN;
  }

  private async customerStep(step: WaterfallStepContext<TransitionOptions>): Promise<DialogTurnResult> {
    const flow = step.values as Flow;
    flow.flowId = randomUUID();
    flow.requestId = randomUUID();
    return this.resolveCustomer.beginFrom(step, {
      query: step.options?.customerQuery ?? '',
      flowId: flow.flowId,
    });
  }

  private async eligibilityStep(step: WaterfallStepContext<TransitionOptions>): Promise<DialogTurnResult> {
    const picked = step.result as Customer | undefined;
    if (!picked) return step.endDialog();
    const flow = step.values as Flow;
    const actor = actorOf(step.context);
    const t = translatorOf(step.context);
    const check = await this.transitions.eligibility(actor, picked.id);
    flow.customer = check.customer;
    flow.names = check.legacySubscriptions.map((s) => [s.id, s.friendlyName]);
    if (!check.eligibility.isEligible) {
      await replierOf(step.context).card('result', notEligibleCardData(t, check));
      return step.endDialog();
    }
    return step.beginDialog(CardStep.ID, {
      card: 'transition-confirm',
      data: transitionConfirmCardData(t, actor, check, flow.flowId, flow.requestId),
      verbs: ['transition.start', 'transition.cancel'],
      flowId: flow.flowId,
    });
  }

  private async startStep(step: WaterfallStepContext<TransitionOptions>): Promise<DialogTurnResult> {
    const submit = step.result as CardStepResult;
    const flow = step.values as Flow;
    const t = translatorOf(step.context);
    const reply = replierOf(step.context);
    if (submit.verb === 'transition.cancel') {
      await reply.replaceCard(
        submit.cardActivityId,
        'result',
        resultCardData(
          'default',
          t.t('transition.cancelled.title'),
          t.t('transition.cancelled.text', { customer: flow.customer.companyName }),
        ),
      );
      return step.endDialog();
    }
    if (submit.values.requestId !== flow.requestId || submit.values.customerId !== flow.customer.id) {
      await reply.text('flow.staleCard');
      return step.endDialog();
    }
    try {
      const started = await this.transitions.start(actorOf(step.context), flow.customer.id, flow.requestId);
      this.directory.forget(flow.customer.id);
      // Record where to report progress before showing it: after a restart the worker resumes and
      // the notifier still knows this conversation and card.
      await this.watches.save({
        upgradeId: started.upgradeId,
        customerId: flow.customer.id,
        reference: TurnContext.getConversationReference(step.context.activity),
        cardActivityId: submit.cardActivityId,
        locale: t.locale,
      });
      const upgrade = await this.transitions.status(
        actorOf(step.context),
        flow.customer.id,
        started.upgradeId,
      );
      if (upgrade) {
        await reply.replaceCard(
          submit.cardActivityId,
          'transition-status',
          transitionStatusCardData(t, flow.customer, upgrade, new Map(flow.names), this.clock.now()),
        );
      }
      return step.endDialog(started);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      await reply.replaceCard(
        submit.cardActivityId,
        'result',
        resultCardData(
          'attention',
          t.t('transition.failedToStart.title'),
          describeError(t, error, { customer: flow.customer.companyName }) ?? '',
        ),
      );
      return step.endDialog();
    }
  }
}
