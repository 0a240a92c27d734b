import type { Clock } from '../../domain/clock.js';

const WINDOW_MS = 60_000;

/**
 * Sliding one-minute window per caller (token subject): past `requestsPerMinute` the caller gets 429
 * with `Retry-After` = seconds until the oldest request in the window leaves it
 * (api-throttling-guidance.md). Time comes from the injected clock.
 */
export class RateLimiter {
  private readonly recent = new Map<string, number[]>();

  constructor(
    private readonly requestsPerMinute: number | undefined,
    private readonly clock: Clock,
  ) {}

  /** undefined = allowed (and counted); otherwise the Retry-After seconds. */
  take(subject: string): number | undefined {
    if (!this.requestsPerMinute || this.requestsPerMinute <= 0) return undefined;
    const now = this.clock.now().getTime();
    const times = (this.recent.get(subject) ?? []).filter((t) => t > now - WINDOW_MS);
    if (times.length >= this.requestsPerMinute) {
      this.recent.set(subject, times);
      return Math.max(1, Math.ceil((times[0] + WINDOW_MS - now) / 1000));
    }
    times.push(now);
    this.recent.set(subject, times);
    return undefined;
  }
}

/** What a fault does to a matching request. */
export type FaultAction =
  { kind: 'status'; status: number; retryAfterSeconds?: number; body?: unknown } | { kind: 'drop' };

export interface FaultRule {
  /** Only this method (any when absent). */
  method?: string;
  /** Pathname test: RegExp, or a string the pathname contains (case-insensitive). */
  path: string | RegExp;
  /** How many matching requests the fault answers (then it is spent). */
  times: number;
  action: FaultAction;
}

/** JSON form of a fault (control endpoint `POST /_emulator/faults`): `path` is a RegExp source. */
export interface FaultRuleJson {
  method?: string;
  path: string;
  times?: number;
  status?: number;
  retryAfterSeconds?: number;
  drop?: boolean;
}

/** Injectable faults for tests: "the next N requests matching P answer 503 / 429 / drop the connection". */
export class FaultPlan {
  private readonly rules: Array<FaultRule & { left: number }> = [];

  add(rule: FaultRule): void {
    this.rules.push({ ...rule, left: rule.times });
  }

  addJson(json: FaultRuleJson): void {
    this.add({
      ...(json.method ? { method: json.method } : {}),
      path: new RegExp(json.path, 'i'),
      times: json.times ?? 1,
      action: json.drop
        ? { kind: 'drop' }
        : {
            kind: 'status',
            status: json.status ?? 503,
            ...(json.retryAfterSeconds !== undefined ? { retryAfterSeconds: json.retryAfterSeconds } : {}),
          },
    });
  }

  clear(): void {
    this.rules.length = 0;
  }

  /** The action for this request (spending one use of the first matching rule), if any. */
  take(method: string, pathname: string): FaultAction | undefined {
    const rule = this.rules.find(
      (r) =>
        r.left > 0 &&
        (!r.method || r.method.toUpperCase() === method.toUpperCase()) &&
        (typeof r.path === 'string'
          ? pathname.toLowerCase().includes(r.path.toLowerCase())
          : r.path.test(pathname)),
    );
    if (!rule) return undefined;
    rule.left -= 1;
    return rule.action;
  }
}
