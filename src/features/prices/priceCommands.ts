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
import { isDomainError } from '../../domain/errors.js';
import type { PriceSheetImporter } from '../../priceData/priceSheet/priceSheetImporter.js';
import { handleWatchRequest, readWatchRequest } from './priceWatchCommands.js';
import type { PriceWatchStore } from './priceWatchStore.js';
import { readCheapestRegionQuestion } from '../../domain/prices/cheapestRegion.js';
import { buildRankingCard } from './rankingCard.js';

/** Message-extension results are capped: Teams lists a handful, and must get them within 5 s. */
const SEARCH_LIMIT = 8;

/**
 * Price answers: `price <question>`, a free-text price question typed without the command
 * ("D4s v5 windows west europe 730h"), the refine buttons of a choices card, and the compose-box
 * message extension.
 */
export interface PriceFeatureOptions {
  /** Imports the partner's Partner Center price sheet ("price sheet import KR"); absent: not offered. */
  readonly sheetImporter?: PriceSheetImporter;
  readonly fileConsent?: EstimateFileConsent;
  /** Persisted price watches ("watch D4s v5 west europe"); absent: watches are not offered. */
  readonly watches?: PriceWatchStore;
}

/** The roles get-a-price-sheet allows (App+User): Global admin, Admin agent, Sales agent. */
const SHEET_ROLES = new Set(['GlobalAdmin', 'AdminAgent', 'SalesAgent']);
const SHEET_IMPORT =
  /^(?:sheet\s+import|import\s+sheet|import\s+price\s+sheet|시트\s*가져오기|가격표\s*가져오기|표\s*가져오기)(?:\s+([A-Za-z]{2}))?\s*$/i;

export function priceFeature(
  prices: PriceService,
  cards: CardRenderer,
  options: PriceFeatureOptions = {},
): BotFeature {
  const fileConsent = options.fileConsent ?? new EstimateFileConsent();

  /** "price sheet import KR": download the partner's sheet (App+User) and answer from it first. */
  async function importSheet(scope: TurnScope, market: string | undefined): Promise<void> {
    if (!scope.actor.user.roles.some((role) => SHEET_ROLES.has(role))) {
      await scope.reply.text('prices.sheet.forbidden');
      return;
    }
    const importer = options.sheetImporter;
    if (!importer || !market) {
      await scope.reply.text('prices.sheet.usage');
      return;
    }
    const upper = market.toUpperCase();
    let report;
    try {
      report = await importer.import(upper);
    } catch (error) {
      if (isDomainError(error) && error.code === 'not_found') {
        await scope.reply.text('prices.sheet.notFound', { market: upper, view: 'azure_consumption' });
        return;
      }
      throw error;
    }
    if (!report.ok) {
      await scope.reply.text('prices.sheet.failed', { market: upper, reason: report.fatal ?? '' });
      return;
    }
    await scope.reply.text('prices.sheet.imported', {
      market: report.market ?? upper,
      rows: report.accepted,
      date: scope.t.date(report.asOf ?? ''),
    });
    if (report.skipped > 0) {
      const first = report.issues[0];
      await scope.reply.text('prices.sheet.skipped', {
        count: report.skipped,
        line: first?.line ?? 0,
        reason: first?.message ?? '',
      });
    }
  }

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
        const watch = options.watches ? readWatchRequest(argument) : null;
        if (watch && options.watches) {
          await handleWatchRequest(scope, watch, prices, options.watches);
          return;
        }
        const sheet = SHEET_IMPORT.exec(argument.trim());
        if (sheet) {
          await importSheet(scope, sheet[1]);
          return;
        }
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
        const watch = options.watches ? readWatchRequest(text) : null;
        if (watch && options.watches) {
          await handleWatchRequest(scope, watch, prices, options.watches);
          return true;
        }
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
