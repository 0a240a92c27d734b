import type { ConversationReference, Storage } from 'botbuilder';
import type { Locale } from '../../i18n/locale.js';

/** Who to tell when the signatory accepts: the conversation, the user and their language. */
export interface AttestationWatch {
  attestationId: string;
  customerId: string;
  reference: Partial<ConversationReference>;
  userId: string;
  locale: Locale;
  /** Started from the purchase's MCA blocker: once the agreement exists, offer to continue the purchase. */
  resumePurchase?: boolean;
  /** Set once "… accepted — create the agreement?" went out (a redelivered acceptance is not told twice). */
  notifiedAt?: string;
}

const INDEX_KEY = 'attestation-watch-index';

/**
 * Persisted in the bot's Storage, so the acceptance message still reaches the partner after a
 * restart. An index of open watches lets the host look again at start-up (an acceptance that
 * happened while the bot was down is told then).
 */
export class AttestationWatchStore {
  constructor(private readonly storage: Storage) {}

  private key(attestationId: string): string {
    return `attestation-watch/${attestationId.toLowerCase()}`;
  }

  async save(watch: AttestationWatch): Promise<void> {
    const open = new Set(await this.openIds());
    if (watch.notifiedAt) open.delete(watch.attestationId.toLowerCase());
    else open.add(watch.attestationId.toLowerCase());
    await this.storage.write({
      [this.key(watch.attestationId)]: { watch, eTag: '*' },
      [INDEX_KEY]: { ids: [...open], eTag: '*' },
    });
  }

  async get(attestationId: string): Promise<AttestationWatch | undefined> {
    const key = this.key(attestationId);
    const item = (await this.storage.read([key]))[key] as { watch?: AttestationWatch } | undefined;
    return item?.watch;
  }

  /** Attestation ids whose acceptance has not been told yet. */
  async openIds(): Promise<string[]> {
    const item = (await this.storage.read([INDEX_KEY]))[INDEX_KEY] as { ids?: string[] } | undefined;
    return Array.isArray(item?.ids) ? item.ids : [];
  }
}
