import {
  Dialog,
  type DialogContext,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { Customer } from '../../domain/customers/customer.js';
import type { CustomerOperation } from '../../domain/identity/permissions.js';
import type { CustomerMatch } from '../../domain/customers/customerMatch.js';
import type { CustomerDirectory } from '../../domain/services/customerDirectory.js';
import { actorOf, replierOf, translatorOf } from '../../bot/turnServices.js';
import { customerPickCardData, PICKER_STATIC_CHOICES } from './customerPresenter.js';
import { FLOW_VERBS } from '../../bot/dialogHost.js';

export interface ResolveCustomerOptions {
  /** What the user typed after the command (may be ''). */
  query: string;
  flowId: string;
  /** The directory's answer for `query`, when the caller looked it up already (`beginFrom`). */
  match?: CustomerMatch;
}

interface ResolveState {
  flowId: string;
  attempts: number;
}

const MAX_ATTEMPTS = 3;

/**
 * Turns what the user typed into exactly one customer: by id, domain or name; asks back with
 * buttons when several match and asks again (at most three times) when none does. Ends with the
 * Customer, or undefined when the user gave up. The lookup needs only the roles of the flow's own
 * operation (`purpose`): a User management admin finds the customer to buy for without customer
 * management rights.
 */
export class ResolveCustomerDialog extends Dialog<ResolveCustomerOptions> {
  static readonly ID = 'resolveCustomer';

  constructor(
    private readonly directory: CustomerDirectory,
    private readonly purpose: CustomerOperation,
  ) {
    super(ResolveCustomerDialog.ID);
  }

  /**
   * From a flow's waterfall step: when the typed query names exactly one customer, the step goes on
   * with it at once (no dialog is pushed and popped); otherwise this dialog asks, with the match
   * already looked up.
   */
  async beginFrom(step: WaterfallStepContext, options: ResolveCustomerOptions): Promise<DialogTurnResult> {
    const query = options.query.trim();
    if (query === '') return step.beginDialog(ResolveCustomerDialog.ID, options);
    const match = await this.directory.find(actorOf(step.context), query, this.purpose);
    if (match.kind === 'one') return step.next(match.customer);
    return step.beginDialog(ResolveCustomerDialog.ID, { ...options, match });
  }

  override async beginDialog(dc: DialogContext, options?: ResolveCustomerOptions): Promise<DialogTurnResult> {
    const state: ResolveState = { flowId: options?.flowId ?? '', attempts: 0 };
    dc.activeDialog!.state = state;
    const query = options?.query.trim() ?? '';
    if (query === '') {
      // No customer named: the picker (typeahead over every customer; typing a name works too).
      const t = translatorOf(dc.context);
      const first = await this.directory.search(actorOf(dc.context), '', this.purpose, PICKER_STATIC_CHOICES);
      const cancel = { title: t.t('flow.cancel'), data: { verb: FLOW_VERBS.cancel, flowId: state.flowId } };
      await replierOf(dc.context).card(
        'customer-pick',
        customerPickCardData(t, '', first, { verb: 'customer.pick', flowId: state.flowId }, [cancel]),
      );
      return Dialog.EndOfTurn;
    }
    return this.tryQuery(dc, query, options?.match);
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const state = dc.activeDialog!.state as ResolveState;
    const value = dc.context.activity.value as Record<string, unknown> | undefined;
    if (value && typeof value.verb === 'string') {
      if (
        value.verb === 'customer.pick' &&
        value.flowId === state.flowId &&
        typeof value.customerId === 'string'
      ) {
        // Re-check server-side: the id in the card must be a customer this user may see.
        const customer: Customer = await this.directory.get(
          actorOf(dc.context),
          value.customerId,
          this.purpose,
        );
        return dc.endDialog(customer);
      }
      await replierOf(dc.context).text('flow.staleCard');
      return Dialog.EndOfTurn;
    }
    return this.tryQuery(dc, (dc.context.activity.text ?? '').trim());
  }

  private async tryQuery(dc: DialogContext, query: string, known?: CustomerMatch): Promise<DialogTurnResult> {
    const state = dc.activeDialog!.state as ResolveState;
    const reply = replierOf(dc.context);
    const match = known ?? (await this.directory.find(actorOf(dc.context), query, this.purpose));
    if (match.kind === 'one') return dc.endDialog(match.customer);
    if (match.kind === 'many') {
      const t = translatorOf(dc.context);
      // A choice prompt shows every way out too: "Cancel" ends the flow (the DialogHost's verb).
      const cancel = { title: t.t('flow.cancel'), data: { verb: FLOW_VERBS.cancel, flowId: state.flowId } };
      const data = customerPickCardData(
        t,
        query,
        match.customers,
        { verb: 'customer.pick', flowId: state.flowId },
        [cancel],
      );
      await reply.card('customer-pick', data);
      return Dialog.EndOfTurn;
    }
    state.attempts += 1;
    if (state.attempts >= MAX_ATTEMPTS) {
      await reply.text('flow.customerGiveUp');
      return dc.endDialog(undefined);
    }
    await reply.text('flow.customerNotFound', { query });
    return Dialog.EndOfTurn;
  }
}
