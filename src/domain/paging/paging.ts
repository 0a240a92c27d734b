/**
 * Paging rules for every list card (customers, subscriptions, agreements, recon rows, search
 * results): which items a page shows, the numbers of its count line ("51–100 of 4,812") and how
 * many items fit in a Teams card. Pure: no I/O, no botbuilder.
 */

/** Teams refuses a bot message larger than about 28 KB (the whole activity, UTF-8 JSON). */
export const TEAMS_CARD_BYTE_LIMIT = 28 * 1024;

/** Where a page starts (0-based offset of its first item) and how many items it shows at most. */
export interface PageRequest {
  offset: number;
  size: number;
}

/** One page of a list of `total` items. `first`/`last` are 1-based and inclusive (0/0 when empty). */
export interface PageWindow {
  offset: number;
  size: number;
  total: number;
  first: number;
  last: number;
  hasPrevious: boolean;
  hasNext: boolean;
  /** Offset of the previous / next page (undefined when there is none). */
  previousOffset?: number;
  nextOffset?: number;
}

/** Whole, non-negative offset aligned to the page size, clamped to the last page of `total`. */
export function normalizeOffset(offset: unknown, size: number, total: number): number {
  const n = typeof offset === 'number' && Number.isFinite(offset) ? Math.max(0, Math.trunc(offset)) : 0;
  if (total <= 0) return 0;
  const lastPageOffset = Math.floor((total - 1) / size) * size;
  return Math.min(Math.floor(n / size) * size, lastPageOffset);
}

/** The window of the page at `offset` (normalized) of a list of `total` items. */
export function pageWindow(request: PageRequest, total: number): PageWindow {
  const size = Math.max(1, Math.trunc(request.size));
  const offset = normalizeOffset(request.offset, size, total);
  const last = Math.min(total, offset + size);
  const hasPrevious = offset > 0;
  const hasNext = last < total;
  return {
    offset,
    size,
    total,
    first: total === 0 ? 0 : offset + 1,
    last,
    hasPrevious,
    hasNext,
    ...(hasPrevious ? { previousOffset: Math.max(0, offset - size) } : {}),
    ...(hasNext ? { nextOffset: offset + size } : {}),
  };
}

/** The items of one page of an in-memory list, with its window. */
export function pageOf<T>(items: readonly T[], request: PageRequest): { items: T[]; window: PageWindow } {
  const window = pageWindow(request, items.length);
  return { items: items.slice(window.offset, window.last), window };
}

/**
 * The parameters of the count line message (`paging.count`): `{first}–{last} of {total}`; `total`
 * is also the plural selector. Numbers stay numbers so the message formats them per locale.
 */
export function countParams(window: PageWindow): { first: number; last: number; total: number } {
  return { first: window.first, last: window.last, total: window.total };
}

/**
 * How many items fit: the card's fixed part (`fixedBytes`: title, count line, paging buttons) plus
 * `perItemBytes` for each item (its worst case: the longest names in the widest script) stays at
 * most `budgetBytes` (default: the Teams limit less a safety margin for the activity envelope).
 * At least 1, at most `max`.
 */
export function pageSizeForBudget(options: {
  fixedBytes: number;
  perItemBytes: number;
  max: number;
  budgetBytes?: number;
}): number {
  const budget = options.budgetBytes ?? TEAMS_CARD_BYTE_LIMIT - ENVELOPE_MARGIN_BYTES;
  const fit = Math.floor((budget - options.fixedBytes) / Math.max(1, options.perItemBytes));
  return Math.max(1, Math.min(options.max, fit));
}

/** Room left for the activity around the card (ids, addresses, channel data) and rounding. */
export const ENVELOPE_MARGIN_BYTES = 2 * 1024;

/** UTF-8 size of a value's JSON (what Teams counts against the limit). */
export function jsonBytes(value: unknown): number {
  return new TextEncoder().encode(JSON.stringify(value)).length;
}
