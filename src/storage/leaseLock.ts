import type { CriticalSections } from '../domain/services/criticalSections.js';
import { KeyedMutex } from '../domain/services/keyedMutex.js';
import type { HeldLease, Leases } from './leases.js';

export interface LeaseLockOptions {
  /** Longest wait for the lease before `runExclusive` rejects. Default 60 s. */
  acquireTimeoutMs?: number;
  /** First pause between two attempts (doubles up to `maxRetryMs`). Default 25 ms. */
  retryMs?: number;
  maxRetryMs?: number;
  /** Called when a renewal failed while `work` ran (another instance may have entered). */
  onLost?: (key: string) => void;
}

export class LockTimeoutError extends Error {
  constructor(readonly key: string) {
    super(`timed out waiting for the lock on ${key}`);
    this.name = 'LockTimeoutError';
  }
}

/**
 * Per-key critical sections across instances (CriticalSections, like KeyedMutex): inside one
 * instance callers queue on a KeyedMutex, then the queue head takes the key's lease (blob lease
 * with BlobLeases, lease files with FileLeases), renews it every third of its duration while
 * `work` runs and releases it after, so the next instance gets it at once. A holder that dies
 * stops renewing and its lease ends after the lease duration.
 */
export class LeaseLock implements CriticalSections {
  private readonly local = new KeyedMutex();

  constructor(
    private readonly leases: Leases,
    private readonly options: LeaseLockOptions = {},
  ) {}

  idle(): Promise<void> {
    return this.local.idle();
  }

  runExclusive<T>(key: string, work: () => Promise<T>): Promise<T> {
    return this.local.runExclusive(key, async () => {
      const held = await this.acquire(key);
      const renewer = setInterval(() => {
        held
          .renew()
          .then((ok) => {
            if (!ok) this.options.onLost?.(key);
          })
          .catch(() => undefined);
      }, this.leases.durationMs / 3);
      renewer.unref();
      try {
        return await work();
      } finally {
        clearInterval(renewer);
        await held.release().catch(() => undefined);
      }
    });
  }

  private async acquire(key: string): Promise<HeldLease> {
    const deadline = Date.now() + (this.options.acquireTimeoutMs ?? 60_000);
    let pause = this.options.retryMs ?? 25;
    for (;;) {
      const held = await this.leases.tryAcquire(`lock/${key}`);
      if (held) return held;
      if (Date.now() >= deadline) throw new LockTimeoutError(key);
      await new Promise((resolve) => setTimeout(resolve, pause));
      pause = Math.min(pause * 2, this.options.maxRetryMs ?? 500);
    }
  }
}
