import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock } from '../../domain/clock.js';
import { isDomainError } from '../../domain/errors.js';
import type { PartnerCenter } from '../../domain/partnerCenter/port.js';
import type { ProductUpgrade } from '../../domain/transition/productUpgrade.js';
import type { UpgradeCompletedEvent, UpgradeEvents } from '../../domain/transition/upgradeEvents.js';
import type { CallScope, CallUser } from '../callContext.js';
import type { UpgradeWatcher } from './restPartnerCenter.js';

/** One product upgrade the REST backend is waiting for. */
export interface UpgradeWatch {
  customerId: string;
  upgradeId: string;
  startedAt: string;
  /** ISO time of the next status call. */
  nextPollAt: string;
  /** Status calls made so far (drives the backoff). */
  polls: number;
  /** Who started it: status calls are App+User and run with this user's token. */
  user?: CallUser;
  /** Progress last emitted (progress is emitted when it changes). */
  lastProgress?: { completedLines: number; failedLines: number; totalLines: number };
  /**
   * The final status, persisted BEFORE the completion event is emitted. The watch is removed once
   * every listener took the event; until then it is offered again (without asking Partner Center).
   */
  finished?: { status: UpgradeCompletedEvent['status']; at: string };
}

/** Where watches survive a restart. Kept small so a shared (Blob) implementation is easy. */
export interface UpgradeWatchStore {
  list(): Promise<UpgradeWatch[]>;
  get(upgradeId: string): Promise<UpgradeWatch | undefined>;
  /** Creates or replaces the watch with this upgradeId. */
  put(watch: UpgradeWatch): Promise<void>;
  remove(upgradeId: string): Promise<void>;
}

/** One JSON file per watch in `directory` (written to a temporary file, then renamed: all or nothing). */
export class FileUpgradeWatchStore implements UpgradeWatchStore {
  constructor(private readonly directory: string) {}

  async list(): Promise<UpgradeWatch[]> {
    let names: string[];
    try {
      names = await readdir(this.directory);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const watches: UpgradeWatch[] = [];
    for (const name of names.filter((n) => n.endsWith('.json')).sort()) {
      const watch = await this.read(join(this.directory, name));
      if (watch) watches.push(watch);
    }
    return watches;
  }

  async get(upgradeId: string): Promise<UpgradeWatch | undefined> {
    return this.read(this.fileOf(upgradeId));
  }

  async put(watch: UpgradeWatch): Promise<void> {
    await mkdir(this.directory, { recursive: true });
    const file = this.fileOf(watch.upgradeId);
    const temporary = `${file}.${randomUUID()}.tmp`;
    await writeFile(temporary, JSON.stringify(watch, null, 2), 'utf8');
    await rename(temporary, file);
  }

  async remove(upgradeId: string): Promise<void> {
    await rm(this.fileOf(upgradeId), { force: true });
  }

  private fileOf(upgradeId: string): string {
    return join(this.directory, `${upgradeId.toLowerCase().replace(/[^a-z0-9-]/g, '_')}.json`);
  }

  private async read(file: string): Promise<UpgradeWatch | undefined> {
    try {
      return JSON.parse(await readFile(file, 'utf8')) as UpgradeWatch;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }
}

export interface UpgradePollerOptions {
  partnerCenter: Pick<PartnerCenter, 'getUpgradeStatus'>;
  store: UpgradeWatchStore;
  events: UpgradeEvents;
  clock: Clock;
  /** Status calls run inside callScope.run({ user, correlationId }) of the user who started the upgrade. */
  callScope?: CallScope;
  /** First wait after the start (default 10 s); doubles per poll up to maxDelayMs (default 5 min). */
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** Upgrades Partner Center no longer knows are dropped after this (default 900106, 900111). */
  unknownUpgradeCodes?: readonly string[];
}

/**
 * Watches the product upgrades the REST backend started and emits the same UpgradeEvents as the
 * sandbox worker: `upgradeProgress` when the counts change, `upgradeCompleted` once at the end.
 *
 * Every watch is persisted (UpgradeWatchStore), so a new process resumes the polling. Completion:
 * the final status is persisted before the event is emitted, and the watch is removed after every
 * listener took it. Why this order: emitting first and persisting afterwards would lose nothing
 * either, but a restart after a persisted completion never asks Partner Center again and never
 * emits a second time; the only window for a repeat is a crash between the listeners' success and
 * the removal (milliseconds), which is the "at least once" the event contract allows — the
 * alternative (mark delivered before emitting) could lose the completion message for good.
 * A listener that fails leaves the watch in place: the completion is offered again on the next poll.
 */
export class UpgradePoller implements UpgradeWatcher {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private current: Promise<unknown> = Promise.resolve();
  private readonly initialDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly unknownCodes: readonly string[];

  constructor(private readonly options: UpgradePollerOptions) {
    this.initialDelayMs = options.initialDelayMs ?? 10_000;
    this.maxDelayMs = options.maxDelayMs ?? 300_000;
    this.unknownCodes = options.unknownUpgradeCodes ?? ['900106', '900111'];
  }

  /** Starts watching an upgrade (idempotent: a known upgrade keeps its state). */
  async watch(customerId: string, upgradeId: string): Promise<void> {
    if (await this.options.store.get(upgradeId)) return;
    const now = this.options.clock.now();
    const user = this.options.callScope?.current().user;
    await this.options.store.put({
      customerId,
      upgradeId,
      startedAt: now.toISOString(),
      nextPollAt: new Date(now.getTime() + this.initialDelayMs).toISOString(),
      polls: 0,
      ...(user ? { user } : {}),
    });
    if (this.running) this.schedule(this.initialDelayMs);
  }

  /** Resumes the persisted watches and polls them in the background. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.current;
  }

  /** Polls every watch that is due (or has an undelivered completion). Returns the events emitted. */
  async pollOnce(): Promise<number> {
    const now = this.options.clock.now();
    let emitted = 0;
    for (const watch of await this.options.store.list()) {
      if (watch.finished) {
        emitted += await this.deliver(watch);
        continue;
      }
      if (Date.parse(watch.nextPollAt) > now.getTime()) continue;
      emitted += await this.poll(watch);
    }
    return emitted;
  }

  private async poll(watch: UpgradeWatch): Promise<number> {
    let upgrade: ProductUpgrade;
    try {
      upgrade = await this.inScope(watch, () =>
        this.options.partnerCenter.getUpgradeStatus(watch.customerId, watch.upgradeId),
      );
    } catch (error) {
      if (isDomainError(error) && this.unknownCodes.includes(error.code)) {
        await this.options.store.remove(watch.upgradeId);
        return 0;
      }
      await this.options.store.put(this.later(watch));
      return 0;
    }
    let emitted = 0;
    const progress = {
      completedLines: upgrade.lineItems.filter((l) => l.status === 'completed').length,
      failedLines: upgrade.lineItems.filter((l) => l.status === 'failed').length,
      totalLines: upgrade.lineItems.length,
    };
    const changed =
      !watch.lastProgress ||
      watch.lastProgress.completedLines !== progress.completedLines ||
      watch.lastProgress.failedLines !== progress.failedLines ||
      watch.lastProgress.totalLines !== progress.totalLines;
    if (changed && progress.totalLines > 0) {
      // Listeners ask Partner Center for details in the watcher's name (App+User calls).
      await this.inScope(watch, () =>
        this.options.events.emit({
          type: 'upgradeProgress',
          customerId: watch.customerId,
          upgradeId: watch.upgradeId,
          ...progress,
        }),
      );
      emitted += 1;
    }
    const next = { ...this.later(watch), lastProgress: progress };
    if (upgrade.status === 'completed' || upgrade.status === 'failed') {
      const finished: UpgradeWatch = {
        ...next,
        finished: { status: upgrade.status, at: this.options.clock.now().toISOString() },
      };
      await this.options.store.put(finished);
      return emitted + (await this.deliver(finished));
    }
    await this.options.store.put(next);
    return emitted;
  }

  /** Emits the completion; removes the watch when every listener took it. */
  private async deliver(watch: UpgradeWatch): Promise<number> {
    if (!watch.finished) return 0;
    const finished = watch.finished;
    const { failures } = await this.inScope(watch, () =>
      this.options.events.emit({
        type: 'upgradeCompleted',
        customerId: watch.customerId,
        upgradeId: watch.upgradeId,
        status: finished.status,
      }),
    );
    if (failures.length === 0) await this.options.store.remove(watch.upgradeId);
    return 1;
  }

  private later(watch: UpgradeWatch): UpgradeWatch {
    const polls = watch.polls + 1;
    const delay = Math.min(this.maxDelayMs, this.initialDelayMs * 2 ** Math.min(polls, 30));
    return {
      ...watch,
      polls,
      nextPollAt: new Date(this.options.clock.now().getTime() + delay).toISOString(),
    };
  }

  private inScope<T>(watch: UpgradeWatch, work: () => Promise<T>): Promise<T> {
    const scope = this.options.callScope;
    if (!scope) return work();
    return scope.run({ correlationId: randomUUID(), ...(watch.user ? { user: watch.user } : {}) }, work);
  }

  private schedule(delayMs: number): void {
    if (!this.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.current = this.current
        .then(() => this.pollOnce())
        .catch(() => 0)
        .then(() => this.nextDelay())
        .then((delay) => this.schedule(delay));
    }, delayMs);
    this.timer.unref();
  }

  /** Until the earliest due watch (at least 1 s, at most maxDelayMs). */
  private async nextDelay(): Promise<number> {
    const watches = await this.options.store.list().catch(() => []);
    const now = this.options.clock.now().getTime();
    const due = watches.map((w) => (w.finished ? now + this.initialDelayMs : Date.parse(w.nextPollAt)));
    const earliest = due.length > 0 ? Math.min(...due) : now + this.maxDelayMs;
    return Math.min(this.maxDelayMs, Math.max(1_000, earliest - now));
  }
}
