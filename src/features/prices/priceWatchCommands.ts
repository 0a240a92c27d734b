import { TurnContext } from 'botbuilder';
import { assertCan } from '../../domain/identity/actor.js';
import { priceRowKey } from '../../domain/prices/priceRow.js';
import type { WatchedPrice } from '../../domain/prices/priceWatch.js';
import type { TurnScope } from '../../bot/turnScope.js';
import type { PriceService } from '../../priceData/priceService.js';
import { buildPriceCard, displayName, perUnit, regionLabel } from './priceCards.js';
import type { PriceWatchStore } from './priceWatchStore.js';
import { Translator } from '../../i18n/translator.js';

/** Region display names are stored in English; Korean messages use the Korean region names. */
const ENGLISH = new Translator('en-US');
import { regionNameOf } from './priceWatchText.js';

/** What a typed text asks of the price watch, or null when it is no watch command. */
export type WatchRequest =
  | { readonly kind: 'watch'; readonly question: string }
  | { readonly kind: 'unwatch'; readonly which: string }
  | { readonly kind: 'list' };

const LIST = /^(?:(?:price\s+)?watches|list\s+watches|가격\s*알림\s*목록|알림\s*목록)\s*$/i;
const UNWATCH = /^(?:(?:price\s+)?unwatch|가격\s*알림\s*해제|알림\s*해제)\s*(.*)$/i;
const WATCH = /^(?:(?:price\s+)?watch|가격\s*알림|알림)\s+(.+)$/i;

/** Reads "watch …", "unwatch 2", "watches" (and 가격 알림 …, 알림 해제 2, 가격 알림 목록). */
export function readWatchRequest(text: string): WatchRequest | null {
  const trimmed = text.trim();
  if (LIST.test(trimmed)) return { kind: 'list' };
  const unwatch = UNWATCH.exec(trimmed);
  if (unwatch) return { kind: 'unwatch', which: unwatch[1].trim() };
  const watch = WATCH.exec(trimmed);
  if (watch) return { kind: 'watch', question: watch[1].trim() };
  return null;
}

/** Handles a watch request in this conversation (persisted with its conversation reference). */
export async function handleWatchRequest(
  scope: TurnScope,
  request: WatchRequest,
  prices: PriceService,
  store: PriceWatchStore,
): Promise<void> {
  assertCan(scope.actor, 'prices.view');
  const conversationId = scope.context.activity.conversation?.id ?? '';
  const entry = (await store.get(conversationId)) ?? {
    conversationId,
    reference: TurnContext.getConversationReference(scope.context.activity),
    locale: scope.locale,
    watches: [],
  };
  const t = scope.t;
  const region = (watch: WatchedPrice) => regionNameOf(watch.regionId, t, watch.regionName);
  if (request.kind === 'list') {
    if (entry.watches.length === 0) {
      await scope.reply.text('prices.watch.none');
      return;
    }
    const lines = entry.watches.map((watch, index) =>
      t.t('prices.watch.item', {
        index: index + 1,
        name: watch.name,
        region: region(watch),
        price: t.money(watch.unitPrice, watch.currency, 6),
        unit: perUnit(watch.unitOfMeasure, t),
        date: t.date(watch.asOf),
      }),
    );
    await scope.context.sendActivity(
      [t.t('prices.watch.list', { count: lines.length }), ...lines].join('\n\n'),
    );
    return;
  }
  if (request.kind === 'unwatch') {
    const all = /^(?:all|전체|모두)$/i.test(request.which);
    const index = Number.parseInt(request.which, 10) - 1;
    if (all) {
      await store.save({ ...entry, watches: [] });
      await scope.reply.text('prices.watch.removedAll', { count: entry.watches.length });
      return;
    }
    const removed = entry.watches[index];
    if (!removed) {
      await scope.reply.text('prices.watch.unknown', { which: request.which || '—' });
      return;
    }
    await store.save({ ...entry, watches: entry.watches.filter((_, i) => i !== index) });
    await scope.reply.text('prices.watch.removed', { name: removed.name, region: region(removed) });
    return;
  }
  const answer = prices.ask(request.question, scope.locale);
  if (answer.kind !== 'answer') {
    await scope.reply.text('prices.watch.needOne');
    if (answer.kind !== 'noSnapshot') {
      const card = buildPriceCard(answer, t);
      await scope.reply.card(card.template, card.data);
    }
    return;
  }
  const { row } = answer;
  const windows = /\bWindows\b/i.test(row.productName) ? ` (${t.t('prices.os.windows')})` : '';
  const watch: WatchedPrice = {
    key: priceRowKey(row),
    question: request.question,
    name: `${displayName(row)}${windows}`,
    regionId: row.armRegionName,
    regionName: regionLabel(row.armRegionName, answer.snapshot, ENGLISH),
    unitOfMeasure: row.unitOfMeasure,
    currency: row.currencyCode || 'USD',
    unitPrice: row.unitPriceText,
    asOf: answer.snapshot.takenAt,
  };
  if (entry.watches.some((w) => w.key === watch.key)) {
    await scope.reply.text('prices.watch.already', { name: watch.name, region: region(watch) });
    return;
  }
  await store.save({
    ...entry,
    reference: TurnContext.getConversationReference(scope.context.activity),
    locale: scope.locale,
    watches: [...entry.watches, watch],
  });
  await scope.reply.text('prices.watch.added', {
    name: watch.name,
    region: region(watch),
    price: t.money(row.unitPrice, watch.currency, 6),
    unit: perUnit(row.unitOfMeasure, t),
  });
}
