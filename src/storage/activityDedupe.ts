import { readdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Middleware, TurnContext } from 'botbuilder';
import type { ContainerClient } from '@azure/storage-blob';
import type { Logger } from '../logging.js';
import { isNotFound, lostRace } from './blobSupport.js';
import { createExclusive, ensureFolder, ignoreMissing, isMissing } from './fileAtomic.js';
import type { Prunable } from './records.js';
import { safeName, shardOf } from './records.js';

/** Default: a redelivered activity is recognized for 10 minutes (Teams retries within seconds). */
export const DEFAULT_DEDUPE_TTL_MS = 10 * 60 * 1000;

/**
 * "Has any instance taken this activity yet?" (shared across instances). `claim` is true for the
 * first caller only: the one that handles the activity.
 */
export interface ActivityDedupe extends Prunable {
  claim(conversationId: string, activityId: string): Promise<boolean>;
}

/**
 * Drops an activity the channel delivers a second time, to whichever instance: the same contract
 * as DedupeMiddleware (src/bot/middleware/dedupe.ts), but the memory of seen activities is shared.
 * If the store cannot be reached the activity is handled (a double reply beats a lost message;
 * state-changing actions are exactly-once anyway).
 */
export class SharedDedupeMiddleware implements Middleware {
  constructor(
    private readonly dedupe: ActivityDedupe,
    private readonly logger?: Logger,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { id, conversation, type } = context.activity;
    if (!id || !conversation?.id || type === 'typing') return next();
    const first = await this.dedupe.claim(conversation.id, id).catch((error: unknown) => {
      this.logger?.warn({ err: error, activityId: id }, 'activity dedupe unavailable; handling the activity');
      return true;
    });
    if (!first) return;
    return next();
  }
}

/**
 * Seen activities as empty marker files created with an exclusive link (one winner across the
 * processes on this machine). `prune()` deletes markers older than the TTL (file times).
 */
export class FileActivityDedupe implements ActivityDedupe {
  constructor(
    private readonly directory: string,
    private readonly ttlMs = DEFAULT_DEDUPE_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  async claim(conversationId: string, activityId: string): Promise<boolean> {
    const name = safeName(`${conversationId}|${activityId}`);
    const folder = join(this.directory, shardOf(name));
    const path = join(folder, name);
    try {
      return await createExclusive(path, '', false);
    } catch (error) {
      if (!isMissing(error)) throw error;
      await ensureFolder(folder);
      return createExclusive(path, '', false);
    }
  }

  async prune(): Promise<number> {
    const before = this.now() - this.ttlMs;
    let removed = 0;
    const shards = await readdir(this.directory).catch((error: unknown) => {
      if (isMissing(error)) return [] as string[];
      throw error;
    });
    for (const shard of shards) {
      const files = await readdir(join(this.directory, shard)).catch(() => [] as string[]);
      for (const file of files) {
        const path = join(this.directory, shard, file);
        const info = await stat(path).catch(() => undefined);
        if (info && info.mtimeMs < before) {
          await unlink(path).catch(ignoreMissing);
          removed += 1;
        }
      }
    }
    return removed;
  }
}

/**
 * Seen activities as empty blobs created with `If-None-Match: *`: the same activity id reaching two
 * instances is handled by the one whose create succeeded. `prune()` deletes markers created more
 * than the TTL ago (server times from the listing).
 */
export class BlobActivityDedupe implements ActivityDedupe {
  constructor(
    private readonly container: ContainerClient,
    private readonly ttlMs = DEFAULT_DEDUPE_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  async claim(conversationId: string, activityId: string): Promise<boolean> {
    const blob = this.container.getBlockBlobClient(`dedupe/${safeName(`${conversationId}|${activityId}`)}`);
    try {
      await blob.upload('', 0, { conditions: { ifNoneMatch: '*' } });
      return true;
    } catch (error) {
      if (lostRace(error)) return false;
      throw error;
    }
  }

  async prune(): Promise<number> {
    const before = this.now() - this.ttlMs;
    let removed = 0;
    let batch: string[] = [];
    const flush = async () => {
      const results = await Promise.all(
        batch.map((name) =>
          this.container
            .getBlockBlobClient(name)
            .delete()
            .then(() => true)
            .catch((error: unknown) => {
              if (!isNotFound(error)) throw error;
              return false;
            }),
        ),
      );
      removed += results.filter(Boolean).length;
      batch = [];
    };
    for await (const item of this.container.listBlobsFlat({ prefix: 'dedupe/' })) {
      const created = item.properties.createdOn ?? item.properties.lastModified;
      if (created.getTime() >= before) continue;
      batch.push(item.name);
      if (batch.length >= 32) await flush();
    }
    await flush();
    return removed;
  }
}
