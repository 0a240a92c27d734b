import { MessageFactory, type CloudAdapter } from 'botbuilder';
import { acknowledged, priceChangeOf, type PriceChange } from '../../domain/prices/priceWatch.js';
import { Translator } from '../../i18n/translator.js';
import type { PriceService } from '../../priceData/priceService.js';
import type { Clock } from '../../domain/clock.js';
import { perUnit } from './priceCards.js';
import { regionNameOf } from './priceWatchText.js';
import type { PriceWatchStore } from './priceWatchStore.js';

export interface WatchNotifierLogger {
  info(object: object, message?: string): void;
  warn(object: object, message?: string): void;
}

/** The change as the partner reads it: "D4s v5 in West Europe: $0.23 → $0.25 per hour (+8.7%)". */
export function priceChangeText(change: PriceChange, t: Translator): string {
  const unit = perUnit(change.watch.unitOfMeasure, t);
  const sign = change.percent.isPositive() && !change.percent.isZero() ? '+' : '';
  return t.t('prices.watch.changed', {
    name: change.watch.name,
    region: regionNameOf(change.watch.regionId, t, change.watch.regionName),
    old: t.money(change.oldPrice, change.watch.currency, 6),
    new: t.money(change.newPrice, change.watch.currency, 6),
    unit,
    percent: `${sign}${t.number(change.percent, 1)}%`,
    date: t.date(change.newAsOf),
  });
}

/**
 * Tells watching conversations when a watched price changed: after a new snapshot became active
 * (PriceService.onSnapshotChanged) and on `check()` (a timer, so a price whose new version takes
 * effect on the 1st is noticed that day). Each change is told once: the new price is saved before
 * the message is sent, so a restart compares against it and never repeats the message.
 */
export class PriceWatchNotifier {
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly adapter: Pick<CloudAdapter, 'continueConversationAsync'>,
    private readonly appId: string,
    private readonly store: PriceWatchStore,
    private readonly prices: PriceService,
    private readonly clock: Clock,
    private readonly logger: WatchNotifierLogger,
  ) {}

  /** Compares every watch with the prices in force now; one check at a time. */
  check(): Promise<void> {
    this.running = this.running
      .then(() => this.checkAll())
      .catch((error: unknown) => {
        this.logger.warn({ err: error }, 'price watch check failed');
      });
    return this.running;
  }

  private async checkAll(): Promise<void> {
    const info = this.prices.snapshotInfo();
    if (!info) return;
    const now = this.clock.now();
    for (const conversationId of await this.store.conversations()) {
      const entry = await this.store.get(conversationId);
      if (!entry) continue;
      const changes: PriceChange[] = [];
      for (const watch of entry.watches) {
        const row = this.prices.lookup(watch.key, now);
        const change = priceChangeOf(watch, row?.unitPriceText ?? null, info.takenAt);
        if (change) changes.push(change);
      }
      if (changes.length === 0) continue;
      const byKey = new Map(changes.map((change) => [change.watch.key, acknowledged(change)]));
      await this.store.save({ ...entry, watches: entry.watches.map((w) => byKey.get(w.key) ?? w) });
      const t = new Translator(entry.locale);
      try {
        await this.adapter.continueConversationAsync(this.appId, entry.reference, async (context) => {
          for (const change of changes)
            await context.sendActivity(MessageFactory.text(priceChangeText(change, t)));
        });
        this.logger.info({ conversationId, changes: changes.length }, 'price watch: changes sent');
      } catch (error) {
        this.logger.warn({ err: error, conversationId }, 'price watch: could not reach the conversation');
      }
    }
  }
}
