import type { Decimal } from 'decimal.js';
import type { Translator } from '../../i18n/translator.js';
import type { MessageKey } from '../../i18n/messages/index.js';
import type { PecEstimate, PecExcludedUsage } from '../../domain/pec/pecEstimate.js';
import type { PecReason } from '../../domain/pec/pecEligibility.js';
import type { PecAccessQuestion } from '../../domain/pec/pecQuestion.js';
import { PEC_ROLE_CHOICES } from '../../domain/pec/azureRoles.js';
import { monthLabel, percent } from '../shared/cardFormat.js';

export const PEC_ESTIMATE_CARD = 'pec-estimate';
export const PEC_ASK_CARD = 'pec-ask';
/** Verb of the answer buttons on the ask card; `flowId` ties a click to the dialog that asked. */
export const PEC_ANSWER_VERB = 'pec.answer';
/**
 * Verb of a prompt's "Cancel" choice under the bot's interruption policy (the host ends the flow
 * whose state holds `flowId`); the dialog itself has no cancel handling.
 */
export const FLOW_CANCEL_VERB = 'flow.cancel';

/** What the price engine found for the question: shown on the card with its source and date. */
export interface PecPriceContext {
  /** E.g. "D4s v5 (Linux), West Europe". */
  meterLabel: string;
  unitOfMeasure: string;
  priceSource: string;
  /** Already formatted by the price engine, e.g. "snapshot of Aug 22, 2026". */
  snapshot: string;
  /** The role as the user gave it; undefined when not told. */
  role?: string;
}

export interface PecEstimateCardData {
  title: string;
  subtitle: string;
  verdict: string;
  facts: Array<{ title: string; value: string }>;
  reasonsTitle: string;
  reasons: Array<{ text: string }>;
  footer: string;
}

/** What one answer button submits. */
export interface PecAnswerSubmit {
  verb: typeof PEC_ANSWER_VERB;
  flowId: string;
  userId?: string;
  role?: string;
  fullMonth?: true;
}

/** Data for `cards/pec-ask.json`: the question, groups of answer buttons, a hint and "cancel". */
export interface PecAskCardData {
  title: string;
  groups: Array<{ title: string; choices: Array<{ label: string; data: PecAnswerSubmit }> }>;
  hint: string;
  cancel: { label: string; data: { verb: typeof FLOW_CANCEL_VERB; flowId: string; userId?: string } };
}

/** Ties the answer buttons to one running dialog (and, in group chats, to the user it asked). */
export interface PecAskContext {
  flowId: string;
  userId?: string;
}

/** Localized text of one machine-readable reason. */
export function reasonText(t: Translator, reason: PecReason): string {
  const params: Record<string, string | number> = { ...(reason.params ?? {}) };
  if (typeof params.meterReason === 'string')
    params.meterReason = t.t(`pec.meterReason.${params.meterReason}` as MessageKey);
  if (typeof params.scope === 'string') params.scope = t.t(`pec.scope.${params.scope}` as MessageKey);
  if (typeof params.days === 'string')
    params.days = params.days
      .split(', ')
      .map((d) => t.date(d))
      .join(', ');
  return t.t(`pec.reason.${reason.code}` as MessageKey, params);
}

export function pecEstimateCard(
  t: Translator,
  estimate: PecEstimate,
  price: PecPriceContext,
  quantity: Decimal,
  unitPrice: Decimal,
): PecEstimateCardData {
  const usd = (v: Decimal, digits?: number): string => t.money(v, 'USD', digits);
  return {
    title: t.t('pec.estimate.title'),
    subtitle: t.t('pec.estimate.subtitle', { meter: price.meterLabel, month: monthLabel(t, estimate.month) }),
    verdict: t.t(estimate.eligible ? 'pec.value.eligible' : 'pec.value.notEligible'),
    facts: [
      { title: t.t('pec.fact.quantity'), value: `${t.number(quantity)} × ${price.unitOfMeasure}` },
      { title: t.t('pec.fact.unitPrice'), value: usd(unitPrice, 6) },
      { title: t.t('pec.fact.role'), value: price.role ?? t.t('pec.value.roleNotGiven') },
      {
        title: t.t('pec.fact.access'),
        value:
          estimate.accessDays === null
            ? t.t('pec.value.daysNotGiven')
            : t.t('pec.value.accessDays', { days: estimate.accessDays, daysInMonth: estimate.daysInMonth }),
      },
      { title: t.t('pec.fact.listPrice'), value: usd(estimate.listPrice) },
      { title: t.t('pec.fact.pec'), value: usd(estimate.pecAmount) },
      { title: t.t('pec.fact.billed'), value: usd(estimate.billedAmount) },
      { title: t.t('pec.fact.effectiveUnitPrice'), value: usd(estimate.effectiveUnitPrice, 6) },
      { title: t.t('pec.fact.blendedRate'), value: percent(t, estimate.blendedRate) },
      {
        title: t.t('pec.fact.recipient'),
        value: t.t(`pec.value.recipient.${estimate.recipient}`, { type: estimate.partnerType ?? 'unknown' }),
      },
    ],
    reasonsTitle: t.t('pec.why.title'),
    reasons: estimate.reasons.map((reason) => ({ text: reasonText(t, reason) })),
    footer: t.t('pec.estimate.footer', {
      rate: percent(t, estimate.rate.rate),
      rateFrom: t.date(estimate.rate.effectiveFrom),
      rateSource: estimate.rate.source,
      priceSource: price.priceSource,
      snapshot: price.snapshot,
    }),
  };
}

/** "No PEC" for usage that never earns it, when there is no price to show (same template). */
export function pecExcludedUsageCard(
  t: Translator,
  verdict: PecExcludedUsage,
  role: string | undefined,
): PecEstimateCardData {
  return {
    title: t.t('pec.estimate.title'),
    subtitle: monthLabel(t, verdict.month),
    verdict: t.t('pec.value.notEligible'),
    facts: [
      { title: t.t('pec.fact.usage'), value: t.t(`pec.meterReason.${verdict.usage}`) },
      { title: t.t('pec.fact.role'), value: role ?? t.t('pec.value.roleNotGiven') },
    ],
    reasonsTitle: t.t('pec.why.title'),
    reasons: verdict.reasons.map((reason) => ({ text: reasonText(t, reason) })),
    footer: t.t('pec.estimate.footerNoPrice', {
      rate: percent(t, verdict.rate.rate),
      rateFrom: t.date(verdict.rate.effectiveFrom),
      rateSource: verdict.rate.source,
    }),
  };
}

/** Localized button labels of the offered roles (Azure portal names); the data keeps Azure's name. */
const ROLE_LABELS: Readonly<Record<string, MessageKey>> = {
  Owner: 'pec.roleName.owner',
  Contributor: 'pec.roleName.contributor',
  'User Access Administrator': 'pec.roleName.userAccessAdministrator',
  'Virtual Machine Contributor': 'pec.roleName.virtualMachineContributor',
  Reader: 'pec.roleName.reader',
  'Billing Reader': 'pec.roleName.billingReader',
};

function submit(ask: PecAskContext, answer: Pick<PecAnswerSubmit, 'role' | 'fullMonth'>): PecAnswerSubmit {
  return {
    verb: PEC_ANSWER_VERB,
    flowId: ask.flowId,
    ...(ask.userId ? { userId: ask.userId } : {}),
    ...answer,
  };
}

function cancel(t: Translator, ask: PecAskContext): Pick<PecAskCardData, 'cancel'> {
  const data: PecAskCardData['cancel']['data'] = { verb: FLOW_CANCEL_VERB, flowId: ask.flowId };
  if (ask.userId) data.userId = ask.userId;
  return { cancel: { label: t.t('pec.ask.cancel'), data } };
}

/** The read-only card that replaces an answered question: what was chosen, no buttons. */
export function pecAnsweredCard(t: Translator, chosen: { role?: string; fullMonth?: boolean }) {
  const title = chosen.role
    ? t.t('pec.ask.answered.role', {
        role: Object.prototype.hasOwnProperty.call(ROLE_LABELS, chosen.role)
          ? t.t(ROLE_LABELS[chosen.role])
          : chosen.role,
      })
    : t.t('pec.ask.answered.fullMonth');
  return { style: 'default', title, text: '', facts: [], footer: '', actions: [] };
}

/** "Which Azure role …?" with buttons for roles that earn PEC and roles that never do. */
export function pecAskRoleCard(t: Translator, ask: PecAskContext): PecAskCardData {
  const choices = (roles: readonly string[]) =>
    roles.map((role) => ({
      label: ROLE_LABELS[role] ? t.t(ROLE_LABELS[role]) : role,
      data: submit(ask, { role }),
    }));
  return {
    title: t.t('pec.ask.role'),
    groups: [
      { title: t.t('pec.ask.roleQualifying'), choices: choices(PEC_ROLE_CHOICES.qualifying) },
      { title: t.t('pec.ask.roleReadOnly'), choices: choices(PEC_ROLE_CHOICES.readOnly) },
    ],
    hint: t.t('pec.ask.roleHint'),
    ...cancel(t, ask),
  };
}

/**
 * "For how many days …?" with an "all month" button and a hint on whole days; `refused` names the
 * stated days that do not fit the month, so the question says why it is asked again.
 */
export function pecAskDaysCard(
  t: Translator,
  ask: PecAskContext,
  month: string,
  daysInMonth: number,
  refused?: number,
): PecAskCardData {
  const params = { month: monthLabel(t, month), daysInMonth };
  return {
    title:
      refused === undefined
        ? t.t('pec.ask.days', params)
        : t.t('pec.ask.tooManyDays', { ...params, days: refused }),
    groups: [
      {
        title: '',
        choices: [{ label: t.t('pec.ask.allMonth', params), data: submit(ask, { fullMonth: true }) }],
      },
    ],
    hint: t.t('pec.ask.daysHint', params),
    ...cancel(t, ask),
  };
}

/**
 * Reads a click on an ask card's button as the answer. `undefined` when the submit is not a PEC
 * answer of this dialog (another flow's or a stale card), so the dialog can say so and keep waiting.
 */
export function pecCardAnswer(value: unknown, flowId: string): PecAccessQuestion | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const data = value as Partial<Record<keyof PecAnswerSubmit, unknown>>;
  if (data.verb !== PEC_ANSWER_VERB || data.flowId !== flowId) return undefined;
  if (typeof data.role === 'string' && data.role.trim() !== '') return { role: data.role.trim() };
  if (data.fullMonth === true) return { fullMonth: true };
  return undefined;
}
