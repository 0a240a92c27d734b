import type { CustomerDirectory } from '../../domain/services/customerDirectory.js';
import type { SubscriptionService } from '../../domain/services/subscriptionService.js';
import { isValidationError } from '../../domain/partnerCenter/validationError.js';
import { AZURE_SUBSCRIPTION_NAME_MAX_LENGTH } from '../../domain/subscriptions/subscription.js';
import type { BotFeature } from '../../bot/feature.js';
import { customerPickCardData, PICKER_STATIC_CHOICES } from '../shared/customerPresenter.js';
import { subscriptionsCardData } from './subscriptionPresenter.js';
import type { SubmitData, TurnScope } from '../../bot/turnScope.js';
import { quoteUserText } from '../../domain/text/userText.js';

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * `subscriptions <customer>`: the Azure subscriptions under the customer's plan, with rename,
 * suspend, reactivate, create and plan suspension for the roles that may manage them. Each change
 * replaces the card with the refreshed list (new request ids), so a second click does nothing.
 */
export function subscriptionFeature(
  subscriptions: SubscriptionService,
  directory: CustomerDirectory,
): BotFeature {
  async function show(
    scope: TurnScope,
    customerId: string,
    notice = '',
    replaceId?: string,
    offset = 0,
  ): Promise<void> {
    const state = await subscriptions.list(scope.actor, customerId);
    const data = subscriptionsCardData(scope.t, scope.actor, state, notice, offset);
    if (replaceId) await scope.reply.replaceCard(replaceId, 'subscriptions', data);
    else await scope.reply.card('subscriptions', data);
  }

  /** Runs one change; name problems and refusals are explained, the list is refreshed on success. */
  async function change(
    scope: TurnScope,
    data: SubmitData,
    run: (name: string) => Promise<string>,
  ): Promise<void> {
    const customerId = text(data.customerId);
    const name = text(data[text(data.inputId)]);
    try {
      const notice = await run(name);
      await show(scope, customerId, notice, scope.context.activity.replyToId);
    } catch (error) {
      if (isValidationError(error) && error.fields.displayName) {
        await scope.reply.text(`subs.name.${error.fields.displayName}` as 'subs.name.required', {
          max: AZURE_SUBSCRIPTION_NAME_MAX_LENGTH,
        });
        return;
      }
      const customer = await directory
        .get(scope.actor, customerId, 'subscriptions.view')
        .catch(() => undefined);
      await scope.reply.error(error, { customer: customer?.companyName ?? '—' });
    }
  }

  return {
    commands: {
      subscriptions: async (scope, argument) => {
        if (argument === '') {
          // No customer named: the picker, with typeahead over every customer.
          const first = await directory.search(scope.actor, '', 'subscriptions.view', PICKER_STATIC_CHOICES);
          await scope.reply.card(
            'customer-pick',
            customerPickCardData(scope.t, '', first, { verb: 'subs.show' }),
          );
          return;
        }
        const match = await directory.find(scope.actor, argument, 'subscriptions.view');
        if (match.kind === 'one') return show(scope, match.customer.id);
        if (match.kind === 'many') {
          await scope.reply.card(
            'customer-pick',
            customerPickCardData(scope.t, quoteUserText(argument), match.customers, { verb: 'subs.show' }),
          );
          return;
        }
        await scope.reply.text('customers.notFound', { query: quoteUserText(argument) });
      },
    },
    submits: {
      'subs.show': (scope, data) =>
        show(
          scope,
          text(data.customerId),
          '',
          // A paging button turns the page in place; the picker's "Continue" sends a new card.
          typeof data.offset === 'number' ? scope.context.activity.replyToId : undefined,
          typeof data.offset === 'number' && Number.isFinite(data.offset) ? data.offset : 0,
        ),
      'subs.create': (scope, data) =>
        change(scope, data, async (name) => {
          const created = await subscriptions.createAzureSubscription(
            scope.actor,
            { customerId: text(data.customerId), planId: text(data.planId), displayName: name },
            text(data.requestId),
          );
          return scope.t.t('subs.done.created', { name: created.friendlyName });
        }),
      'subs.rename': (scope, data) =>
        change(scope, data, async (name) => {
          const renamed = await subscriptions.renameAzureSubscription(
            scope.actor,
            {
              customerId: text(data.customerId),
              azureSubscriptionId: text(data.azureSubscriptionId),
              displayName: name,
            },
            text(data.requestId),
          );
          return scope.t.t('subs.done.renamed', { name: renamed.friendlyName });
        }),
      'subs.suspend': (scope, data) =>
        change(scope, data, async () => {
          const sub = await subscriptions.suspendAzureSubscription(
            scope.actor,
            { customerId: text(data.customerId), azureSubscriptionId: text(data.azureSubscriptionId) },
            text(data.requestId),
          );
          return scope.t.t('subs.done.suspended', { name: sub.friendlyName });
        }),
      'subs.reactivate': (scope, data) =>
        change(scope, data, async () => {
          const sub = await subscriptions.reactivateAzureSubscription(
            scope.actor,
            { customerId: text(data.customerId), azureSubscriptionId: text(data.azureSubscriptionId) },
            text(data.requestId),
          );
          return scope.t.t('subs.done.reactivated', { name: sub.friendlyName });
        }),
      'subs.suspendPlan': (scope, data) =>
        change(scope, data, async () => {
          await subscriptions.suspendPlan(
            scope.actor,
            { customerId: text(data.customerId), planId: text(data.planId) },
            text(data.requestId),
          );
          return scope.t.t('subs.done.planSuspended');
        }),
      'subs.reactivatePlan': (scope, data) =>
        change(scope, data, async () => {
          await subscriptions.reactivatePlan(
            scope.actor,
            { customerId: text(data.customerId), planId: text(data.planId) },
            text(data.requestId),
          );
          return scope.t.t('subs.done.planReactivated');
        }),
    },
  };
}
