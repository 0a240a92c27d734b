import { createHash } from 'node:crypto';
import { fstatSync } from 'node:fs';
import type { FileOp } from '../../../src/storage/fileStorage.js';

/** The shard folder (2 hex of the key's SHA-256) FileStorage puts a key in. */
export function shardOf(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 2);
}

/** `count` keys `${prefix}<n>` that all land in one shard folder. */
export function keysInOneShard(prefix: string, count: number): string[] {
  const byShard = new Map<string, string[]>();
  for (let n = 0; ; n++) {
    const key = `${prefix}${n}`;
    const keys = byShard.get(shardOf(key)) ?? [];
    keys.push(key);
    byShard.set(shardOf(key), keys);
    if (keys.length === count) return keys;
  }
}

/** Records FileStorage's file-system calls (the `observe` hook) in order. */
export class OpLog {
  readonly events: Array<{ op: FileOp | string; path: string }> = [];
  readonly observe = (op: FileOp, path: string): void => {
    this.events.push({ op, path });
  };

  count(...ops: string[]): number {
    return this.events.filter((event) => ops.includes(event.op)).length;
  }

  clear(): void {
    this.events.length = 0;
  }
}

export function isDirectory(fd: number): boolean {
  return fstatSync(fd).isDirectory();
}
