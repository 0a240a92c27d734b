import { CardFactory, MessageFactory, type MessagingExtensionAttachment } from 'botbuilder';
import type { Estimate } from '../../domain/prices/estimate.js';
import { buildEstimateCard, estimateCsv } from './estimateCard.js';
import { EstimateFileConsent, estimateFileConsentCard } from './estimateFile.js';
import type { CardRenderer } from '../../cards/cardRenderer.js';
import { assertCan } from '../../domain/identity/actor.js';
import type { PriceAnswer } from '../../domain/prices/priceAnswer.js';
import { buildPriceCard, buildPriceSearchResults, PRICE_PICK_VERB } from './priceCards.js';
import type { PriceService } from '../../priceData/priceService.js';
import type { BotFeature } from '../../bot/feature.js';
import type { TurnScope } from '../../bot/turnScope.js';
import { quoteUserText } from '../../domain/text/userText.js';
import { readCheapestRegionQuestion } from '../../domain/prices/cheapestRegion.js';
import { buildRankingCard } from './rankingCard.js';

/** Message-extension results are capped: Teams lists a handful, and must get them within 5 s. */
const SEARCH_LIMIT = 8;

/**
 * Price answers: `price <question>`, a free-text price question typed without the command
 * ("D4s v5 windows west europe 730h"), the refine buttons of a choices card, and the compose-box
 * message extension.
 */
export function priceFeature(
  prices: PriceService,
  cards: CardRenderer,
  fileConsent: EstimateFileConsent = new EstimateFileConsent(),
): BotFeature {
  /** A several-line estimate: one card, and in a personal chat the CSV through a file consent card. */
  async function sendEstimate(scope: TurnScope, estimate: Estimate): Promise<void> {
    await scope.reply.card('price-estimate', buildEstimateCard(estimate, scope.t));
    const conversationType = scope.context.activity.conversation?.conversationType;
    if (conversationType === undefined || conversationType === 'personal') {
      await scope.context.sendActivity(
        MessageFactory.attachment(estimateFileConsentCard(estimateCsv(estimate), scope.t)),
      );
    }
  }

  async function answer(scope: TurnScope, question: string, result?: PriceAnswer): Promise<void> {
    assertCan(scope.actor, 'prices.view');
    const estimate = prices.estimate(question);
    if (estimate && estimate.lines.length >= 2) {
      await sendEstimate(scope, estimate);
      return;
    }
    const rankQuestion = readCheapestRegionQuestion(question);
    const ranking = rankQuestion === null ? null : prices.rankRegions(rankQuestion);
    if (ranking?.kind === 'ranking') {
      await scope.reply.card('price-ranking', buildRankingCard(ranking, scope.t));
      return;
    }
    const priced = ranking?.answer ?? result ?? prices.ask(question, scope.locale);
    if (priced.kind === 'noSnapshot') {
      await scope.reply.text('prices.noSnapshot');
      return;
    }
    const card = buildPriceCard(priced, scope.t);
    await scope.reply.card(card.template, card.data);
  }

  return {
    commands: {
      price: async (scope, argument) => {
        if (argument === '') {
          await scope.reply.text('priceChat.ask');
          return;
        }
        await answer(scope, argument);
      },
    },
    submits: {
      [PRICE_PICK_VERB]: async (scope, data) => {
        if (typeof data.question !== 'string' || data.question.trim() === '') {
          await scope.reply.text('core.cardInvalid', { detail: 'question' });
          return;
        }
        await answer(scope, data.question);
      },
    },
    fallbacks: [
      // Text that is no command but reads like a price question is answered as one; anything the
      // price engine cannot anchor on (no size, no region) is left for the "did you mean" answer.
      async (scope, text) => {
        const estimate = prices.estimate(text);
        if (estimate && estimate.lines.length >= 2) {
          assertCan(scope.actor, 'prices.view');
          await sendEstimate(scope, estimate);
          return true;
        }
        const result = prices.ask(text, scope.locale);
        if (result.kind === 'noSnapshot') return false;
        const anchored = result.kind === 'answer' || result.understood.sizeName !== null;
        if (!anchored) return false;
        await answer(scope, text, result);
        return true;
      },
    ],
    fileConsent,
    messageExtensionQuery: async (query, t) => {
      const text = String(query.parameters?.find((p) => p.name === 'query')?.value ?? '').trim();
      if (text === '') {
        return { composeExtension: { type: 'message', text: t.t('priceChat.ask') } };
      }
      const results = buildPriceSearchResults(prices.search(text, SEARCH_LIMIT), t);
      const attachments: MessagingExtensionAttachment[] = results.map((result) => ({
        ...CardFactory.adaptiveCard(cards.render(result.card.template, result.card.data)),
        preview: CardFactory.thumbnailCard(result.title, result.subtitle),
      }));
      if (attachments.length === 0) {
        return {
          composeExtension: {
            type: 'message',
            text: t.t('priceChat.searchNone', { query: quoteUserText(text) }),
          },
        };
      }
      return { composeExtension: { type: 'result', attachmentLayout: 'list', attachments } };
    },
  };
}
