import type { DomainError } from '../../domain/errors.js';
import { can, type Actor } from '../../domain/identity/actor.js';
import type { PurchasePrecheck, PurchaseResult } from '../../domain/services/purchaseService.js';
import { findReseller, type IndirectReseller } from '../../domain/identity/reseller.js';
import type { Translator } from '../../i18n/translator.js';
import { describeError } from '../../bot/errorMessages.js';
import { commandAction } from '../shared/customerPresenter.js';
import { resellerOfRecordProblem } from '../../domain/identity/resellerErrors.js';
import {
  blockerRemedies,
  isNotSoldInCountry,
  type BlockerRemedy,
} from '../../domain/plans/purchaseBlockers.js';

/** A reseller as people know it: "Trey Research Solutions (4412873)"; the bare id if unknown. */
export function resellerLabel(
  resellers: readonly IndirectReseller[],
  mpnId: string | null | undefined,
): string {
  const reseller = findReseller(resellers, mpnId);
  return reseller ? `${reseller.name} (${reseller.mpnId})` : (mpnId ?? '');
}

export function resellerErrorText(
  t: Translator,
  error: DomainError | undefined,
  resellers: readonly IndirectReseller[] = [],
): string {
  const problem = error ? resellerOfRecordProblem(error) : null;
  if (!error || !problem) return '';
  if (problem === 'unknown')
    return t.t('plan.reseller.unknown', { resellerMpnId: String(error.params.resellerMpnId ?? '') });
  if (problem === 'hasPlan')
    return t.t('plan.reseller.hasPlan', {
      reseller: resellerLabel(resellers, String(error.params.resellerMpnId ?? '')),
      planId: String(error.params.planId ?? ''),
    });
  return problem === 'invalidMpnId' ? t.t('plan.reseller.invalidMpnId') : t.t('plan.reseller.required');
}

/** A blocker explained with the next step the user can take (only steps their roles allow). */
export function blockerCardData(t: Translator, actor: Actor, check: PurchasePrecheck, blocker: DomainError) {
  const customer = check.customer;
  const actions = blockerRemedies(blocker, (operation) => can(actor, operation)).map((remedy) =>
    remedyAction(t, remedy, customer.domain),
  );
  return {
    style: 'warning',
    title: isNotSoldInCountry(blocker)
      ? t.t('plan.blocked.titleCountry', {
          customer: customer.companyName,
          country: t.country(customer.country),
        })
      : t.t('plan.blocked.title', { customer: customer.companyName }),
    text:
      describeError(t, blocker, {
        customer: customer.companyName,
        country: t.country(customer.country),
        ...(blocker.code === 'plan_exists' && blocker.params.resellerMpnId
          ? { reseller: resellerLabel(check.knownResellers, String(blocker.params.resellerMpnId)) }
          : {}),
      }) ?? '',
    facts: [],
    actions,
  };
}

function remedyAction(t: Translator, remedy: BlockerRemedy, domain: string) {
  if (remedy === 'startTransition')
    return commandAction(t.t('plan.legacy.transition'), `transition ${domain}`);
  if (remedy === 'transitionStatus')
    return commandAction(t.t('plan.status.transition'), `transition status ${domain}`);
  return commandAction(t.t('plan.status.subscriptions'), `subscriptions ${domain}`);
}

export function noMcaCardData(t: Translator, actor: Actor, check: PurchasePrecheck, flowId: string) {
  const customer = check.customer;
  const canAttest = can(actor, 'agreements.attest');
  return {
    style: 'warning',
    title: t.t('plan.noMca.title', { customer: customer.companyName }),
    text: canAttest
      ? t.t('plan.noMca.text')
      : t.t('plan.noMca.askAgent', { partner: actor.partner.name, customer: customer.domain }),
    facts: [],
    actions: canAttest
      ? [
          {
            title: t.t('plan.noMca.attest'),
            data: { verb: 'buy.attest', flowId, userId: actor.user.aadObjectId },
          },
          { title: t.t('flow.cancel'), data: { verb: 'buy.cancel', flowId, userId: actor.user.aadObjectId } },
        ]
      : [],
  };
}

export function planConfirmCardData(
  t: Translator,
  options: {
    actor: Actor;
    check: PurchasePrecheck;
    resellerValue: string;
    resellerError: DomainError | undefined;
    flowId: string;
    requestId: string;
  },
) {
  const { check, actor } = options;
  const facts = [
    {
      title: t.t('plan.fact.customer'),
      value: `${check.customer.companyName} (${check.customer.domain}, ${t.country(check.customer.country)})`,
    },
    { title: t.t('plan.fact.product'), value: t.t('plan.fact.productValue') },
    { title: t.t('plan.fact.catalogItem'), value: check.availability?.catalogItemId ?? '—' },
    { title: t.t('plan.fact.quantity'), value: t.t('plan.fact.quantityValue') },
    { title: t.t('plan.fact.includes'), value: t.t('plan.fact.includesValue') },
    { title: t.t('plan.fact.billing'), value: t.t('plan.fact.billingValue') },
    { title: t.t('plan.fact.prices'), value: t.t('plan.fact.pricesValue') },
    { title: t.t('plan.fact.pec'), value: t.t('plan.fact.pecValue') },
  ];
  return {
    title: t.t('plan.confirm.title', { customer: check.customer.companyName }),
    intro: t.t('plan.confirm.intro'),
    facts,
    askReseller: check.needsResellerOfRecord,
    resellerLabel: t.t('plan.reseller.label'),
    resellerValue: options.resellerValue,
    resellerRequired: t.t('plan.reseller.required'),
    resellerError: resellerErrorText(t, options.resellerError, check.knownResellers),
    // Rule 12: the customer has a plan under some reseller already: explain, and ask which one.
    resellerQuestion:
      check.needsResellerOfRecord && check.plansOfRecord.length > 0
        ? t.t('plan.reseller.question', {
            customer: check.customer.companyName,
            plans: check.plansOfRecord.map((plan) =>
              resellerLabel(check.knownResellers, plan.partnerIdOnRecord),
            ),
          })
        : '',
    resellerHint:
      check.plansOfRecord.length > 0
        ? t.t('plan.reseller.hintFree', {
            customer: check.customer.companyName,
            resellers: check.resellersWithoutPlan.map((r) => `${r.name} (${r.mpnId})`).join(', '),
          })
        : t.t('plan.reseller.hint', {
            resellers: check.knownResellers.map((r) => `${r.name} (${r.mpnId})`).join(', '),
          }),
    buttons: { buy: t.t('plan.button.buy'), cancel: t.t('flow.cancel') },
    flowId: options.flowId,
    requestId: options.requestId,
    customerId: check.customer.id,
    userId: actor.user.aadObjectId,
  };
}

export function planDoneCardData(
  t: Translator,
  actor: Actor,
  customerName: string,
  customerDomain: string,
  result: PurchaseResult,
  now: Date,
) {
  const first = result.firstAzureSubscription;
  return {
    style: 'good',
    title: t.t('plan.done.title', { customer: customerName }),
    text: t.t('plan.done.text'),
    facts: [
      { title: t.t('plan.done.order'), value: result.orderId },
      { title: t.t('plan.done.plan'), value: result.planId },
      { title: t.t('plan.fact.catalogItem'), value: result.catalogItemId },
      ...(first
        ? [{ title: t.t('plan.done.firstSubscription'), value: `${first.friendlyName} (${first.id})` }]
        : []),
      ...(result.partnerIdOnRecord
        ? [
            {
              title: t.t('plan.done.reseller'),
              value: result.resellerOfRecord
                ? `${result.resellerOfRecord.name} (${result.resellerOfRecord.mpnId})`
                : result.partnerIdOnRecord,
            },
          ]
        : []),
    ],
    footer: t.t('flow.submitted', { user: actor.user.displayName, time: t.dateTime(now) }),
    actions: can(actor, 'subscriptions.view')
      ? [commandAction(t.t('plan.status.subscriptions'), `subscriptions ${customerDomain}`)]
      : [],
  };
}
