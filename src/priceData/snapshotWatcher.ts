import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { SnapshotLoadReport } from './snapshotLoader.js';

/** What the watcher needs of the price service. */
export interface ReloadTarget {
  reloadSnapshot(dir: string, options: { strict: boolean }): SnapshotLoadReport;
}

export interface SnapshotWatcherOptions {
  readonly target: ReloadTarget;
  /** The snapshot folder, resolved on every poll (DATA_DIR/prices may appear after start-up). */
  readonly snapshotDir: () => string | null;
  readonly logger: {
    info(object: object, message?: string): void;
    warn(object: object, message?: string): void;
  };
  /** Poll interval; 0 = no timer (tests call `poll()` themselves). */
  readonly intervalMs: number;
}

/**
 * Notices a replaced price snapshot without a restart: polls the snapshot folder's identity (inode,
 * and name/size/mtime of each file) and reloads when it changed. `npm run prices:fetch` swaps a
 * finished folder in by rename, so a poll never sees half a snapshot; a file copied in place that
 * is not (yet) valid is refused by the strict reload, the old table is kept, and it is tried again
 * when the file changes once more. Polling (not fs.watch) works the same on every file system.
 */
export class SnapshotWatcher {
  private seen: string | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly options: SnapshotWatcherOptions) {}

  /** Remembers the folder as it is now (call after the first load). */
  start(): void {
    this.seen = this.signature();
    if (this.options.intervalMs > 0 && !this.timer) {
      this.timer = setInterval(() => this.poll(), this.options.intervalMs);
      this.timer.unref();
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One check: reloads when the folder changed; the report of that reload, or null when unchanged. */
  poll(): SnapshotLoadReport | null {
    const now = this.signature();
    if (now === this.seen || now === null) return null;
    this.seen = now;
    const dir = this.options.snapshotDir()!;
    const report = this.options.target.reloadSnapshot(dir, { strict: true });
    if (report.ok)
      this.options.logger.info({ location: dir, rows: report.accepted }, 'price snapshot replaced');
    else
      this.options.logger.warn(
        { location: dir, fatal: report.fatal },
        'new price snapshot refused; the previous one stays active',
      );
    return report;
  }

  private signature(): string | null {
    const dir = this.options.snapshotDir();
    if (!dir || !existsSync(dir)) return null;
    try {
      const parts = [`${dir}\t${statSync(dir).ino}`];
      for (const name of readdirSync(dir).sort()) {
        const stat = statSync(join(dir, name));
        parts.push(`${name}\t${stat.size}\t${stat.mtimeMs}`);
      }
      return parts.join('\n');
    } catch {
      // The folder is being swapped right now: look again at the next poll.
      return null;
    }
  }
}
