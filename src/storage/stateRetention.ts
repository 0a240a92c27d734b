import type { Clock } from '../domain/clock.js';
import type { Logger } from '../logging.js';
import type { LocalStateStorage } from './stateStorage.js';

export interface StateRetentionOptions {
  storage: Pick<LocalStateStorage, 'expireIdle'>;
  /** State not written for this long is deleted (STATE_RETENTION_DAYS). */
  retentionDays: number;
  /**
   * Compared with the times the state was last written, which are wall-clock times: pass the system
   * clock, not a clock shifted by CLOCK_START_AT (tests pass a fixed one).
   */
  clock: Clock;
  logger: Logger;
  /** Time between sweeps. Default one hour. */
  intervalMs?: number;
  /**
   * Wait before the first sweep. Default five minutes: a sweep looks at the age of every state key,
   * which should not compete with the first turns after a (re)start.
   */
  firstSweepAfterMs?: number;
  /** Most files one sweep deletes, so a sweep stays short; the next one continues. Default 2,000. */
  maxPerSweep?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Keys the sweep may expire: per-conversation and per-user turn state, conversation references and
 * the two views of user-specific cards. A transition watch is kept however old (it is deleted when
 * its transition ends, and its notice must still reach the chat).
 */
export function isExpirableStateKey(key: string): boolean {
  return !key.startsWith('transition-watch/');
}

/**
 * Expires the state of conversations idle longer than the retention (without it, 10,000
 * conversations left 84 MB in 20,101 files behind). One sweep a few minutes after start, then every
 * `intervalMs`; the timer is unref'd and never keeps the process alive; a sweep never overlaps the
 * next and deletes at most `maxPerSweep` files.
 */
export class StateRetention {
  private timer?: NodeJS.Timeout;
  private first?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(private readonly options: StateRetentionOptions) {}

  /** Deletes state last written more than the retention before the clock's now; returns how many. */
  async sweep(): Promise<number> {
    if (this.running) return this.running;
    const { storage, retentionDays, clock, maxPerSweep = 2_000 } = this.options;
    const before = new Date(clock.now().getTime() - retentionDays * DAY_MS);
    this.running = storage.expireIdle(before, isExpirableStateKey, maxPerSweep).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  start(): void {
    if (this.timer) return;
    const run = () => {
      this.sweep()
        .then((removed) => {
          if (removed > 0) this.options.logger.info({ removed }, 'expired idle conversation state');
        })
        .catch((error: unknown) => this.options.logger.warn({ err: error }, 'state retention sweep failed'));
    };
    this.timer = setInterval(run, this.options.intervalMs ?? 60 * 60 * 1000);
    this.timer.unref();
    this.first = setTimeout(run, this.options.firstSweepAfterMs ?? 5 * 60 * 1000);
    this.first.unref();
  }

  /** Stops the timer and waits for a sweep in progress. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    clearTimeout(this.first);
    this.timer = undefined;
    this.first = undefined;
    await this.running?.catch(() => undefined);
  }
}
