import type { Agreement } from '../../domain/agreements/agreement.js';
import { CONTACT_FIELD_MAX_LENGTH } from '../../domain/agreements/attestationRules.js';
import {
  MCA_STATE_KINDS,
  boardRowAction,
  stateCounts,
  type BoardPage,
  type BoardRow,
  type EnhancedAttestation,
  type McaState,
  type McaStateKind,
} from '../../domain/agreements/enhancedAttestation.js';
import type { CampaignOutcome } from '../../domain/services/enhancedAttestationService.js';
import type { Customer } from '../../domain/customers/customer.js';
import type { Actor } from '../../domain/identity/actor.js';
import type { Translator } from '../../i18n/translator.js';

export const SIGNATORY_FIELDS = ['firstName', 'lastName', 'email', 'phoneNumber', 'country'] as const;
export type SignatoryField = (typeof SIGNATORY_FIELDS)[number];
export type SignatoryValues = Record<SignatoryField | 'language', string>;

/** Languages the agreement can be shown in (the bot's two; the customer's own first). */
export const AGREEMENT_LANGUAGES = ['en-US', 'ko-KR'] as const;

const FIELD_MAX: Record<SignatoryField, number> = { ...CONTACT_FIELD_MAX_LENGTH, country: 2 };

export function stateText(t: Translator, kind: McaStateKind): string {
  return t.t(`mca.state.${kind}`);
}

/** The signatory form: country and language preset, one message per bad field. */
export function signatoryFormCardData(
  t: Translator,
  options: {
    actor: Actor;
    customer: Customer;
    state: McaState;
    values: SignatoryValues;
    fieldReasons: Partial<Record<string, string>>;
    documentLink: string;
    flowId: string;
  },
) {
  const reason = (field: string): string => {
    const key = options.fieldReasons[field];
    if (!key) return '';
    const message = `attest.reason.${key}`;
    return t.has(message)
      ? t.t(message, { max: FIELD_MAX[field as SignatoryField] ?? 10, todayUtc: '', date: '' })
      : t.t('attest.reason.other');
  };
  const status =
    options.state.kind === 'renewalRequired'
      ? t.t('mca.form.renewal', { date: t.date(options.state.agreement.dateAgreed) })
      : options.state.kind === 'linkExpired'
        ? t.t('mca.form.expired')
        : '';
  return {
    title: t.t('mca.form.title', { customer: options.customer.companyName }),
    intro: t.t('mca.form.intro', { customer: options.customer.companyName }),
    status,
    formError: Object.keys(options.fieldReasons).length > 0 ? t.t('flow.fieldErrors') : '',
    facts: [{ title: t.t('attest.confirm.customer'), value: options.customer.companyName }],
    fields: SIGNATORY_FIELDS.map((field) => ({
      id: field,
      label: t.t(`mca.label.${field}`),
      value: options.values[field],
      style: field === 'email' ? 'Email' : field === 'phoneNumber' ? 'Tel' : 'Text',
      required: field !== 'phoneNumber',
      requiredText: t.t('attest.reason.required'),
      maxLength: FIELD_MAX[field],
      error: reason(field),
    })),
    labels: { language: t.t('mca.label.language') },
    values: { language: options.values.language },
    languages: AGREEMENT_LANGUAGES.map((value) => ({ title: t.t(`mca.language.${value}`), value })),
    documentText: t.t('attest.document', {
      country: t.country(options.customer.country),
      link: options.documentLink,
    }),
    buttons: { review: t.t('attest.button.review'), cancel: t.t('flow.cancel') },
    flowId: options.flowId,
    userId: options.actor.user.aadObjectId,
  };
}

export function signatoryConfirmCardData(
  t: Translator,
  options: { actor: Actor; customer: Customer; values: SignatoryValues; flowId: string; requestId: string },
) {
  const { values } = options;
  return {
    title: t.t('mca.confirm.title'),
    intro: t.t('mca.confirm.intro', { customer: options.customer.companyName }),
    facts: [
      {
        title: t.t('attest.confirm.customer'),
        value: `${options.customer.companyName} (${options.customer.domain})`,
      },
      {
        title: t.t('mca.confirm.signatory'),
        value: `${values.firstName.trim()} ${values.lastName.trim()} (${values.email.trim()})`,
      },
      ...(values.phoneNumber.trim()
        ? [{ title: t.t('attest.confirm.phone'), value: values.phoneNumber.trim() }]
        : []),
      { title: t.t('mca.label.country'), value: t.country(values.country.trim().toUpperCase()) },
      { title: t.t('mca.label.language'), value: languageName(t, values.language) },
      { title: t.t('mca.confirm.requestId'), value: options.requestId },
    ],
    statement: t.t('mca.confirm.statement'),
    buttons: { confirm: t.t('flow.confirm'), edit: t.t('flow.edit'), cancel: t.t('flow.cancel') },
    flowId: options.flowId,
    requestId: options.requestId,
    customerId: options.customer.id,
    userId: options.actor.user.aadObjectId,
  };
}

/** A mailto: draft to the signatory with the link (nothing is sent by the bot). */
export function mailtoDraft(t: Translator, attestation: EnhancedAttestation, link: string): string {
  const subject = t.t('mca.mail.subject', { customer: attestation.request.companyName });
  const body = t.t('mca.mail.body', {
    name: attestation.request.signatoryFirstName,
    customer: attestation.request.companyName,
    link,
  });
  return `mailto:${encodeURIComponent(attestation.request.signatoryEmail)}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
}

/**
 * The status card of one customer (also the live card after an attestation: it refreshes to the
 * current state). The pending state shows the link three ways: open, copy, e-mail draft.
 */
export function mcaStatusCardData(
  t: Translator,
  options: {
    customer: Customer;
    state: McaState;
    linkFor: (attestation: EnhancedAttestation) => string;
    now: Date;
    userId: string;
  },
) {
  const { customer, state } = options;
  const name = customer.companyName;
  const facts: { title: string; value: string }[] = [
    { title: t.t('mca.status.state'), value: stateText(t, state.kind) },
  ];
  let link = '';
  let mailto = '';
  let text = t.t(`mca.status.text.${state.kind}`, { customer: name });
  const actions: { title: string; data: Record<string, unknown> }[] = [];
  if (state.kind === 'linkPending') {
    link = options.linkFor(state.attestation);
    mailto = mailtoDraft(t, state.attestation, link);
    const r = state.attestation.request;
    facts.push({
      title: t.t('mca.confirm.signatory'),
      value: `${r.signatoryFirstName} ${r.signatoryLastName} (${r.signatoryEmail})`,
    });
    if (state.attestation.expiresAt)
      facts.push({ title: t.t('mca.status.expires'), value: t.dateTime(state.attestation.expiresAt) });
    text = t.t('mca.status.text.linkPending', { customer: name, name: r.signatoryFirstName });
    actions.push({ title: t.t('mca.button.check'), data: { verb: 'mca.status', customerId: customer.id } });
  } else if (state.kind === 'readyToCreateAgreement') {
    actions.push({
      title: t.t('mca.button.createAgreement'),
      data: {
        verb: 'mca.createAgreement',
        customerId: customer.id,
        attestationId: state.attestation.attestationId,
        userId: options.userId,
      },
    });
  } else if (state.kind === 'acceptedViaPartner') {
    facts.push({ title: t.t('attest.confirm.date'), value: t.date(state.agreement.dateAgreed) });
    actions.push(buyAction(t, customer));
  } else if (state.kind === 'acceptedDirectly') {
    actions.push(buyAction(t, customer));
  } else {
    actions.push({
      title: t.t(state.kind === 'linkExpired' ? 'mca.button.newLink' : 'mca.button.attest'),
      data: { verb: 'command.run', command: `attest ${customer.domain}` },
    });
  }
  return {
    style:
      state.kind === 'acceptedViaPartner' || state.kind === 'acceptedDirectly'
        ? 'good'
        : state.kind === 'linkExpired' || state.kind === 'renewalRequired'
          ? 'attention'
          : 'default',
    title: t.t('mca.status.title', { customer: name }),
    text,
    facts,
    linkLabel: t.t('mca.status.linkLabel'),
    link,
    mailto,
    footer: t.t('mca.status.updated', { time: t.dateTime(options.now) }),
    customerId: customer.id,
    buttons: { open: t.t('mca.button.open'), mail: t.t('mca.button.mail') },
    actions,
  };
}

function buyAction(t: Translator, customer: Customer) {
  return {
    title: t.t('attest.done.buy'),
    data: { verb: 'command.run', command: `buy azure plan ${customer.domain}` },
  };
}

/** The proactive "Fabrikam accepted — create the agreement?" card: one button. */
export function acceptedCardData(
  t: Translator,
  customer: Customer,
  attestation: EnhancedAttestation,
  userId: string,
) {
  return {
    style: 'good',
    title: t.t('mca.accepted.title', { customer: customer.companyName }),
    text: t.t('mca.accepted.text', {
      name: `${attestation.request.signatoryFirstName} ${attestation.request.signatoryLastName}`,
    }),
    facts: [],
    footer: '',
    actions: [
      {
        title: t.t('mca.button.createAgreement'),
        data: {
          verb: 'mca.createAgreement',
          customerId: customer.id,
          attestationId: attestation.attestationId,
          userId,
        },
      },
    ],
  };
}

export function agreementCreatedCardData(
  t: Translator,
  customer: Customer,
  agreement: Agreement,
  resumePurchase: boolean,
) {
  return {
    style: 'good',
    title: t.t('mca.agreement.title', { customer: customer.companyName }),
    text: t.t(resumePurchase ? 'mca.agreement.resume' : 'attest.done.text', {
      customer: customer.companyName,
    }),
    facts: [
      {
        title: t.t('mca.confirm.signatory'),
        value: `${agreement.primaryContact.firstName} ${agreement.primaryContact.lastName} (${agreement.primaryContact.email})`,
      },
      { title: t.t('attest.confirm.date'), value: t.date(agreement.dateAgreed) },
    ],
    footer: '',
    actions: [buyAction(t, customer)],
  };
}

/** Rows of one page of the MCA board: one action per row; rows that can join a campaign get a toggle. */
export function boardCardData(
  t: Translator,
  page: BoardPage<BoardRow>,
  all: readonly BoardRow[],
  options: {
    states: readonly McaStateKind[];
    campaignId: string;
    userId: string;
    /** Customers checked of all (the index's first build): below `total` the card says so. */
    checked?: number;
    total?: number;
  },
) {
  const counts = stateCounts(all);
  const summary = MCA_STATE_KINDS.filter((k) => counts[k] > 0)
    .map((k) => `${stateText(t, k)}: ${counts[k]}`)
    .join(' · ');
  const filter = options.states.join(',');
  const actions: { title: string; data: Record<string, unknown> }[] = [];
  if (page.rows.some((r) => r.state === 'linkExpired' || r.state === 'renewalRequired'))
    actions.push({
      title: t.t('mca.board.campaign'),
      data: { verb: 'mca.campaign', campaignId: options.campaignId, userId: options.userId },
    });
  if (page.page > 0)
    actions.push({
      title: t.t('mca.board.previous'),
      data: { verb: 'mca.board', page: page.page - 1, states: filter },
    });
  if (page.page + 1 < page.pageCount)
    actions.push({
      title: t.t('mca.board.next'),
      data: { verb: 'mca.board', page: page.page + 1, states: filter },
    });
  const total = options.total ?? all.length;
  const checked = options.checked ?? all.length;
  const partial = checked < total;
  if (partial)
    actions.push({
      title: t.t('mca.board.refresh'),
      data: { verb: 'mca.board', page: page.page, states: filter, refresh: true },
    });
  return {
    title: t.t(options.states.length ? 'mca.board.titleFiltered' : 'mca.board.title', {
      states: options.states.map((s) => stateText(t, s)),
    }),
    summary: summary || t.t('mca.board.empty'),
    progress: partial ? t.t('mca.board.checked', { checked, total }) : '',
    rows: page.rows.map((row) => {
      const action = boardRowAction(row);
      // By customer id: the command finds the one customer whatever its name (up to 255 characters,
      // repeated in the Universal Action's fallback, would put ten rows over Teams' 28 KB).
      const command =
        action === 'purchase'
          ? `buy azure plan ${row.customerId}`
          : action === 'createAgreement' || action === 'sendLink' || action === 'checkStatus'
            ? `mca status ${row.customerId}`
            : `attest ${row.customerId}`;
      return {
        name: row.companyName,
        stateText: stateText(t, row.state),
        ...(action
          ? { action: { title: t.t(`mca.action.${action}`), data: { verb: 'command.run', command } } }
          : {}),
        selectable: row.state === 'linkExpired' || row.state === 'renewalRequired',
        selectId: `select_${row.customerId}`,
        selectText: t.t('mca.board.select'),
      };
    }),
    pageText:
      page.pageCount > 1
        ? t.t('paging.count.customers', {
            first: page.offset + 1,
            last: page.offset + page.rows.length,
            total: page.total,
          })
        : '',
    actions,
  };
}

export function campaignCardData(
  t: Translator,
  outcomes: readonly CampaignOutcome[],
  linkFor: (a: EnhancedAttestation) => string,
) {
  const created = outcomes.filter((o) => o.kind === 'created');
  return {
    style: created.length ? 'good' : 'attention',
    title: t.t('mca.campaign.title'),
    text: t.t('mca.campaign.summary', { created: created.length, skipped: outcomes.length - created.length }),
    facts: outcomes.map((o) => ({
      title: o.companyName,
      value:
        o.kind === 'created'
          ? t.t('mca.campaign.created', { link: linkFor(o.attestation) })
          : t.t('mca.campaign.skipped', { reason: skipReason(t, o.reason) }),
    })),
    footer: '',
    actions: [],
  };
}

function languageName(t: Translator, language: string): string {
  const key = `mca.language.${language}`;
  return t.has(key) ? t.t(key) : language;
}

function skipReason(t: Translator, reason: string): string {
  const key = `mca.skip.${reason}`;
  if (t.has(key)) return t.t(key);
  const error = `error.${reason}`;
  return t.has(error) ? t.t(error, { customer: '—', status: '—' }) : reason;
}
