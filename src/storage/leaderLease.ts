import type { Logger } from '../logging.js';
import type { HeldLease, Leases } from './leases.js';

export interface LeaderLeaseOptions {
  /** Pause between two attempts of a follower to become leader. Default a third of the lease. */
  retryMs?: number;
  logger?: Logger;
  now?: () => number;
}

type Listener = () => void;

/**
 * One leader among the instances (e.g. the transition worker runs only on it): the leader holds
 * the lease `name` and renews it every third of its duration; followers try to take it every
 * `retryMs`. When the leader dies (or hangs) its lease ends, and a follower takes over within
 * lease duration + retryMs. `isLeader()` also turns false by itself once the lease would have
 * expired without a renewal, so a paused leader does not keep acting as one.
 */
export class LeaderLease {
  private held?: HeldLease;
  private timer?: NodeJS.Timeout;
  private running = false;
  private current: Promise<void> = Promise.resolve();
  private readonly acquired: Listener[] = [];
  private readonly lost: Listener[] = [];
  private readonly now: () => number;

  constructor(
    private readonly leases: Leases,
    readonly name: string,
    private readonly options: LeaderLeaseOptions = {},
  ) {
    this.now = options.now ?? Date.now;
  }

  isLeader(): boolean {
    return this.held !== undefined && this.now() < this.held.validUntil;
  }

  onAcquired(listener: Listener): void {
    this.acquired.push(listener);
  }

  onLost(listener: Listener): void {
    this.lost.push(listener);
  }

  /** Starts trying to lead (first attempt at once). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  /**
   * Stops. With `release` (default) the lease is given up so another instance leads at once;
   * without it the lease just runs out, as when the process dies.
   */
  async stop(options: { release?: boolean } = {}): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.current;
    const held = this.held;
    this.held = undefined;
    if (held) {
      if (options.release ?? true) await held.release().catch(() => undefined);
      this.emit(this.lost);
    }
  }

  private schedule(delayMs: number): void {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      this.current = this.tick()
        .catch((error: unknown) => {
          this.options.logger?.error({ err: error, lease: this.name }, 'leader lease step failed');
          return this.options.retryMs ?? this.leases.durationMs / 3;
        })
        .then((next) => this.schedule(next));
    }, delayMs);
    this.timer.unref();
  }

  /** One renewal or one attempt; returns the pause before the next. */
  private async tick(): Promise<number> {
    const renewEvery = this.leases.durationMs / 3;
    if (this.held) {
      const ok = await this.held.renew().catch((error: unknown) => {
        this.options.logger?.warn({ err: error, lease: this.name }, 'leader lease renewal failed');
        return this.isLeader();
      });
      if (!ok || !this.isLeader()) {
        this.held = undefined;
        this.options.logger?.warn({ lease: this.name }, 'leadership lost');
        this.emit(this.lost);
        return this.options.retryMs ?? renewEvery;
      }
      return renewEvery;
    }
    const held = await this.leases.tryAcquire(`leader/${this.name}`).catch((error: unknown) => {
      this.options.logger?.warn({ err: error, lease: this.name }, 'leader lease attempt failed');
      return undefined;
    });
    if (!held) return this.options.retryMs ?? renewEvery;
    if (!this.running) {
      await held.release().catch(() => undefined);
      return renewEvery;
    }
    this.held = held;
    this.options.logger?.info({ lease: this.name }, 'leadership acquired');
    this.emit(this.acquired);
    return renewEvery;
  }

  private emit(listeners: Listener[]): void {
    for (const listener of listeners) {
      try {
        listener();
      } catch (error) {
        this.options.logger?.error({ err: error, lease: this.name }, 'leader listener failed');
      }
    }
  }
}
