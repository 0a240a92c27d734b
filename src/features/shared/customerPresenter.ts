import type { Customer } from '../../domain/customers/customer.js';
import type { Actor } from '../../domain/identity/actor.js';
import { customerNextSteps, type CustomerNextStep } from '../../domain/customers/nextSteps.js';
import type { CustomerSummary } from '../../domain/services/customerDirectory.js';
import { notSoldIn } from '../../domain/markets/notSold.js';
import type { Translator } from '../../i18n/translator.js';
import { pageWindow, type PageWindow } from '../../domain/paging/paging.js';
import { pagingCardData } from './pagingPresenter.js';

/** A card button that runs a typed command (verb `command.run`). */
export function commandAction(title: string, command: string) {
  return { title, data: { verb: 'command.run', command } };
}

export function mcaText(t: Translator, summary: CustomerSummary): string {
  switch (summary.mca.kind) {
    case 'directlySigned':
      return t.t('customers.mca.directlySigned');
    case 'attested':
      return t.t('customers.mca.attested', {
        date: t.date(summary.mca.latest.dateAgreed),
        by: summary.mca.latest.userDisplayName ?? summary.mca.latest.userId,
      });
    default:
      return t.t('customers.mca.none');
  }
}

export function azureText(t: Translator, summary: CustomerSummary): string {
  const plan = summary.azurePlanIds.length > 0;
  const legacy = summary.legacySubscriptionIds.length > 0;
  if (plan && legacy) return t.t('customers.azure.planAndLegacy');
  if (plan) return t.t('customers.azure.plan');
  if (legacy) return t.t('customers.azure.legacy', { count: summary.legacySubscriptionIds.length });
  // "No Azure yet" would promise what never comes where the Azure plan is not sold.
  if (notSoldIn(summary.customer.country))
    return t.t('customers.azure.notSold', { country: t.country(summary.customer.country) });
  return t.t('customers.azure.none');
}

export function transitionText(t: Translator, summary: CustomerSummary): string {
  return summary.upgrade
    ? t.t(`customers.transition.${summary.upgrade.status}`)
    : t.t('customers.transition.none');
}

/** Typed command behind each next step (the button runs it as if the user typed it). */
const STEP_COMMANDS: Record<CustomerNextStep, string> = {
  attest: 'attest',
  buy: 'buy azure plan',
  transition: 'transition',
  transitionStatus: 'transition status',
  subscriptions: 'subscriptions',
  agreements: 'agreements',
};

/** Buttons for the next steps the domain offers this user for this customer. */
export function nextSteps(t: Translator, actor: Actor, summary: CustomerSummary) {
  return customerNextSteps(actor, summary).map((step) =>
    commandAction(t.t(`customers.next.${step}`), `${STEP_COMMANDS[step]} ${summary.customer.domain}`),
  );
}

export function customerListCardData(
  t: Translator,
  actor: Actor,
  summaries: CustomerSummary[],
  paging: { window: PageWindow; data: (direction: 'previous' | 'next') => Record<string, unknown> } = {
    window: pageWindow({ offset: 0, size: Math.max(1, summaries.length) }, summaries.length),
    data: () => ({}),
  },
) {
  const total = paging.window.total;
  return {
    title: t.t('customers.list.title', { partner: actor.partner.name }),
    subtitle: total > 0 ? t.t('customers.list.subtitle', { count: total }) : t.t('customers.list.empty'),
    ...pagingCardData(t, paging.window, 'customers', paging.data),
    customers: summaries.map((summary) => ({
      name: summary.customer.companyName,
      line: `${summary.customer.domain} · ${t.country(summary.customer.country)}`,
      state: `${mcaText(t, summary)} · ${azureText(t, summary)}${summary.upgrade ? ` · ${t.t('customers.field.transition')}: ${transitionText(t, summary)}` : ''}`,
      data: { verb: 'command.run', command: `customer ${summary.customer.id}` },
    })),
  };
}

export function customerDetailCardData(t: Translator, actor: Actor, summary: CustomerSummary) {
  const { customer } = summary;
  return {
    title: t.t('customers.detail.title', { name: customer.companyName }),
    facts: [
      { title: t.t('customers.field.id'), value: customer.id },
      { title: t.t('customers.field.domain'), value: customer.domain },
      { title: t.t('customers.field.country'), value: t.country(customer.country) },
      {
        title: t.t('customers.field.reseller'),
        // By name with its id ("Trey Research Solutions (4412873)"); the bare id if the provider does not know it.
        value: summary.resellerOfRecord
          ? `${summary.resellerOfRecord.name} (${summary.resellerOfRecord.mpnId})`
          : (customer.resellerOfRecord ?? t.t('customers.reseller.none')),
      },
      { title: t.t('customers.field.mca'), value: mcaText(t, summary) },
      { title: t.t('customers.field.azure'), value: azureText(t, summary) },
      { title: t.t('customers.field.transition'), value: transitionText(t, summary) },
    ],
    actions: nextSteps(t, actor, summary),
  };
}

/** Static choices a picker carries for clients without typeahead (Teams searches the rest). */
export const PICKER_STATIC_CHOICES = 8;

/**
 * "Which customer do you mean?": an Input.ChoiceSet (id `customerId`) with Teams' dynamic
 * typeahead over every customer (dataset `customers`, answered by the `application/search`
 * invoke) and the best matches as static choices for clients without it; "Continue" submits
 * `data` with the chosen `customerId`. `extra` buttons (e.g. Cancel) follow.
 */
export function customerPickCardData(
  t: Translator,
  query: string,
  customers: Customer[],
  data: Record<string, unknown>,
  extra: { title: string; data: Record<string, unknown> }[] = [],
) {
  return {
    title: t.t('customers.pick.title'),
    subtitle: query === '' ? t.t('customers.ask') : t.t('customers.pick.subtitle', { query }),
    label: t.t('customers.search.label'),
    placeholder: t.t('customers.search.placeholder'),
    missing: t.t('customers.search.missing'),
    typed: t.t('customers.search.typed'),
    go: t.t('customers.search.go'),
    choices: customers.slice(0, PICKER_STATIC_CHOICES).map((customer) => customerChoice(customer)),
    data,
    extra,
  };
}

/** One typeahead / static choice: the name with the domain, the id as value. */
export function customerChoice(customer: Customer): { title: string; value: string } {
  return { title: `${customer.companyName} (${customer.domain})`, value: customer.id };
}
