import type { Middleware, TurnContext } from 'botbuilder';
import { dropOldest } from '../../domain/boundedMap.js';

/**
 * Drops an activity the channel delivers a second time (same conversation and activity id), e.g.
 * when Teams retries after a slow response. Bounded: remembers the last `capacity` ids for `ttlMs`.
 * State-changing actions are idempotent anyway (request ids); this only avoids double replies.
 */
export class DedupeMiddleware implements Middleware {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly capacity = 5000,
    private readonly ttlMs = 10 * 60 * 1000,
    private readonly now: () => number = Date.now,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { id, conversation, type } = context.activity;
    if (!id || !conversation?.id || type === 'typing') return next();
    const key = `${conversation.id}|${id}`;
    const at = this.now();
    const previous = this.seen.get(key);
    if (previous !== undefined && at - previous < this.ttlMs) return;
    this.remember(key, at);
    return next();
  }

  private remember(key: string, at: number): void {
    this.seen.delete(key);
    this.seen.set(key, at);
    dropOldest(this.seen, this.capacity);
  }
}
