import { randomUUID } from 'node:crypto';
import { can, type Actor } from '../../domain/identity/actor.js';
import type { CustomerSubscriptions } from '../../domain/services/subscriptionService.js';
import type { AzureEntitlement } from '../../domain/subscriptions/subscription.js';
import {
  azureSubscriptionActions,
  planActions,
  type PlanAction,
} from '../../domain/subscriptions/subscriptionActions.js';
import type { Translator } from '../../i18n/translator.js';
import { pageOf } from '../../domain/paging/paging.js';
import { pagingCardData } from '../shared/pagingPresenter.js';
import { SUBSCRIPTION_PAGE_SIZE } from '../shared/pageSizes.js';

/**
 * One button of the subscriptions card: it opens a small card (a name field or a question) whose
 * submit carries a fresh request id (one effect per id) and the ids the server re-checks.
 */
function action(
  t: Translator,
  actor: Actor,
  options: { title: string; prompt: string; verb: string; ids: Record<string, string>; nameValue?: string },
) {
  const requestId = randomUUID();
  const input = options.nameValue !== undefined ? `name_${requestId.slice(0, 8)}` : '';
  return {
    title: options.title,
    prompt: options.prompt,
    input,
    inputLabel: input ? t.t('subs.renameLabel') : '',
    inputValue: options.nameValue ?? '',
    inputRequired: input ? t.t('subs.name.required') : '',
    submitTitle: input ? t.t('subs.save') : options.title,
    data: { verb: options.verb, requestId, inputId: input, userId: actor.user.aadObjectId, ...options.ids },
  };
}

function subscriptionActions(t: Translator, actor: Actor, customerId: string, sub: AzureEntitlement) {
  if (!can(actor, 'subscriptions.manage')) return [];
  const ids = { customerId, azureSubscriptionId: sub.id };
  return azureSubscriptionActions(sub.status).map((kind) =>
    kind === 'rename'
      ? action(t, actor, {
          title: t.t('subs.rename'),
          prompt: t.t('subs.renameLabel'),
          verb: 'subs.rename',
          ids,
          nameValue: sub.friendlyName,
        })
      : kind === 'suspend'
        ? action(t, actor, {
            title: t.t('subs.suspend'),
            prompt: `${t.t('subs.suspend')}: ${sub.friendlyName}?`,
            verb: 'subs.suspend',
            ids,
          })
        : action(t, actor, {
            title: t.t('subs.reactivate'),
            prompt: `${t.t('subs.reactivate')}: ${sub.friendlyName}?`,
            verb: 'subs.reactivate',
            ids,
          }),
  );
}

function planAction(
  t: Translator,
  actor: Actor,
  kind: PlanAction,
  ids: { customerId: string; planId: string },
) {
  if (kind === 'createSubscription')
    return action(t, actor, {
      title: t.t('subs.create'),
      prompt: t.t('subs.createLabel'),
      verb: 'subs.create',
      ids,
      nameValue: '',
    });
  const verb = kind === 'suspendPlan' ? 'subs.suspendPlan' : 'subs.reactivatePlan';
  return action(t, actor, { title: t.t(verb), prompt: `${t.t(verb)}?`, verb, ids });
}

/**
 * One page of the customer's Azure subscriptions over all its plans (in plan order): the plans
 * with a subscription on the page, and on the first page also the plans without any (their
 * "create" button). `offset` comes from the paging buttons, which keep the customer.
 */
export function subscriptionsPage(state: CustomerSubscriptions, offset: number, size: number) {
  const flat = state.plans.flatMap((entry) => entry.azureSubscriptions.map((sub) => ({ entry, sub })));
  const { items, window } = pageOf(flat, { offset, size });
  const plans = state.plans
    .map((entry) => ({
      ...entry,
      azureSubscriptions: items.filter((item) => item.entry === entry).map((item) => item.sub),
    }))
    .filter(
      (entry) =>
        entry.azureSubscriptions.length > 0 || (window.offset === 0 && entryIsEmpty(state, entry.plan.id)),
    );
  return { state: { ...state, plans }, window };
}

function entryIsEmpty(state: CustomerSubscriptions, planId: string): boolean {
  return state.plans.some((entry) => entry.plan.id === planId && entry.azureSubscriptions.length === 0);
}

export function subscriptionsCardData(
  t: Translator,
  actor: Actor,
  fullState: CustomerSubscriptions,
  notice = '',
  offset = 0,
  size = SUBSCRIPTION_PAGE_SIZE,
) {
  const { state, window } = subscriptionsPage(fullState, offset, size);
  const { customer } = state;
  const manage = can(actor, 'subscriptions.manage');
  const paging = pagingCardData(t, window, 'subscriptions', (direction) => ({
    verb: 'subs.show',
    customerId: customer.id,
    offset: direction === 'next' ? window.nextOffset : window.previousOffset,
  }));
  return {
    ...paging,
    count: window.total === 0 ? '' : paging.count,
    title: t.t('subs.title', { customer: customer.companyName }),
    notice,
    text:
      fullState.plans.length === 0
        ? t.t('subs.none', { customer: customer.companyName })
        : manage
          ? ''
          : t.t('subs.readOnly'),
    plans: state.plans.map(({ plan, azureSubscriptions, reseller }) => ({
      heading: t.t('subs.plan', {
        planId: plan.id,
        status: t.t(`subs.status.${plan.status}`),
        reseller: reseller ? `${reseller.name} (${reseller.mpnId})` : (plan.partnerIdOnRecord ?? '—'),
      }),
      subscriptions: azureSubscriptions.map((sub) => ({
        name: sub.friendlyName,
        detail: `${sub.id} · ${t.t(`subs.status.${sub.status}`)}`,
        actions: subscriptionActions(t, actor, customer.id, sub),
      })),
      planActions: manage
        ? planActions(plan.status).map((kind) =>
            planAction(t, actor, kind, { customerId: customer.id, planId: plan.id }),
          )
        : [],
    })),
    footer: state.legacy.length > 0 ? t.t('subs.legacy', { count: state.legacy.length }) : '',
  };
}
