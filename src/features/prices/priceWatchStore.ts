import type { ConversationReference, Storage } from 'botbuilder';
import type { WatchedPrice } from '../../domain/prices/priceWatch.js';
import type { Locale } from '../../i18n/locale.js';

/** The price watches of one conversation, with the reference a proactive message needs. */
export interface ConversationPriceWatches {
  readonly conversationId: string;
  readonly reference: Partial<ConversationReference>;
  readonly locale: Locale;
  readonly watches: readonly WatchedPrice[];
}

const INDEX_KEY = 'price-watch-index';

/**
 * Price watches persisted in the bot's Storage (they survive a restart): one item per conversation
 * and an index of the conversations that watch something (Storage cannot list keys).
 */
export class PriceWatchStore {
  constructor(private readonly storage: Storage) {}

  private key(conversationId: string): string {
    return `price-watch/${conversationId}`;
  }

  async get(conversationId: string): Promise<ConversationPriceWatches | undefined> {
    const key = this.key(conversationId);
    const item = (await this.storage.read([key]))[key] as { value?: ConversationPriceWatches } | undefined;
    return item?.value;
  }

  async save(value: ConversationPriceWatches): Promise<void> {
    await this.storage.write({ [this.key(value.conversationId)]: { value, eTag: '*' } });
    const ids = new Set(await this.conversations());
    const had = ids.has(value.conversationId);
    if (value.watches.length > 0) ids.add(value.conversationId);
    else ids.delete(value.conversationId);
    if (had !== ids.has(value.conversationId))
      await this.storage.write({ [INDEX_KEY]: { ids: [...ids].sort(), eTag: '*' } });
  }

  /** Conversations with at least one watch. */
  async conversations(): Promise<string[]> {
    const item = (await this.storage.read([INDEX_KEY]))[INDEX_KEY] as { ids?: string[] } | undefined;
    return item?.ids ?? [];
  }
}
