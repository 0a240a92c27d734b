import type { ConversationReference, Storage } from 'botbuilder';
import { dropOldest } from '../domain/boundedMap.js';

/** How many conversations' last saved reference are remembered, so an unchanged one is not rewritten. */
const DEFAULT_REMEMBERED = 10_000;

const KEY_PREFIX = 'conversation-reference/';

/**
 * True for the storage keys of conversation references. The next turn of a conversation writes its
 * reference again when the stored one is missing or old, so storage may skip fsync for them.
 */
export function isConversationReferenceKey(key: string): boolean {
  return key.startsWith(KEY_PREFIX);
}

/** Where the last conversation reference of each conversation is kept (proactive messages). */
export interface ConversationReferences {
  save(reference: Partial<ConversationReference>): Promise<void>;
  get(conversationId: string): Promise<Partial<ConversationReference> | undefined>;
}

/**
 * Conversation references persisted in the bot's Storage (not in memory), so that a proactive
 * message — e.g. "transition completed" — still reaches the conversation after a restart.
 *
 * A reference is written only when it changed: the last one saved (or read back after a restart)
 * is remembered per conversation, bounded to `remembered` conversations (least recently used out).
 * The `activityId` (the message the turn answers) differs on every turn and is not what a
 * proactive message needs, so it is left out of the comparison.
 */
export class ConversationReferenceStore implements ConversationReferences {
  private readonly saved = new Map<string, string>();

  constructor(
    private readonly storage: Storage,
    private readonly remembered = DEFAULT_REMEMBERED,
  ) {}

  private key(conversationId: string): string {
    return `${KEY_PREFIX}${conversationId}`;
  }

  async save(reference: Partial<ConversationReference>): Promise<void> {
    const conversationId = reference.conversation?.id;
    if (!conversationId) return;
    const serialized = comparableReference(reference);
    let last = this.saved.get(conversationId);
    if (last === undefined) {
      const stored = await this.get(conversationId);
      last = stored === undefined ? undefined : comparableReference(stored);
    }
    if (last !== serialized) {
      await this.storage.write({ [this.key(conversationId)]: { reference, eTag: '*' } });
    }
    this.remember(conversationId, serialized);
  }

  async get(conversationId: string): Promise<Partial<ConversationReference> | undefined> {
    const key = this.key(conversationId);
    const items = await this.storage.read([key]);
    const item = items[key] as { reference?: Partial<ConversationReference> } | undefined;
    return item?.reference;
  }

  private remember(conversationId: string, serialized: string): void {
    this.saved.delete(conversationId);
    this.saved.set(conversationId, serialized);
    dropOldest(this.saved, this.remembered);
  }
}

/** The reference as compared between turns: every field but the answered activity's id. */
export function comparableReference(reference: Partial<ConversationReference>): string {
  const { activityId: _activityId, ...where } = reference;
  return JSON.stringify(where);
}
