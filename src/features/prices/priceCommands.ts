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
import { buildRankingCard, PRICE_RANKING_VERB, RANKING_LIMIT } from './rankingCard.js';

/**
 * Message-extension results per request: Teams asks for `queryOptions.count` (25 on the desktop, 10
 * on mobile) from `skip`, and asks for the next page when a page came back full.
 */
const SEARCH_PAGE_MAX = 25;
/** Longest question a paging button may carry back (card data can be forged). */
const QUESTION_MAX_LENGTH = 500;

/** The skip/count Teams sent with a message-extension query, made whole and bounded. */
export function searchWindow(options: { skip?: unknown; count?: unknown } | undefined): {
  skip: number;
  count: number;
} {
  const whole = (value: unknown, fallback: number) =>
    typeof value === 'number' && Number.isFinite(value) ? Math.trunc(value) : fallback;
  return {
    skip: Math.max(0, whole(options?.skip, 0)),
    count: Math.min(SEARCH_PAGE_MAX, Math.max(1, whole(options?.count, SEARCH_PAGE_MAX))),
  };
}

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
      const page = { question: rankQuestion ?? '', offset: 0 };
      await scope.reply.card('price-ranking', buildRankingCard(ranking, scope.t, RANKING_LIMIT, page));
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
      // "Previous"/"Next" of a ranking: the same question ranked again (the snapshot may have
      // changed since), that page shown in place of the card.
      [PRICE_RANKING_VERB]: async (scope, data) => {
        const question = typeof data.question === 'string' ? data.question.trim() : '';
        if (question === '' || question.length > QUESTION_MAX_LENGTH) {
          await scope.reply.text('core.cardInvalid', { detail: 'question' });
          return;
        }
        assertCan(scope.actor, 'prices.view');
        const ranking = prices.rankRegions(question);
        if (ranking?.kind !== 'ranking') {
          // Nothing to rank any more (a new snapshot without it): the plain answer says why.
          await answer(scope, question, ranking?.kind === 'notRanked' ? ranking.answer : undefined);
          return;
        }
        const offset = typeof data.offset === 'number' ? data.offset : 0;
        const card = buildRankingCard(ranking, scope.t, RANKING_LIMIT, { question, offset });
        await scope.reply.replaceCard(scope.context.activity.replyToId, 'price-ranking', card);
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
      // Teams pages the list itself: `count` results from `skip`; a page shorter than `count` is the last.
      const { skip, count } = searchWindow(query.queryOptions);
      const hits = prices.search(text, skip + count).slice(skip);
      if (hits.length === 0 && skip === 0) {
        return {
          composeExtension: {
            type: 'message',
            text: t.t('priceChat.searchNone', { query: quoteUserText(text) }),
          },
        };
      }
      const attachments: MessagingExtensionAttachment[] = buildPriceSearchResults(hits, t).map((result) => ({
        ...CardFactory.adaptiveCard(cards.render(result.card.template, result.card.data)),
        preview: CardFactory.thumbnailCard(result.title, result.subtitle),
      }));
      return { composeExtension: { type: 'result', attachmentLayout: 'list', attachments } };
    },
  };
}
