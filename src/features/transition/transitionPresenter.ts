import type { Actor } from '../../domain/identity/actor.js';
import type { Customer } from '../../domain/customers/customer.js';
import type { TransitionEligibility } from '../../domain/services/transitionService.js';
import type { ProductUpgrade, UpgradeLineStatus } from '../../domain/transition/productUpgrade.js';
import { upgradeProgress } from '../../domain/transition/upgradeProgress.js';
import type { Translator } from '../../i18n/translator.js';
import { describeError } from '../../bot/errorMessages.js';
import { DomainError } from '../../domain/errors.js';
import { commandAction } from '../shared/customerPresenter.js';

const LINE_COLOR: Record<UpgradeLineStatus, string> = {
  pending: 'Default',
  inProgress: 'Accent',
  completed: 'Good',
  failed: 'Attention',
};

/** Not eligible: the reason in plain words and what to do next. */
export function notEligibleCardData(t: Translator, check: TransitionEligibility) {
  const { customer, eligibility } = check;
  const reason = eligibility.reason ?? '';
  const params: Record<string, string | string[]> = {};
  if (eligibility.subscriptionIds) {
    params.subscriptionIds = eligibility.subscriptionIds;
    params.subscriptionNames = eligibility.subscriptionIds.map(
      (id) => check.legacySubscriptions.find((s) => s.id === id)?.friendlyName ?? id,
    );
  }
  if (eligibility.eligibleFrom) params.eligibleFrom = eligibility.eligibleFrom;
  const explanation =
    describeError(t, new DomainError(reason, params), { customer: customer.companyName }) ?? reason;
  const nextKey = `transition.next.${reason}`;
  const next = t.has(nextKey)
    ? t.t(nextKey as 'transition.next.900105', {
        customer: customer.domain,
        eligibleFrom: eligibility.eligibleFrom ? t.date(`${eligibility.eligibleFrom}T00:00:00Z`) : '',
      })
    : '';
  return {
    style: 'warning',
    title: t.t('transition.notEligible.title', { customer: customer.companyName }),
    text: next ? `${explanation}\n\n${t.t('transition.notEligible.next', { next })}` : explanation,
    facts: [],
    footer: '',
    actions: eligibility.upgradeId
      ? [commandAction(t.t('plan.status.transition'), `transition status ${customer.domain}`)]
      : [],
  };
}

export function transitionConfirmCardData(
  t: Translator,
  actor: Actor,
  check: TransitionEligibility,
  flowId: string,
  requestId: string,
) {
  const partnerText = (mpnId: string | null) =>
    mpnId ? t.t('transition.confirm.partnerReseller', { mpnId }) : t.t('transition.confirm.partnerDirect');
  return {
    title: t.t('transition.confirm.title', { customer: check.customer.companyName }),
    intro: t.t('transition.confirm.intro'),
    lines: check.legacySubscriptions.map((s) => ({
      text: t.t('transition.confirm.line', {
        name: s.friendlyName,
        id: s.id,
        partner: partnerText(s.partnerIdOnRecord),
      }),
    })),
    plans: t.t('transition.confirm.plans', { count: check.planMapping.length }),
    whatHappens: t.t('transition.confirm.whatHappens'),
    facts: (['billing', 'downtime', 'admin', 'invoices', 'noLegacy', 'budget', 'undo'] as const).map(
      (fact) => ({
        text: t.t(`transition.fact.${fact}`),
      }),
    ),
    buttons: { start: t.t('transition.button.start'), cancel: t.t('flow.cancel') },
    flowId,
    requestId,
    customerId: check.customer.id,
    userId: actor.user.aadObjectId,
  };
}

/** Progress card, updated in place as subscriptions complete. `names` maps subscription ids to names. */
export function transitionStatusCardData(
  t: Translator,
  customer: Customer,
  upgrade: ProductUpgrade,
  names: ReadonlyMap<string, string>,
  now: Date,
) {
  const { done, failed, finished } = upgradeProgress(upgrade);
  const errorText = (code: string) =>
    t.has(`transition.lineError.${code}`)
      ? t.t(`transition.lineError.${code}` as 'transition.lineError.900120')
      : t.t('transition.lineError.other');
  return {
    // Not shown: the card's refresh shows this customer's transition again when it is opened.
    customerId: customer.id,
    title: t.t('transition.status.title', { customer: customer.companyName }),
    summary: t.t('transition.status.summary', {
      status: t.t(`transition.status.${upgrade.status}`),
      done,
      total: upgrade.lineItems.length,
    }),
    color: upgrade.status === 'failed' ? 'Attention' : upgrade.status === 'completed' ? 'Good' : 'Accent',
    failedText: failed > 0 ? t.t('transition.status.failedLines', { count: failed }) : '',
    facts: [
      { title: t.t('transition.status.upgradeId'), value: upgrade.id },
      // Partner Center's upgrade status carries no start time; the sandbox's records do.
      ...(upgrade.createdAt
        ? [{ title: t.t('transition.status.started'), value: t.dateTime(upgrade.createdAt) }]
        : []),
      ...(upgrade.completedAt
        ? [{ title: t.t('transition.status.finished'), value: t.dateTime(upgrade.completedAt) }]
        : []),
    ],
    lines: upgrade.lineItems.map((line) => {
      const parts = [
        line.targetPlanId
          ? `${line.azureSubscriptionId} ${t.t('transition.status.lineTarget', { planId: line.targetPlanId })}`
          : line.azureSubscriptionId,
        t.t(`transition.status.${line.status}`),
      ];
      if (line.upgradedDate)
        parts.push(t.t('transition.status.lineDone', { date: t.date(line.upgradedDate) }));
      if (line.errorDetails) {
        parts.push(
          t.t('transition.status.lineError', {
            code: line.errorDetails.code,
            message: errorText(line.errorDetails.code),
          }),
        );
      }
      return {
        name: names.get(line.sourceSubscriptionId) ?? line.sourceSubscriptionId,
        detail: parts.join(' · '),
        color: LINE_COLOR[line.status],
      };
    }),
    after: finished && done > 0 ? t.t('transition.status.after') : '',
    updated: t.t('transition.status.updated', { time: t.dateTime(now) }),
  };
}

export function completionText(t: Translator, customer: Customer, upgrade: ProductUpgrade): string {
  const progress = upgradeProgress(upgrade);
  const { done, failed } = progress;
  const params = {
    customer: customer.companyName,
    domain: customer.domain,
    done,
    failed,
    total: upgrade.lineItems.length,
  };
  return progress.succeeded
    ? t.t('transition.notify.completed', params)
    : t.t('transition.notify.failed', params);
}
