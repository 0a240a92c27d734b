import type { ConversationReference } from 'botbuilder';
import type { ContainerClient } from '@azure/storage-blob';
import { comparableReference, type ConversationReferences } from '../bot/conversationReferences.js';
import { dropOldest } from '../domain/boundedMap.js';
import { downloadText } from './blobSupport.js';
import { safeName } from './records.js';

/**
 * Conversation references as one JSON blob per conversation, readable by every instance (a
 * proactive message may leave from another instance than the one that saw the conversation).
 * Like ConversationReferenceStore, a reference is uploaded only when it changed (the last one
 * saved or read is remembered per conversation, least recently used out), ignoring `activityId`.
 * Last writer wins: every writer writes the same conversation's current address.
 */
export class BlobConversationReferences implements ConversationReferences {
  private readonly saved = new Map<string, string>();

  constructor(
    private readonly container: ContainerClient,
    private readonly remembered = 10_000,
  ) {}

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
      const body = JSON.stringify({ reference });
      await this.blob(conversationId).upload(body, Buffer.byteLength(body), {
        blobHTTPHeaders: { blobContentType: 'application/json' },
      });
    }
    this.remember(conversationId, serialized);
  }

  async get(conversationId: string): Promise<Partial<ConversationReference> | undefined> {
    const found = await downloadText(this.blob(conversationId));
    return found
      ? (JSON.parse(found.text) as { reference: Partial<ConversationReference> }).reference
      : undefined;
  }

  private blob(conversationId: string) {
    return this.container.getBlockBlobClient(`conversation-references/${safeName(conversationId)}.json`);
  }

  private remember(conversationId: string, serialized: string): void {
    this.saved.delete(conversationId);
    this.saved.set(conversationId, serialized);
    dropOldest(this.saved, this.remembered);
  }
}
