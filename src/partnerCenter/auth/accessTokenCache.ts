import { dropOldest } from '../../domain/boundedMap.js';

/** An access token and when it expires (ms since the epoch, the token's `exp`). */
export interface ExpiringToken {
  token: string;
  expiresAt: number;
  /** When the issuer asks for a renewal earlier than that (MSAL's `refreshOn`), in ms. */
  refreshAt?: number;
}

export interface AccessTokenCacheOptions {
  /** Wall clock in ms (default Date.now): token lifetimes are the issuer's wall-clock times. */
  now?: () => number;
  /** Entries kept (least recently used dropped first). */
  maxEntries: number;
  /**
   * A token is handed out until this long before its expiry, then fetched anew. Default 5 min,
   * MSAL's own renewal offset, so a token is never used longer than MSAL would use it (a token
   * living less than that is not kept at all, as MSAL does not reuse it either).
   */
  renewBeforeMs?: number;
}

/** MSAL's token renewal offset (tokenRenewalOffsetSeconds, 300 s). */
export const DEFAULT_RENEW_BEFORE_MS = 5 * 60_000;

interface Pending {
  promise: Promise<string>;
}

/**
 * A small in-memory cache of access tokens in front of the token library, keyed by the caller
 * (e.g. "auth kind | resource | user"), so a Partner Center call whose token is already at hand
 * costs a Map look-up instead of MSAL's cache search. Concurrent requests for the same key share
 * one fetch; a failed fetch is not kept (every caller of it gets its error, the next one tries
 * again). `delete` (a 401) also disowns a fetch already under way, so its answer is not kept.
 * Tokens are only held, never logged or exposed.
 */
export class AccessTokenCache {
  private readonly entries = new Map<string, { token: string; freshUntil: number }>();
  private readonly pending = new Map<string, Pending>();
  private readonly now: () => number;
  private readonly renewBeforeMs: number;

  constructor(private readonly options: AccessTokenCacheOptions) {
    this.now = options.now ?? Date.now;
    this.renewBeforeMs = options.renewBeforeMs ?? DEFAULT_RENEW_BEFORE_MS;
  }

  /** The fresh token of `key`, else the one `fetch` gets (shared with concurrent callers). */
  get(key: string, fetch: () => Promise<ExpiringToken>): Promise<string> {
    const entry = this.entries.get(key);
    if (entry) {
      if (this.now() < entry.freshUntil) {
        // Least recently used order: a hit moves to the end.
        this.entries.delete(key);
        this.entries.set(key, entry);
        return Promise.resolve(entry.token);
      }
      this.entries.delete(key);
    }
    const running = this.pending.get(key);
    if (running) return running.promise;
    const slot: Pending = {
      promise: fetch().then(
        (result) => {
          if (this.pending.get(key) === slot) {
            this.pending.delete(key);
            this.keep(key, result);
          }
          return result.token;
        },
        (error: unknown) => {
          if (this.pending.get(key) === slot) this.pending.delete(key);
          throw error;
        },
      ),
    };
    this.pending.set(key, slot);
    return slot.promise;
  }

  /** Drops the token of `key` (and disowns a fetch under way for it). */
  delete(key: string): void {
    this.entries.delete(key);
    this.pending.delete(key);
  }

  /** Drops every token whose key passes `test` (e.g. all of one user's). */
  deleteWhere(test: (key: string) => boolean): void {
    for (const key of [...this.entries.keys()]) if (test(key)) this.entries.delete(key);
    for (const key of [...this.pending.keys()]) if (test(key)) this.pending.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }

  private keep(key: string, result: ExpiringToken): void {
    const freshUntil = Math.min(result.expiresAt - this.renewBeforeMs, result.refreshAt ?? Infinity);
    if (!Number.isFinite(freshUntil) || freshUntil <= this.now()) return;
    this.entries.delete(key);
    dropOldest(this.entries, Math.max(1, this.options.maxEntries) - 1);
    this.entries.set(key, { token: result.token, freshUntil });
  }
}
