/** Time source injected everywhere a rule depends on "now" (tests pin it; production uses the system). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that always says `iso` (unit tests). */
export function fixedClock(iso: string): Clock {
  const at = new Date(iso);
  return { now: () => new Date(at) };
}

/**
 * A clock that starts at `iso` and then runs at real speed: a whole bot process (e2e, demos) can be
 * put on any date — a 31-day month, February of a leap year — while timers and progress still move.
 */
export function startingClock(iso: string, realNow: () => number = Date.now): Clock {
  const offset = new Date(iso).getTime() - realNow();
  return { now: () => new Date(realNow() + offset) };
}
