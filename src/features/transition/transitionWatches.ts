import type { ConversationReference, Storage } from 'botbuilder';
import type { Locale } from '../../i18n/locale.js';

/** Where a running transition is shown: the conversation, the progress card and the user's language. */
export interface TransitionWatch {
  upgradeId: string;
  customerId: string;
  reference: Partial<ConversationReference>;
  cardActivityId?: string;
  locale: Locale;
  /** Set once the completion message went out, so a redelivered completion is not announced twice. */
  completionSentAt?: string;
}

/**
 * Persisted in the bot's Storage (not memory) so that the progress card and the completion message
 * still reach the conversation after a restart in the middle of a transition.
 */
export class TransitionWatchStore {
  constructor(private readonly storage: Storage) {}

  private key(upgradeId: string): string {
    return `transition-watch/${upgradeId}`;
  }

  async save(watch: TransitionWatch): Promise<void> {
    await this.storage.write({ [this.key(watch.upgradeId)]: { watch, eTag: '*' } });
  }

  async get(upgradeId: string): Promise<TransitionWatch | undefined> {
    const key = this.key(upgradeId);
    const item = (await this.storage.read([key]))[key] as { watch?: TransitionWatch } | undefined;
    return item?.watch;
  }
}
