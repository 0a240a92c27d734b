/** UTC-day helpers for the whole-day rule: access counts for a day only if it spans 00:00–24:00 UTC. */

export interface TimeInterval {
  /** ISO date-time (or YYYY-MM-DD, read as 00:00 UTC); inclusive. */
  from: string;
  /** ISO date-time (or YYYY-MM-DD, read as 00:00 UTC); exclusive; null = still in place. */
  to: string | null;
}

const DAY_MS = 86_400_000;

export function toInstant(text: string): number {
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`Not a date: ${text}`);
  return ms;
}

export function dayString(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function daysInMonth(month: string): number {
  const [year, mon] = month.split('-').map(Number);
  return new Date(Date.UTC(year, mon, 0)).getUTCDate();
}

/** Every UTC day (YYYY-MM-DD) of a month 'YYYY-MM'. */
export function daysOfMonth(month: string): string[] {
  const count = daysInMonth(month);
  return Array.from({ length: count }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
}

/** Merges overlapping or touching intervals, so two grants meeting at noon still cover the day. */
function union(intervals: readonly TimeInterval[]): Array<[number, number]> {
  const spans = intervals
    .map((i): [number, number] => [toInstant(i.from), i.to === null ? Infinity : toInstant(i.to)])
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  const merged: Array<[number, number]> = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push([...span]);
  }
  return merged;
}

/** True when the intervals together cover the whole UTC day `day` (YYYY-MM-DD). */
export function coversWholeDay(intervals: readonly TimeInterval[], day: string): boolean {
  const start = toInstant(day);
  const end = start + DAY_MS;
  return union(intervals).some(([a, b]) => a <= start && b >= end);
}

/** The days of `month` the intervals cover entirely, and the days they touch only in part. */
export function coveredDays(
  intervals: readonly TimeInterval[],
  month: string,
): { whole: string[]; partial: string[] } {
  const spans = union(intervals);
  const whole: string[] = [];
  const partial: string[] = [];
  for (const day of daysOfMonth(month)) {
    const start = toInstant(day);
    const end = start + DAY_MS;
    if (spans.some(([a, b]) => a <= start && b >= end)) whole.push(day);
    else if (spans.some(([a, b]) => a < end && b > start)) partial.push(day);
  }
  return { whole, partial };
}

/** Merged [start, end) spans in ms, for callers that test many days against the same intervals. */
export function mergedSpans(intervals: readonly TimeInterval[]): ReadonlyArray<readonly [number, number]> {
  return union(intervals);
}

/** True when one of the merged spans covers the whole UTC day starting at `dayStartMs`. */
export function spansCoverDay(spans: ReadonlyArray<readonly [number, number]>, dayStartMs: number): boolean {
  const end = dayStartMs + DAY_MS;
  return spans.some(([a, b]) => a <= dayStartMs && b >= end);
}

/**
 * Whole UTC days in a stated duration: access counts only for whole days, so 9.5 days of access
 * earn PEC on (at most) 9 days; a part of a day never counts.
 */
export function wholeDaysOf(days: number): number {
  return Math.floor(days);
}
