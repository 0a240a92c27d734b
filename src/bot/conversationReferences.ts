import type { ConversationReference, Storage } from 'botbuilder';

/**
 * Conversation references persisted in the bot's Storage (not in memory), so that a proactive
 * message — e.g. "transition completed" — still reaches the conversation after a restart.
 */
export class ConversationReferenceStore {
  constructor(private readonly storage: Storage) {}

  private key(conversationId: string): string {
    return `conversation-reference/${conversationId}`;
  }

  async save(reference: Partial<ConversationReference>): Promise<void> {
    const conversationId = reference.conversation?.id;
    if (!conversationId) return;
    await this.storage.write({ [this.key(conversationId)]: { reference, eTag: '*' } });
  }

  async get(conversationId: string): Promise<Partial<ConversationReference> | undefined> {
    const key = this.key(conversationId);
    const items = await this.storage.read([key]);
    const item = items[key] as { reference?: Partial<ConversationReference> } | undefined;
    return item?.reference;
  }
}
