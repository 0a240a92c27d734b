import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { SandboxData } from './sandboxData.js';

/**
 * The sandbox's one lowdb file. Always JSONFile + Low (never the NODE_ENV=test in-memory preset),
 * so tests exercise real persistence. Mutations run one at a time on a copy that replaces the data
 * only when the mutation succeeded, then the file is written (atomically, by steno) before the
 * mutation resolves: a caller that got an answer knows it is on disk.
 */
export class SandboxStore {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly db: Low<SandboxData>) {}

  /** Opens the file; `initial()` supplies the data when the file does not exist yet (first start). */
  static async open(file: string, initial: () => Promise<SandboxData>): Promise<SandboxStore> {
    await mkdir(path.dirname(path.resolve(file)), { recursive: true });
    // lowdb 7 refuses an undefined default; a null placeholder tells "no file yet" apart after read().
    const db = new Low<SandboxData>(new JSONFile<SandboxData>(file), null as unknown as SandboxData);
    await db.read();
    if (!db.data) {
      db.data = await initial();
      await db.write();
    }
    return new SandboxStore(db);
  }

  /** Reads from the current committed state (do not keep references across awaits). */
  read<T>(reader: (data: Readonly<SandboxData>) => T): T {
    return reader(this.db.data);
  }

  /** Applies a change atomically: if `change` throws, nothing is changed and nothing is written. */
  mutate<T>(change: (draft: SandboxData) => T): Promise<T> {
    const run = async (): Promise<T> => {
      const draft = structuredClone(this.db.data);
      const result = change(draft);
      const previous = this.db.data;
      this.db.data = draft;
      try {
        await this.db.write();
      } catch (error) {
        this.db.data = previous;
        throw error;
      }
      return result;
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Resolves when every queued mutation is on disk. */
  async flush(): Promise<void> {
    await this.queue;
  }
}
