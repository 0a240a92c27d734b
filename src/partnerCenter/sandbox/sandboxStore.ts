import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { SandboxData } from './sandboxData.js';

/** The working copy of one `transaction`: every read and mutate inside it sees and changes `draft`. */
interface Transaction {
  draft: SandboxData;
  /** False once the transaction ended: late async work it started falls back to plain mutations. */
  open: boolean;
}

/**
 * The sandbox's one lowdb file. Always JSONFile + Low (never the NODE_ENV=test in-memory preset),
 * so tests exercise real persistence. Mutations run one at a time on a copy that replaces the data
 * only when the mutation succeeded, then the file is written (atomically, by steno: temp file +
 * rename) before the mutation resolves: a caller that got an answer knows it is on disk.
 *
 * `transaction(work)` groups every mutation `work` makes (through any class sharing this store:
 * Partner Center, audit log, request ids) into ONE file write, so after a kill either all of them
 * are on disk or none is.
 */
export class SandboxStore {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly transactions = new AsyncLocalStorage<Transaction>();

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

  /**
   * Reads from the current committed state, or inside a transaction from its working copy (do not
   * keep references across awaits).
   */
  read<T>(reader: (data: Readonly<SandboxData>) => T): T {
    return reader(this.activeTransaction()?.draft ?? this.db.data);
  }

  /**
   * Applies a change atomically: if `change` throws, nothing is changed and nothing is written.
   * Inside a transaction the change goes to its working copy and reaches the disk with the
   * transaction's one write.
   */
  mutate<T>(change: (draft: SandboxData) => T): Promise<T> {
    const transaction = this.activeTransaction();
    if (transaction) {
      try {
        const draft = structuredClone(transaction.draft);
        const result = change(draft);
        transaction.draft = draft;
        return Promise.resolve(result);
      } catch (error) {
        return Promise.reject(error);
      }
    }
    return this.enqueue(async () => {
      const draft = structuredClone(this.db.data);
      const result = change(draft);
      await this.commit(draft);
      return result;
    });
  }

  /**
   * Runs `work` with this store to itself (other mutations wait) and writes everything it mutated
   * in one file write when it resolves; if it rejects, nothing it did is kept. Nested calls join
   * the outer transaction.
   */
  transaction<T>(work: () => Promise<T>): Promise<T> {
    if (this.activeTransaction()) return work();
    return this.enqueue(async () => {
      const transaction: Transaction = { draft: structuredClone(this.db.data), open: true };
      let result: T;
      try {
        result = await this.transactions.run(transaction, work);
      } finally {
        transaction.open = false;
      }
      await this.commit(transaction.draft);
      return result;
    });
  }

  /** Resolves when every queued mutation is on disk. */
  async flush(): Promise<void> {
    await this.queue;
  }

  private activeTransaction(): Transaction | undefined {
    const transaction = this.transactions.getStore();
    return transaction?.open ? transaction : undefined;
  }

  private async commit(draft: SandboxData): Promise<void> {
    const previous = this.db.data;
    this.db.data = draft;
    try {
      await this.db.write();
    } catch (error) {
      this.db.data = previous;
      throw error;
    }
  }

  private enqueue<T>(run: () => Promise<T>): Promise<T> {
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
