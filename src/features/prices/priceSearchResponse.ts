import type { CardRenderer } from '../../cards/cardRenderer.js';
import type { PriceSearchResult } from './priceCards.js';

/** The body of a Teams `composeExtension/query` answer: a list of results, each inserting the answer card. */
export interface PriceSearchResponse {
  readonly composeExtension: {
    readonly type: 'result';
    readonly attachmentLayout: 'list';
    readonly attachments: readonly {
      readonly contentType: 'application/vnd.microsoft.card.adaptive';
      readonly content: Record<string, unknown>;
      readonly preview: {
        readonly contentType: 'application/vnd.microsoft.card.thumbnail';
        readonly content: { readonly title: string; readonly text: string };
      };
    }[];
  };
}

/** Renders message-extension search results: a thumbnail preview per hit, the full price card when picked. */
export function priceSearchResponse(
  results: readonly PriceSearchResult[],
  renderer: CardRenderer,
): PriceSearchResponse {
  return {
    composeExtension: {
      type: 'result',
      attachmentLayout: 'list',
      attachments: results.map((result) => ({
        contentType: 'application/vnd.microsoft.card.adaptive',
        content: renderer.render(result.card.template, result.card.data),
        preview: {
          contentType: 'application/vnd.microsoft.card.thumbnail',
          content: { title: result.title, text: result.subtitle },
        },
      })),
    },
  };
}
