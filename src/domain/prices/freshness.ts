/** How old the active price snapshot is, against the configured maximum age. */
export interface SnapshotFreshness {
  /** ISO date-time the snapshot was taken. */
  readonly takenAt: string;
  /** Whole days between `takenAt` and now (0 on the day it was taken; never negative). */
  readonly ageDays: number;
  readonly maxAgeDays: number;
  /** True when `ageDays` is above `maxAgeDays`. */
  readonly stale: boolean;
}

const DAY_MS = 86_400_000;

/** The snapshot's age in whole days and whether it is older than `maxAgeDays`. */
export function snapshotFreshness(takenAt: string, now: Date, maxAgeDays: number): SnapshotFreshness {
  const taken = Date.parse(takenAt);
  const ageDays = Number.isNaN(taken) ? 0 : Math.max(0, Math.floor((now.getTime() - taken) / DAY_MS));
  return { takenAt, ageDays, maxAgeDays, stale: ageDays > maxAgeDays };
}

/** Default PRICE_SNAPSHOT_MAX_AGE_DAYS: a monthly price update plus two weeks of grace. */
export const DEFAULT_SNAPSHOT_MAX_AGE_DAYS = 45;
