import { randomUUID } from 'node:crypto';
import { TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  WaterfallDialog,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { actorOf, replierOf, translatorOf } from '../../bot/turnServices.js';
import type { CardRenderer } from '../../cards/cardRenderer.js';
import { attestationFieldReasons, attestationRefusal } from '../../domain/agreements/attestationOutcome.js';
import {
  validateSignatory,
  type EnhancedAttestation,
  type McaState,
} from '../../domain/agreements/enhancedAttestation.js';
import type { Clock } from '../../domain/clock.js';
import type { Customer } from '../../domain/customers/customer.js';
import { isDomainError } from '../../domain/errors.js';
import type { CustomerDirectory } from '../../domain/services/customerDirectory.js';
import type { EnhancedAttestationService } from '../../domain/services/enhancedAttestationService.js';
import { describeError } from '../../bot/errorMessages.js';
import { resolveLocale } from '../../i18n/locale.js';
import { CardStep, type CardStepResult } from '../shared/cardStep.js';
import { ResolveCustomerDialog } from '../shared/resolveCustomerDialog.js';
import { ATTEST_DIALOG_ID, type AttestResult, type AttestStepOptions } from '../shared/attestStep.js';
import type { AttestationWatchStore } from './attestationWatches.js';
import {
  AGREEMENT_LANGUAGES,
  SIGNATORY_FIELDS,
  type SignatoryField,
  mcaStatusCardData,
  signatoryConfirmCardData,
  signatoryFormCardData,
  type SignatoryValues,
} from './mcaPresenter.js';
import { resultCardData } from './attestPresenter.js';

/** How a flow (typed command or another dialog, e.g. purchase) starts the attestation. */
export interface AttestOptions extends AttestStepOptions {
  /** Resume after "Edit": keep the values, the flow and the request id. */
  values?: SignatoryValues;
  flowId?: string;
  requestId?: string;
  cardActivityId?: string;
}

export type { AttestResult } from '../shared/attestStep.js';

/** Where the signatory opens the acceptance component, built from the attestation's link parameters. */
export type AcceptanceLinkBuilder = (attestation: EnhancedAttestation) => string;

interface FormOptions {
  customer: Customer;
  state: McaState;
  values: SignatoryValues;
  fieldReasons: Record<string, string>;
  documentLink: string;
  flowId: string;
  cardActivityId?: string;
}

type FormResult =
  | { kind: 'reviewed'; values: SignatoryValues; cardActivityId?: string }
  | { kind: 'cancelled'; cardActivityId?: string };

interface FlowValues {
  flowId: string;
  requestId: string;
  customer: Customer;
  inline: boolean;
  signatory?: SignatoryValues;
}

const MAIN = 'attestMain';
const FORM = 'attestForm';
const FORM_STEPS = 'attestFormSteps';

/**
 * `attest [customer]` with Microsoft's enhanced attestation (issue 14): resolve the customer → its
 * MCA state first (accepted directly? renewal? a link pending? ready to create the agreement?) →
 * the signatory form (country and language preset) → confirm → the attestation is created exactly
 * once (request id on the card) → the acceptance link card (open, copy, e-mail draft) that
 * refreshes to the current state. When the signatory accepts, AttestationNotifier asks the partner
 * to create the agreement. The legacy form (contact + date agreed) is gone.
 */
export class AttestMcaDialog extends ComponentDialog {
  static readonly ID = ATTEST_DIALOG_ID;

  private readonly resolveCustomer: ResolveCustomerDialog;

  constructor(
    private readonly api: EnhancedAttestationService,
    private readonly directory: CustomerDirectory,
    private readonly cards: CardRenderer,
    private readonly clock: Clock,
    private readonly watches: AttestationWatchStore,
    private readonly linkFor: AcceptanceLinkBuilder,
  ) {
    super(AttestMcaDialog.ID);
    this.resolveCustomer = new ResolveCustomerDialog(this.directory, 'agreements.attest');
    this.addDialog(this.resolveCustomer);
    this.addDialog(new CardStep(cards));
    this.addDialog(
      new WaterfallDialog(MAIN, [
        this.customerStep.bind(this),
        this.statusStep.bind(this),
        this.confirmStep.bind(this),
        this.createStep.bind(this),
      ]),
    );
    this.addDialog(new AttestFormDialog(cards));
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
    return this.resolveCustomer.beginFrom(step, {
      query: options.customerQuery ?? '',
      flowId: values.flowId,
    });
  }

  private async statusStep(step: WaterfallStepContext<AttestOptions>): Promise<DialogTurnResult> {
    const picked = step.result as Pick<Customer, 'id'> | undefined;
    if (!picked) return step.endDialog({ accepted: false } satisfies AttestResult);
    const actor = actorOf(step.context);
    const reply = replierOf(step.context);
    const t = translatorOf(step.context);
    const status = await this.api.status(actor, picked.id);
    const values = this.flow(step);
    values.customer = status.customer;
    const { state } = status;
    if (state.kind === 'acceptedDirectly') {
      await reply.text('attest.directlySigned', { customer: status.customer.companyName });
      return step.endDialog({ accepted: true, customerId: status.customer.id } satisfies AttestResult);
    }
    if (
      state.kind === 'acceptedViaPartner' ||
      state.kind === 'linkPending' ||
      state.kind === 'readyToCreateAgreement'
    ) {
      // Status first: nothing to enter — the link is out, or the agreement only needs creating.
      if (state.kind === 'linkPending') await this.watch(step, state.attestation);
      await reply.card(
        'mca-status',
        mcaStatusCardData(t, {
          customer: status.customer,
          state,
          linkFor: this.linkFor,
          now: this.clock.now(),
          userId: actor.user.aadObjectId,
        }),
      );
      return step.endDialog({
        accepted: state.kind === 'acceptedViaPartner',
        customerId: status.customer.id,
      } satisfies AttestResult);
    }
    const form: FormOptions = {
      customer: status.customer,
      state,
      values: step.options?.values ?? presetValues(status.customer, state, t.locale),
      fieldReasons: {},
      documentLink: documentLink(status.agreementLink, status.customer.country, t.locale),
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
          t.t('mca.cancelled.text', { customer: flow.customer.companyName }),
        ),
      );
      return step.endDialog({ accepted: false } satisfies AttestResult);
    }
    flow.signatory = result.values;
    return step.beginDialog(CardStep.ID, {
      card: 'mca-confirm',
      data: signatoryConfirmCardData(t, {
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

  private async createStep(step: WaterfallStepContext<AttestOptions>): Promise<DialogTurnResult> {
    const submit = step.result as CardStepResult;
    const flow = this.flow(step);
    const signatory = flow.signatory as SignatoryValues;
    const t = translatorOf(step.context);
    const reply = replierOf(step.context);
    const actor = actorOf(step.context);
    if (submit.verb === 'attest.edit') {
      return step.replaceDialog(MAIN, {
        customerId: flow.customer.id,
        values: signatory,
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
          t.t('mca.cancelled.text', { customer: flow.customer.companyName }),
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
      const attestation = await this.api.createAttestation(
        actor,
        flow.customer.id,
        {
          country: signatory.country,
          language: signatory.language,
          companyName: flow.customer.companyName,
          firstName: signatory.firstName,
          lastName: signatory.lastName,
          email: signatory.email,
          phoneNumber: signatory.phoneNumber.trim() === '' ? undefined : signatory.phoneNumber,
        },
        flow.requestId,
      );
      // The customers list shows the new MCA state at once (not after its row cache expires).
      this.directory.forget(flow.customer.id);
      await this.watch(step, attestation);
      await reply.replaceCard(
        submit.cardActivityId,
        'mca-status',
        mcaStatusCardData(t, {
          customer: flow.customer,
          state: { kind: 'linkPending', attestation },
          linkFor: this.linkFor,
          now: this.clock.now(),
          userId: actor.user.aadObjectId,
        }),
      );
      return step.endDialog({ accepted: false, customerId: flow.customer.id } satisfies AttestResult);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      const outcome = attestationRefusal(error);
      await reply.replaceCard(
        submit.cardActivityId,
        'result',
        resultCardData(
          outcome.refusal === 'failed' ? 'attention' : 'default',
          t.t(
            outcome.refusal === 'alreadyRecorded'
              ? 'attest.duplicate.title'
              : outcome.refusal === 'signedDirectly'
                ? 'attest.signedDirectly.title'
                : 'attest.failed.title',
          ),
          describeError(t, error, { customer: flow.customer.companyName }) ?? '',
        ),
      );
      return step.endDialog({
        accepted: outcome.refusal === 'signedDirectly',
        customerId: flow.customer.id,
      } satisfies AttestResult);
    }
  }

  /** Remember who to tell when the signatory accepts (persisted: survives a restart). */
  private async watch(step: WaterfallStepContext, attestation: EnhancedAttestation): Promise<void> {
    const existing = await this.watches.get(attestation.attestationId);
    if (existing) return;
    await this.watches.save({
      attestationId: attestation.attestationId,
      customerId: attestation.customerId,
      reference: TurnContext.getConversationReference(step.context.activity),
      userId: actorOf(step.context).user.aadObjectId,
      locale: resolveLocale(translatorOf(step.context).locale),
      ...(this.flow(step).inline ? { resumePurchase: true } : {}),
    });
  }
}

/** The signatory form, re-shown in place with a message at each bad field until the input is valid. */
class AttestFormDialog extends ComponentDialog {
  constructor(cards: CardRenderer) {
    super(FORM);
    this.addDialog(new CardStep(cards));
    this.addDialog(new WaterfallDialog(FORM_STEPS, [this.showStep.bind(this), this.validateStep.bind(this)]));
    this.initialDialogId = FORM_STEPS;
  }

  private async showStep(step: WaterfallStepContext<FormOptions>): Promise<DialogTurnResult> {
    const options = step.options;
    const data = signatoryFormCardData(translatorOf(step.context), {
      actor: actorOf(step.context),
      customer: options.customer,
      state: options.state,
      values: options.values,
      fieldReasons: options.fieldReasons,
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
    const values = valuesFrom(submit.values, step.options.values);
    try {
      validateSignatory({
        ...values,
        companyName: step.options.customer.companyName,
        phoneNumber: values.phoneNumber,
      });
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

/** The customer's country and the agreement language preset; the signatory of an expired link kept. */
function presetValues(customer: Customer, state: McaState, locale: string): SignatoryValues {
  const language =
    customer.country === 'KR'
      ? 'ko-KR'
      : (AGREEMENT_LANGUAGES as readonly string[]).includes(locale)
        ? locale
        : 'en-US';
  const previous =
    state.kind === 'linkExpired'
      ? {
          firstName: state.attestation.request.signatoryFirstName,
          lastName: state.attestation.request.signatoryLastName,
          email: state.attestation.request.signatoryEmail,
          phoneNumber: state.attestation.request.signatoryPhoneNumber ?? '',
        }
      : { firstName: '', lastName: '', email: '', phoneNumber: '' };
  return { ...previous, country: customer.country, language };
}

/**
 * Form input as submitted: strings only. A field the submit leaves out keeps the value the card
 * showed (the card carries its preset country and language); anything else becomes ''.
 */
function valuesFrom(submitted: Record<string, unknown>, before: SignatoryValues): SignatoryValues {
  const text = (field: SignatoryField) => {
    const value = submitted[field];
    if (typeof value === 'string') return value;
    return value === undefined ? before[field] : '';
  };
  const values = Object.fromEntries(SIGNATORY_FIELDS.map((field) => [field, text(field)])) as SignatoryValues;
  const language = submitted.language;
  values.language =
    typeof language === 'string' && (AGREEMENT_LANGUAGES as readonly string[]).includes(language)
      ? language
      : before.language;
  return values;
}

/** The country-specific MCA document (language and country as the template API takes them). */
function documentLink(agreementLink: string, country: string, locale: string): string {
  if (!agreementLink) return '';
  const url = new URL(agreementLink);
  url.searchParams.set('country', country.toUpperCase());
  url.searchParams.set('language', locale);
  return url.toString();
}
