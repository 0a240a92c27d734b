import { CardFactory, type MessagingExtensionAttachment } from 'botbuilder';
import type { CustomerDirectory } from '../../domain/services/customerDirectory.js';
import type { BotFeature } from '../../bot/feature.js';
import {
  customerChoice,
  customerDetailCardData,
  customerListCardData,
  customerPickCardData,
} from '../shared/customerPresenter.js';
import type { TurnScope } from '../../bot/turnScope.js';
import { quoteUserText } from '../../domain/text/userText.js';
import type { SubmitData } from '../../bot/turnScope.js';
import { can } from '../../domain/identity/actor.js';
import { CUSTOMER_OPERATIONS } from '../../domain/identity/permissions.js';
import type { CustomerListPage, CustomerPageCursor } from '../../domain/services/customerDirectory.js';
import { CUSTOMER_PAGE_SIZE, CUSTOMER_TRAIL_TOKENS } from '../shared/pageSizes.js';

const FIRST_PAGE: CustomerPageCursor = { page: 1, token: '', trail: [] };

/** The cursor of the page before / after the shown one (the card carries it in the button). */
function neighbourCursor(page: CustomerListPage, direction: 'previous' | 'next'): CustomerPageCursor {
  const { cursor } = page;
  if (direction === 'next')
    return {
      page: cursor.page + 1,
      token: page.nextToken ?? '',
      trail: [cursor.token, ...cursor.trail].slice(0, CUSTOMER_TRAIL_TOKENS),
    };
  // Page 1 has no token; a page further back than the trail is found by paging from the start.
  return { page: cursor.page - 1, token: cursor.trail[0] ?? '', trail: cursor.trail.slice(1) };
}

/** The cursor a paging button carries (forged or old data falls back to the first page). */
function cursorOf(data: SubmitData): CustomerPageCursor {
  const page = typeof data.page === 'number' && Number.isInteger(data.page) && data.page >= 1 ? data.page : 1;
  const token = typeof data.token === 'string' ? data.token.slice(0, 2000) : '';
  const trail = Array.isArray(data.trail)
    ? data.trail.filter((item): item is string => typeof item === 'string').slice(0, CUSTOMER_TRAIL_TOKENS)
    : [];
  return page === 1 ? FIRST_PAGE : { page, token, trail };
}

/** `customers` and `customer <name|domain|id>`: read-only views of the partner's customers. */
export function customerFeature(directory: CustomerDirectory): BotFeature {
  async function list(
    scope: TurnScope,
    cursor: CustomerPageCursor = FIRST_PAGE,
    replaceId?: string,
  ): Promise<void> {
    const page = await directory.listPage(scope.actor, CUSTOMER_PAGE_SIZE, cursor);
    const data = customerListCardData(scope.t, scope.actor, page.summaries, {
      window: page.window,
      data: (direction) => ({ verb: 'customers.page', ...neighbourCursor(page, direction) }),
    });
    // "Next" / "Previous" turn the page in place (the card they were pressed on).
    if (replaceId) await scope.reply.replaceCard(replaceId, 'customer-list', data);
    else await scope.reply.card('customer-list', data);
  }

  async function show(scope: TurnScope, customerId: string): Promise<void> {
    const summary = await directory.summarize(scope.actor, customerId);
    await scope.reply.card('customer-detail', customerDetailCardData(scope.t, scope.actor, summary));
  }

  return {
    messageExtensionCommands: {
      // The compose box's customer search: Teams pages it itself (queryOptions skip/count).
      customerSearch: async (query, t, actor) => {
        const text = String(query.parameters?.find((p) => p.name === 'query')?.value ?? '').trim();
        const purpose = CUSTOMER_OPERATIONS.find((operation) => can(actor, operation));
        const skip = Math.max(0, Math.trunc(query.queryOptions?.skip ?? 0));
        const count = Math.min(25, Math.max(1, Math.trunc(query.queryOptions?.count ?? 25)));
        const found = purpose ? (await directory.search(actor, text, purpose, skip + count)).slice(skip) : [];
        if (found.length === 0 && skip === 0)
          return {
            composeExtension: {
              type: 'message',
              text: t.t('customers.notFound', { query: quoteUserText(text) }),
            },
          };
        const attachments: MessagingExtensionAttachment[] = found.map((customer) => {
          const subtitle = `${customer.domain} · ${t.country(customer.country)}`;
          return {
            ...CardFactory.thumbnailCard(customer.companyName, customer.id, [], [], { subtitle }),
            preview: CardFactory.thumbnailCard(customer.companyName, [], [], { subtitle }),
          };
        });
        return { composeExtension: { type: 'result', attachmentLayout: 'list', attachments } };
      },
    },
    search: {
      // Typeahead of every customer picker: by id, domain or name over the name index.
      customers: async (query, actor) => {
        const purpose = CUSTOMER_OPERATIONS.find((operation) => can(actor, operation));
        if (!purpose) return [];
        const found = await directory.search(actor, query.queryText, purpose, query.skip + query.top);
        return found.slice(query.skip).map(customerChoice);
      },
    },
    commands: {
      customers: (scope) => list(scope),
      customer: async (scope, argument) => {
        if (argument === '') return list(scope);
        const match = await directory.find(scope.actor, argument, 'customers.view');
        if (match.kind === 'one') return show(scope, match.customer.id);
        if (match.kind === 'many') {
          await scope.reply.card(
            'customer-pick',
            customerPickCardData(scope.t, quoteUserText(argument), match.customers, {
              verb: 'customer.show',
            }),
          );
          return;
        }
        await scope.reply.text('customers.notFound', { query: quoteUserText(argument) });
      },
    },
    submits: {
      'customers.page': (scope, data) => list(scope, cursorOf(data), scope.context.activity.replyToId),
      'customer.show': async (scope, data) => {
        if (typeof data.customerId !== 'string') {
          await scope.reply.text('core.cardInvalid', { detail: 'customerId' });
          return;
        }
        await show(scope, data.customerId);
      },
    },
  };
}
