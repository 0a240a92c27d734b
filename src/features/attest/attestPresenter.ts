import type { Agreement } from '../../domain/agreements/agreement.js';
import { pageOf } from '../../domain/paging/paging.js';
import { pagingCardData } from '../shared/pagingPresenter.js';
import { CONTACT_FIELD_MAX_LENGTH, todayInUtc } from '../../domain/agreements/attestationRules.js';
import type { McaAcceptance } from '../../domain/agreements/mcaAcceptance.js';
import type { Customer } from '../../domain/customers/customer.js';
import type { Actor } from '../../domain/identity/actor.js';
import type { Translator } from '../../i18n/translator.js';

export const ATTEST_FIELDS = ['firstName', 'lastName', 'email', 'phoneNumber', 'dateAgreed'] as const;
export type AttestField = (typeof ATTEST_FIELDS)[number];
export type AttestValues = Record<AttestField, string>;

/** What the form card shows: values kept, one message per bad field. */
export function attestFormCardData(
  t: Translator,
  options: {
    actor: Actor;
    customer: Customer;
    acceptance: McaAcceptance;
    values: AttestValues;
    fieldReasons: Partial<Record<string, string>>;
    now: Date;
    documentLink: string;
    flowId: string;
  },
) {
  const todayUtc = todayInUtc(options.now);
  const reasonText = (field: AttestField): string => {
    const reason = options.fieldReasons[field];
    if (!reason) return '';
    const key = `attest.reason.${reason}`;
    const entered = options.values[field];
    return t.has(key)
      ? t.t(key, {
          todayUtc: t.date(todayUtc),
          max: CONTACT_FIELD_MAX_LENGTH[field as keyof typeof CONTACT_FIELD_MAX_LENGTH],
          date: /^\d{4}-\d{2}-\d{2}$/.test(entered) ? t.date(`${entered}T00:00:00Z`) : entered,
        })
      : t.t('attest.reason.other');
  };
  const status =
    options.acceptance.kind === 'attested'
      ? t.t('attest.form.previous', {
          date: t.date(options.acceptance.latest.dateAgreed),
          by: options.acceptance.latest.userDisplayName ?? options.acceptance.latest.userId,
        })
      : '';
  return {
    title: t.t('attest.form.title', { customer: options.customer.companyName }),
    intro: t.t('attest.form.intro', { customer: options.customer.companyName }),
    status,
    formError: Object.keys(options.fieldReasons).length > 0 ? t.t('flow.fieldErrors') : '',
    labels: Object.fromEntries(ATTEST_FIELDS.map((field) => [field, t.t(`attest.label.${field}`)])),
    values: options.values,
    errors: {
      ...Object.fromEntries(ATTEST_FIELDS.map((field) => [field, reasonText(field)])),
      firstNameRequired: t.t('attest.required.firstName'),
      lastNameRequired: t.t('attest.required.lastName'),
      emailRequired: t.t('attest.required.email'),
      dateAgreedRequired: t.t('attest.required.dateAgreed'),
    },
    dateHint: t.t('attest.dateHint', { todayUtc: t.date(todayUtc) }),
    documentText: t.t('attest.document', {
      country: t.country(options.customer.country),
      link: options.documentLink,
    }),
    buttons: { review: t.t('attest.button.review'), cancel: t.t('flow.cancel') },
    flowId: options.flowId,
    userId: options.actor.user.aadObjectId,
  };
}

function contactLine(values: AttestValues): string {
  return `${values.firstName.trim()} ${values.lastName.trim()} (${values.email.trim()})`;
}

export function attestConfirmCardData(
  t: Translator,
  options: { actor: Actor; customer: Customer; values: AttestValues; flowId: string; requestId: string },
) {
  const { values } = options;
  const facts = [
    {
      title: t.t('attest.confirm.customer'),
      value: `${options.customer.companyName} (${options.customer.domain})`,
    },
    { title: t.t('attest.confirm.contact'), value: contactLine(values) },
    ...(values.phoneNumber.trim()
      ? [{ title: t.t('attest.confirm.phone'), value: values.phoneNumber.trim() }]
      : []),
    { title: t.t('attest.confirm.date'), value: t.date(`${values.dateAgreed}T00:00:00Z`) },
    { title: t.t('attest.confirm.agreement'), value: t.t('attest.confirm.agreementValue') },
  ];
  return {
    title: t.t('attest.confirm.title'),
    intro: t.t('attest.confirm.intro', { customer: options.customer.companyName }),
    facts,
    statement: t.t('attest.confirm.statement', { user: options.actor.user.displayName }),
    buttons: { confirm: t.t('flow.confirm'), edit: t.t('flow.edit'), cancel: t.t('flow.cancel') },
    flowId: options.flowId,
    requestId: options.requestId,
    customerId: options.customer.id,
    userId: options.actor.user.aadObjectId,
  };
}

export function attestDoneCardData(
  t: Translator,
  options: { actor: Actor; customer: Customer; agreement: Agreement; now: Date; offerPurchase: boolean },
) {
  const { agreement } = options;
  return {
    style: 'good',
    title: t.t('attest.done.title', { customer: options.customer.companyName }),
    text: t.t('attest.done.text', { customer: options.customer.companyName }),
    facts: [
      {
        title: t.t('attest.confirm.contact'),
        value: `${agreement.primaryContact.firstName} ${agreement.primaryContact.lastName} (${agreement.primaryContact.email})`,
      },
      { title: t.t('attest.confirm.date'), value: t.date(agreement.dateAgreed) },
      { title: t.t('attest.confirm.agreement'), value: t.t('attest.confirm.agreementValue') },
    ],
    footer: t.t('flow.submitted', { user: options.actor.user.displayName, time: t.dateTime(options.now) }),
    actions: options.offerPurchase
      ? [
          {
            title: t.t('attest.done.buy'),
            data: { verb: 'command.run', command: `buy azure plan ${options.customer.domain}` },
          },
        ]
      : [],
  };
}

/** Attestations per page of the `agreements` card (test/features/shared/listCardSizes.test.ts). */
export const AGREEMENT_PAGE_SIZE = 20;

/** The read-only result card of every flow (src/features/shared/resultCard.ts). */
export { resultCardData } from '../shared/resultCard.js';

export function agreementHistoryCardData(
  t: Translator,
  customer: Customer,
  acceptance: McaAcceptance,
  agreements: readonly Agreement[],
  offset = 0,
  size = AGREEMENT_PAGE_SIZE,
) {
  const sorted = [...agreements].sort((a, b) => b.recordedAt.localeCompare(a.recordedAt));
  const { items, window } = pageOf(sorted, { offset, size });
  // Newest first, one page at a time; "Previous"/"Next" keep the customer.
  const paging = pagingCardData(t, window, 'agreements', (direction) => ({
    verb: 'agreements.show',
    customerId: customer.id,
    offset: direction === 'next' ? window.nextOffset : window.previousOffset,
  }));
  const lines = items.map((agreement) => ({
    title: t.date(agreement.dateAgreed),
    value: t.t('attest.history.item', {
      date: t.date(agreement.dateAgreed),
      name: `${agreement.primaryContact.firstName} ${agreement.primaryContact.lastName}`,
      email: agreement.primaryContact.email,
      by: agreement.userDisplayName ?? agreement.userId,
      recorded: t.dateTime(agreement.recordedAt),
    }),
  }));
  const text =
    acceptance.kind === 'directlySigned'
      ? t.t('attest.history.directlySigned')
      : agreements.length === 0
        ? t.t('attest.history.none', { customer: customer.companyName })
        : '';
  return {
    style: 'default',
    title: t.t('attest.history.title', { customer: customer.companyName }),
    text,
    facts: lines.map((line) => ({ title: line.title, value: line.value.replace(/^[^:]+: /, '') })),
    footer: window.total > window.size ? paging.count : '',
    actions: paging.pager,
  };
}
