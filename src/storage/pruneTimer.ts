import type { Logger } from '../logging.js';

/**
 * Runs a prune in the background: once a few minutes after `start()`, then every `intervalMs`. The timer
 * is unref'd (it never keeps the process alive), a prune never overlaps the next, and `stop()`
 * waits for the one in progress.
 */
export class PruneTimer {
  private timer?: NodeJS.Timeout;
  private first?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    private readonly name: string,
    private readonly prune: () => Promise<number>,
    private readonly logger: Logger,
    private readonly intervalMs = 60 * 60 * 1000,
    // Not right after start: a prune walks every record, which should not compete with the first turns.
    private readonly firstDelayMs = 5 * 60 * 1000,
  ) {}

  /** Prunes now (or joins the prune in progress); returns how many records were removed. */
  run(): Promise<number> {
    if (this.running) return this.running;
    this.running = this.prune().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  start(): void {
    if (this.timer) return;
    const tick = () => {
      this.run()
        .then((removed) => {
          if (removed > 0) this.logger.info({ removed, records: this.name }, 'pruned expired records');
        })
        .catch((error: unknown) => this.logger.warn({ err: error, records: this.name }, 'prune failed'));
    };
    this.timer = setInterval(tick, this.intervalMs);
    this.timer.unref();
    this.first = setTimeout(tick, this.firstDelayMs);
    this.first.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    clearTimeout(this.first);
    this.timer = undefined;
    this.first = undefined;
    await this.running?.catch(() => undefined);
  }
}
