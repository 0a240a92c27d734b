import { randomUUID } from 'node:crypto';
import {
  ComponentDialog,
  WaterfallDialog,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { actorOf, replierOf, translatorOf } from '../../bot/turnServices.js';
import type { CardRenderer } from '../../cards/cardRenderer.js';
import {
  attestationFieldReasons,
  attestationRefusal,
  type AttestationRefusal,
} from '../../domain/agreements/attestationOutcome.js';
import { validateAttestation } from '../../domain/agreements/attestationRules.js';
import type { McaAcceptance } from '../../domain/agreements/mcaAcceptance.js';
import type { Clock } from '../../domain/clock.js';
import type { Customer } from '../../domain/customers/customer.js';
import { isDomainError } from '../../domain/errors.js';
import type { CustomerDirectory } from '../../domain/services/customerDirectory.js';
import { describeError } from '../../bot/errorMessages.js';
import { CardStep, type CardStepResult } from '../shared/cardStep.js';
import { ResolveCustomerDialog } from '../shared/resolveCustomerDialog.js';
import { ATTEST_DIALOG_ID, type AttestResult, type AttestStepOptions } from '../shared/attestStep.js';
import type { MessageKey } from '../../i18n/messages/index.js';
import type { AttestationApi } from './attestationApi.js';
import {
  ATTEST_FIELDS,
  attestConfirmCardData,
  attestDoneCardData,
  attestFormCardData,
  resultCardData,
  type AttestValues,
} from './attestPresenter.js';

/** How a flow (typed command or another dialog, e.g. purchase) starts the attestation. */
export interface AttestOptions extends AttestStepOptions {
  /** Resume after "Edit": keep the values, the flow and the request id. */
  values?: AttestValues;
  flowId?: string;
  requestId?: string;
  cardActivityId?: string;
}

export type { AttestResult } from '../shared/attestStep.js';

interface FormOptions {
  customer: Customer;
  acceptance: McaAcceptance;
  values: AttestValues;
  fieldReasons: Record<string, string>;
  documentLink: string;
  flowId: string;
  cardActivityId?: string;
}

type FormResult =
  | { kind: 'reviewed'; values: AttestValues; cardActivityId?: string }
  | { kind: 'cancelled'; cardActivityId?: string };

interface FlowValues {
  flowId: string;
  requestId: string;
  customer: Customer;
  inline: boolean;
}

const REFUSAL_TITLE: Record<AttestationRefusal, MessageKey> = {
  alreadyRecorded: 'attest.duplicate.title',
  signedDirectly: 'attest.signedDirectly.title',
  failed: 'attest.failed.title',
};

const MAIN = 'attestMain';
const FORM = 'attestForm';
const FORM_STEPS = 'attestFormSteps';

/**
 * `attest [customer]`: resolve the customer → show the current status → form → confirm → record
 * exactly once → replace the card with a read-only result. Rules (validation, dates in UTC,
 * duplicates, roles) are the domain's; this class only collects input and renders cards.
 */
export class AttestMcaDialog extends ComponentDialog {
  static readonly ID = ATTEST_DIALOG_ID;

  constructor(
    private readonly api: AttestationApi,
    private readonly directory: CustomerDirectory,
    cards: CardRenderer,
    private readonly clock: Clock,
  ) {
    super(AttestMcaDialog.ID);
    this.addDialog(new ResolveCustomerDialog(this.directory, 'agreements.attest'));
    this.addDialog(new CardStep(cards));
    this.addDialog(
      new WaterfallDialog(MAIN, [
        this.customerStep.bind(this),
        this.statusStep.bind(this),
        this.confirmStep.bind(this),
        this.recordStep.bind(this),
      ]),
    );
    this.addDialog(new AttestFormDialog(cards, clock));
    this.initialDialogId = MAIN;
  }

  private flow(step: WaterfallStepContext): FlowValues {
    return step.values as FlowValues;
  }

  private async customerStep(step: WaterfallStepContext<AttestOptions>): Promise<DialogTurnResult> {
    const options = step.options ?? {};
    const values = this.flow(step);
    values.flowId = options.flowId ?? randomUUID();
    values.requestId = options.requestId ?? randomUUID();
    values.inline = options.inline ?? false;
    if (options.customerId) return step.next({ id: options.customerId });
    return step.beginDialog(ResolveCustomerDialog.ID, {
      query: options.customerQuery ?? '',
      flowId: values.flowId,
    });
  }

  private async statusStep(step: WaterfallStepContext<AttestOptions>): Promise<DialogTurnResult> {
    const picked = step.result as Pick<Customer, 'id'> | undefined;
    if (!picked) return step.endDialog({ accepted: false } satisfies AttestResult);
    const actor = actorOf(step.context);
    const reply = replierOf(step.context);
    const status = await this.api.status(actor, picked.id);
    const values = this.flow(step);
    values.customer = status.customer;
    if (status.acceptance.kind === 'directlySigned') {
      await reply.text('attest.directlySigned', { customer: status.customer.companyName });
      return step.endDialog({ accepted: true, customerId: status.customer.id } satisfies AttestResult);
    }
    const form: FormOptions = {
      customer: status.customer,
      acceptance: status.acceptance,
      values: step.options?.values ?? emptyValues(this.clock.now()),
      fieldReasons: {},
      documentLink: documentLink(
        status.metadata.agreementLink,
        status.customer.country,
        translatorOf(step.context).locale,
      ),
      flowId: values.flowId,
      cardActivityId: step.options?.cardActivityId,
    };
    return step.beginDialog(FORM, form);
  }

  private async confirmStep(step: WaterfallStepContext<AttestOptions>): Promise<DialogTurnResult> {
    const result = step.result as FormResult;
    const flow = this.flow(step);
    const t = translatorOf(step.context);
    if (result.kind === 'cancelled') {
      await replierOf(step.context).replaceCard(
        result.cardActivityId,
        'result',
        resultCardData(
          'default',
          t.t('attest.cancelled.title'),
          t.t('attest.cancelled.text', { customer: flow.customer.companyName }),
        ),
      );
      return step.endDialog({ accepted: false } satisfies AttestResult);
    }
    (step.values as FlowValues & { attestValues: AttestValues }).attestValues = result.values;
    return step.beginDialog(CardStep.ID, {
      card: 'mca-confirm',
      data: attestConfirmCardData(t, {
        actor: actorOf(step.context),
        customer: flow.customer,
        values: result.values,
        flowId: flow.flowId,
        requestId: flow.requestId,
      }),
      verbs: ['attest.confirm', 'attest.edit', 'attest.cancel'],
      flowId: flow.flowId,
      replaceActivityId: result.cardActivityId,
    });
  }

  private async recordStep(step: WaterfallStepContext<AttestOptions>): Promise<DialogTurnResult> {
    const submit = step.result as CardStepResult;
    const flow = step.values as FlowValues & { attestValues: AttestValues };
    const t = translatorOf(step.context);
    const reply = replierOf(step.context);
    const actor = actorOf(step.context);
    if (submit.verb === 'attest.edit') {
      return step.replaceDialog(MAIN, {
        customerId: flow.customer.id,
        values: flow.attestValues,
        flowId: flow.flowId,
        requestId: flow.requestId,
        inline: flow.inline,
        cardActivityId: submit.cardActivityId,
      } satisfies AttestOptions);
    }
    if (submit.verb === 'attest.cancel') {
      await reply.replaceCard(
        submit.cardActivityId,
        'result',
        resultCardData(
          'default',
          t.t('attest.cancelled.title'),
          t.t('attest.cancelled.text', { customer: flow.customer.companyName }),
        ),
      );
      return step.endDialog({ accepted: false } satisfies AttestResult);
    }
    // The card's request and customer must be this dialog's: a user can edit what a card submits.
    if (submit.values.requestId !== flow.requestId || submit.values.customerId !== flow.customer.id) {
      await reply.text('flow.staleCard');
      return step.endDialog({ accepted: false } satisfies AttestResult);
    }
    try {
      const agreement = await this.api.attest(
        actor,
        {
          customerId: flow.customer.id,
          ...flow.attestValues,
          phoneNumber: flow.attestValues.phoneNumber.trim() || undefined,
        },
        flow.requestId,
      );
      // The customers list shows the new MCA state at once (not after its row cache expires).
      this.directory.forget(flow.customer.id);
      await reply.replaceCard(
        submit.cardActivityId,
        'result',
        attestDoneCardData(t, {
          actor,
          customer: flow.customer,
          agreement,
          now: this.clock.now(),
          offerPurchase: !flow.inline,
        }),
      );
      return step.endDialog({ accepted: true, customerId: flow.customer.id } satisfies AttestResult);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      const outcome = attestationRefusal(error);
      await reply.replaceCard(
        submit.cardActivityId,
        'result',
        resultCardData(
          outcome.refusal === 'failed' ? 'attention' : 'default',
          t.t(REFUSAL_TITLE[outcome.refusal]),
          describeError(t, error, { customer: flow.customer.companyName }) ?? '',
        ),
      );
      return step.endDialog({
        accepted: outcome.customerHasAccepted,
        customerId: flow.customer.id,
      } satisfies AttestResult);
    }
  }
}

/** The form card, re-shown in place with a message at each bad field until the input is valid. */
class AttestFormDialog extends ComponentDialog {
  constructor(
    cards: CardRenderer,
    private readonly clock: Clock,
  ) {
    super(FORM);
    this.addDialog(new CardStep(cards));
    this.addDialog(new WaterfallDialog(FORM_STEPS, [this.showStep.bind(this), this.validateStep.bind(this)]));
    this.initialDialogId = FORM_STEPS;
  }

  private async showStep(step: WaterfallStepContext<FormOptions>): Promise<DialogTurnResult> {
    const options = step.options;
    const data = attestFormCardData(translatorOf(step.context), {
      actor: actorOf(step.context),
      customer: options.customer,
      acceptance: options.acceptance,
      values: options.values,
      fieldReasons: options.fieldReasons,
      now: this.clock.now(),
      documentLink: options.documentLink,
      flowId: options.flowId,
    });
    return step.beginDialog(CardStep.ID, {
      card: 'mca-form',
      data,
      verbs: ['attest.review', 'attest.cancel'],
      flowId: options.flowId,
      replaceActivityId: options.cardActivityId,
    });
  }

  private async validateStep(step: WaterfallStepContext<FormOptions>): Promise<DialogTurnResult> {
    const submit = step.result as CardStepResult;
    if (submit.verb === 'attest.cancel') {
      return step.endDialog({
        kind: 'cancelled',
        cardActivityId: submit.cardActivityId,
      } satisfies FormResult);
    }
    const values = valuesFrom(submit.values);
    try {
      validateAttestation(
        {
          customerId: step.options.customer.id,
          ...values,
          phoneNumber: values.phoneNumber === '' ? undefined : values.phoneNumber,
        },
        this.clock.now(),
      );
      return step.endDialog({
        kind: 'reviewed',
        values,
        cardActivityId: submit.cardActivityId,
      } satisfies FormResult);
    } catch (error) {
      const fieldReasons = attestationFieldReasons(error);
      if (!fieldReasons) throw error;
      return step.replaceDialog(FORM, {
        ...step.options,
        values,
        fieldReasons,
        cardActivityId: submit.cardActivityId,
      } satisfies FormOptions);
    }
  }
}

function emptyValues(now: Date): AttestValues {
  return {
    firstName: '',
    lastName: '',
    email: '',
    phoneNumber: '',
    dateAgreed: now.toISOString().slice(0, 10),
  };
}

/** Form input as submitted: strings only (anything else a tampered card sends becomes ''). */
function valuesFrom(submitted: Record<string, unknown>): AttestValues {
  return Object.fromEntries(
    ATTEST_FIELDS.map((field) => [
      field,
      typeof submitted[field] === 'string' ? (submitted[field] as string) : '',
    ]),
  ) as AttestValues;
}

/** The country-specific MCA document (language and country as the template API takes them). */
function documentLink(agreementLink: string, country: string, locale: string): string {
  const url = new URL(agreementLink);
  url.searchParams.set('country', country.toUpperCase());
  url.searchParams.set('language', locale);
  return url.toString();
}
