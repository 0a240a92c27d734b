import type { Customer } from './customer.js';
import type { CustomerMatch, PreparedCustomer } from './customerMatch.js';
import { isGuid, normalizeGuid } from './guid.js';

/** Queries shorter than this never match by typo (too many accidental hits). */
export const MIN_TYPO_QUERY_LENGTH = 4;

/** How names, domains and queries are compared: NFC, trimmed, lower case, single spaces. */
export function normalizeText(value: string): string {
  return value.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');
}

/** The words of a company name (split at spaces and punctuation), normalized. */
export function nameWords(value: string): string[] {
  return normalizeText(value)
    .split(/[\s,.()\-/&]+/)
    .filter((word) => word.length > 0);
}

/**
 * The customer lookup of `matchCustomers` over search structures built once per name index, so a
 * query costs about the same with 10,000 customers as with 12 (binary searches and posting lists
 * instead of a pass over every customer). Same tiers, same hits, same order (the index's):
 * 1. exact tenant id, domain or company name (hash maps);
 * 2. company name, a word of it or the domain starting with the query (one range of sorted keys);
 * 3. company name or domain containing the query (n-gram postings, candidates checked);
 * 4. one typo away (UTF-16 code units, as fastest-levenshtein counts) from the company name, a
 *    word of it or the domain's first label (the one-edit neighbours of the query that exist,
 *    found by walking the sorted keys as a trie), or from the start of the name as long as the
 *    query (one substitution: the name prefixes one character apart, same walk).
 * Built from a fixed list; a refreshed index builds a new one.
 */
export class CustomerSearch {
  /** Tenant id → customers. */
  private readonly ids: Map<string, number[]>;
  /** Exact domain or company name → customers. */
  private readonly exact: RoleView;
  /** Names, words and domains: the prefix tier. */
  private readonly prefixes: SortedKeys;
  /** Names, words and first domain labels: one edit from the whole of one of these. */
  private readonly wholes: SortedKeys;
  /** Names only: one substitution in the name's start. */
  private readonly names: SortedKeys;
  /** Character 1-, 2- and 3-grams of names and domains: the contains tier. */
  private readonly grams: GramIndex;

  constructor(private readonly customers: readonly PreparedCustomer[]) {
    const ids = new Map<string, number[]>();
    const keys = new KeyRoles();
    customers.forEach((c, i) => {
      post(ids, c.customer.id, i);
      keys.add(c.name, i, NAME_ROLES);
      keys.add(c.domain, i, DOMAIN_ROLES);
      keys.add(c.label, i, LABEL_ROLES);
      for (const word of c.words) keys.add(word, i, WORD_ROLES);
    });
    this.ids = ids;
    this.exact = keys.role(EXACT);
    // One sort for the three key sets: each takes the sorted keys it has postings for.
    const sorted = [...keys.map.keys()].sort(byCodeUnits);
    const sets = [PREFIX, WHOLE, NAME].map(() => ({ keys: [] as string[], postings: [] as number[][] }));
    for (const key of sorted) {
      const entry = keys.map.get(key)!;
      [PREFIX, WHOLE, NAME].forEach((role, n) => {
        const list = entry[role];
        if (!list) return;
        sets[n]!.keys.push(key);
        sets[n]!.postings.push(list);
      });
    }
    this.prefixes = new SortedKeys(sets[0]!.keys, sets[0]!.postings, keys.role(PREFIX));
    this.wholes = new SortedKeys(sets[1]!.keys, sets[1]!.postings, keys.role(WHOLE));
    this.names = new SortedKeys(sets[2]!.keys, sets[2]!.postings, keys.role(NAME));
    this.grams = new GramIndex(customers);
  }

  /** Exactly `matchCustomers(customers, rawQuery)`: one, several (all, in index order) or none. */
  match(rawQuery: string): CustomerMatch {
    const hits = this.hits(rawQuery, Infinity);
    if (hits.length === 1) return { kind: 'one', customer: this.customers[hits[0]!]!.customer };
    if (hits.length > 1) return { kind: 'many', customers: this.toCustomers(hits) };
    return { kind: 'none', query: rawQuery };
  }

  /**
   * What a typeahead shows for a query: the one match, or the first `limit` of several (index
   * order), or nothing; the same as slicing `match(rawQuery)`, without collecting every hit.
   */
  first(rawQuery: string, limit: number): Customer[] {
    const bounded = Number.isInteger(limit) && limit >= 0 ? Math.max(limit, 2) : Infinity;
    const hits = this.hits(rawQuery, bounded);
    if (hits.length === 1) return [this.customers[hits[0]!]!.customer];
    return this.toCustomers(hits).slice(0, limit);
  }

  /** The customers of the first tier with hits, in index order, at most `limit` (≥ 2) of them. */
  private hits(rawQuery: string, limit: number): number[] {
    const query = normalizeText(rawQuery);
    if (query.length === 0) return [];
    const tiers = [
      () => this.exactHits(rawQuery, query),
      () => this.prefixHits(query),
      () => this.containsHits(query, limit),
      () => this.typoHits(query),
    ];
    for (const tier of tiers) {
      const hits = tier().distinct(this.customers.length, limit);
      if (hits.length > 0) return hits;
    }
    return [];
  }

  private toCustomers(hits: number[]): Customer[] {
    return hits.map((i) => this.customers[i]!.customer);
  }

  private exactHits(rawQuery: string, query: string): Hits {
    const hits = new Hits();
    if (isGuid(rawQuery)) hits.add(this.ids.get(normalizeGuid(rawQuery)));
    hits.add(postingsIn(this.exact, query));
    return hits;
  }

  private prefixHits(query: string): Hits {
    const hits = new Hits();
    const [lo, hi] = this.prefixes.prefixRange(query, 0, this.prefixes.size);
    hits.addRange(this.prefixes, lo, hi);
    return hits;
  }

  private containsHits(query: string, limit: number): Hits {
    // A name or domain containing the query holds each of its n-grams: check the rarest one's
    // customers (ascending, so the first `limit` found are the first `limit` hits).
    const candidates = this.grams.rarest(query);
    const found: number[] = [];
    for (let k = 0; k < candidates.length && found.length < limit; k += 1) {
      const i = candidates[k]!;
      const c = this.customers[i]!;
      if (c.name.includes(query) || c.domain.includes(query)) found.push(i);
    }
    const hits = new Hits();
    hits.add(found);
    return hits;
  }

  private typoHits(query: string): Hits {
    const hits = new Hits();
    if (query.length < MIN_TYPO_QUERY_LENGTH) return hits;
    // A query longer than every key by two is no key's typo (and a pasted page costs nothing).
    if (query.length <= this.wholes.longest + 1) this.oneEditFromWhole(query, hits);
    if (query.length <= this.names.longest) this.oneSubstitutionFromNameStart(query, hits);
    return hits;
  }

  /** Names, words and labels one insertion, deletion or substitution (or none) from the query. */
  private oneEditFromWhole(query: string, hits: Hits): void {
    const keys = this.wholes;
    hits.add(keys.postingsOf(query));
    for (let at = 0; at < query.length; at += 1)
      hits.add(keys.postingsOf(query.slice(0, at) + query.slice(at + 1)));
    // Insertions and substitutions at `at`: only characters some key has after query[0, at).
    let lo = 0;
    let hi = keys.size;
    for (let at = 0; at <= query.length && lo < hi; at += 1) {
      const head = query.slice(0, at);
      const own = at < query.length ? query.charCodeAt(at) : -1;
      const rest = query.slice(at);
      const afterOwn = query.slice(at + 1);
      let next: [number, number] = [0, 0];
      keys.forEachBranch(at, lo, hi, (code, from, to) => {
        const char = String.fromCharCode(code);
        hits.add(keys.postingsOf(head + char + rest));
        if (code === own) next = [from, to];
        else if (own >= 0) hits.add(keys.postingsOf(head + char + afterOwn));
      });
      [lo, hi] = next;
    }
  }

  /** Names whose first query-length characters are the query's with at most one substituted. */
  private oneSubstitutionFromNameStart(query: string, hits: Hits): void {
    const keys = this.names;
    let lo = 0;
    let hi = keys.size;
    for (let at = 0; at < query.length && lo < hi; at += 1) {
      const own = query.charCodeAt(at);
      const tail = query.slice(at + 1);
      const head = query.slice(0, at);
      let next: [number, number] = [0, 0];
      keys.forEachBranch(at, lo, hi, (code, from, to) => {
        if (code === own) {
          next = [from, to];
          return;
        }
        const [a, b] = keys.prefixRange(head + String.fromCharCode(code) + tail, from, to);
        hits.addRange(keys, a, b);
      });
      [lo, hi] = next;
    }
    // No substitution: names starting with the whole query.
    hits.addRange(keys, lo, hi);
  }
}

/** What a key is looked up for: exact tier, prefix tier, typo of a whole key, typo of a name's start. */
const EXACT = 0;
const PREFIX = 1;
const WHOLE = 2;
const NAME = 3;
const NAME_ROLES = [EXACT, PREFIX, WHOLE, NAME];
const DOMAIN_ROLES = [EXACT, PREFIX];
const LABEL_ROLES = [WHOLE];
const WORD_ROLES = [PREFIX, WHOLE];

/** Appends customer `i` to `key`'s ascending positions (once: customers are added in order). */
function post(map: Map<string, number[]>, key: string, i: number): void {
  const list = map.get(key);
  if (!list) map.set(key, [i]);
  else if (list[list.length - 1] !== i) list.push(i);
}

/** Key → per role, the ascending positions of the customers having the key in that role. */
class KeyRoles {
  readonly map = new Map<string, (number[] | undefined)[]>();

  add(key: string, i: number, roles: readonly number[]): void {
    let entry = this.map.get(key);
    if (!entry) this.map.set(key, (entry = [undefined, undefined, undefined, undefined]));
    for (const role of roles) {
      const list = entry[role];
      if (!list) entry[role] = [i];
      else if (list[list.length - 1] !== i) list.push(i);
    }
  }

  role(role: number): RoleView {
    return { map: this.map, role };
  }
}

/** The postings of one role of a KeyRoles. */
interface RoleView {
  map: Map<string, (number[] | undefined)[]>;
  role: number;
}

function postingsIn(view: RoleView, key: string): number[] | undefined {
  return view.map.get(key)?.[view.role];
}

/**
 * Distinct keys in UTF-16 code unit order with their postings: keys sharing a prefix form one
 * range, so the array is a trie without nodes (a range and a depth are a node).
 */
class SortedKeys {
  /** Postings before key k (so a range's count is a difference). */
  private readonly before: Int32Array;
  /** The length of the longest key. */
  readonly longest: number = 0;
  /** minima[j][k]: the key in [k, k + 2^j) with the smallest first customer (built when asked). */
  private minima: Int32Array[] | undefined;

  /** `keys` in code unit order, each with its postings in `view`. */
  constructor(
    readonly keys: readonly string[],
    readonly postings: readonly number[][],
    private readonly view: RoleView,
  ) {
    this.before = new Int32Array(keys.length + 1);
    for (let k = 0; k < keys.length; k += 1) {
      this.before[k + 1] = this.before[k]! + postings[k]!.length;
      this.longest = Math.max(this.longest, keys[k]!.length);
    }
  }

  /** How many postings the keys of [lo, hi) have together. */
  count(lo: number, hi: number): number {
    return this.before[hi]! - this.before[lo]!;
  }

  /** The key of [lo, hi) (not empty) whose first customer comes first (a range-minimum lookup). */
  firstIn(lo: number, hi: number): number {
    this.minima ??= this.buildMinima();
    const j = 31 - Math.clz32(hi - lo);
    const level = this.minima[j]!;
    const a = level[lo]!;
    const b = level[hi - (1 << j)]!;
    return this.postings[b]![0]! < this.postings[a]![0]! ? b : a;
  }

  /** The sparse table of range minima: level j holds the best key of each 2^j keys. */
  private buildMinima(): Int32Array[] {
    const size = this.keys.length;
    const firsts = new Int32Array(size);
    const base = new Int32Array(size);
    for (let k = 0; k < size; k += 1) {
      firsts[k] = this.postings[k]![0]!;
      base[k] = k;
    }
    const minima = [base];
    for (let width = 1; width * 2 <= size; width *= 2) {
      const below = minima[minima.length - 1]!;
      const above = new Int32Array(size - width * 2 + 1);
      for (let k = 0; k < above.length; k += 1) {
        const a = below[k]!;
        const b = below[k + width]!;
        above[k] = firsts[b]! < firsts[a]! ? b : a;
      }
      minima.push(above);
    }
    return minima;
  }

  get size(): number {
    return this.keys.length;
  }

  postingsOf(key: string): number[] | undefined {
    return postingsIn(this.view, key);
  }

  /** The keys of [lo, hi) starting with `prefix`, as a range. */
  prefixRange(prefix: string, lo: number, hi: number): [number, number] {
    const keys = this.keys;
    let a = lo;
    let b = hi;
    while (a < b) {
      const mid = (a + b) >>> 1;
      if (keys[mid]! < prefix) a = mid + 1;
      else b = mid;
    }
    const start = a;
    b = hi;
    while (a < b) {
      const mid = (a + b) >>> 1;
      if (keys[mid]!.startsWith(prefix)) a = mid + 1;
      else b = mid;
    }
    return [start, a];
  }

  /**
   * The children of the trie node [lo, hi) at `depth` (every key in it shares its first `depth`
   * code units): each next code unit with the range of keys having it.
   */
  forEachBranch(
    depth: number,
    lo: number,
    hi: number,
    visit: (code: number, from: number, to: number) => void,
  ): void {
    const keys = this.keys;
    let from = lo;
    // The key that ends here (at most one: keys are distinct) sorts first and has no child.
    if (from < hi && keys[from]!.length === depth) from += 1;
    while (from < hi) {
      const code = keys[from]!.charCodeAt(depth);
      let a = from + 1;
      let b = hi;
      while (a < b) {
        const mid = (a + b) >>> 1;
        if (keys[mid]!.charCodeAt(depth) > code) b = mid;
        else a = mid + 1;
      }
      visit(code, from, a);
      from = a;
    }
  }
}

/** Longest character n-gram kept for the contains tier. */
const GRAM = 3;

/**
 * Which customers' texts hold a 1-, 2- or 3-gram (UTF-16 code units): grams hashed into buckets,
 * each bucket's customers ascending, in two typed arrays (offsets and customers). A bucket may mix
 * grams, so a bucket's customers are candidates to check, never hits by themselves.
 */
class GramIndex {
  private readonly mask: number;
  private readonly starts: Int32Array;
  private readonly members: Int32Array;

  constructor(customers: readonly PreparedCustomer[]) {
    let chars = 0;
    for (const c of customers) chars += c.name.length + c.domain.length;
    // About one bucket per character (grams repeat a lot), 2^8 to 2^18 of them.
    const buckets = 2 ** Math.min(18, Math.max(8, Math.ceil(Math.log2(chars + 1))));
    const mask = buckets - 1;
    // One pass records (bucket, customer) once per customer; a counting sort groups by bucket.
    const last = new Int32Array(buckets).fill(-1);
    let recorded = new Int32Array(1 << 12);
    let owners = new Int32Array(1 << 12);
    let size = 0;
    const record = (bucket: number, i: number) => {
      if (last[bucket] === i) return;
      last[bucket] = i;
      if (size === recorded.length) {
        recorded = grow(recorded);
        owners = grow(owners);
      }
      recorded[size] = bucket;
      owners[size] = i;
      size += 1;
    };
    for (let i = 0; i < customers.length; i += 1) {
      const c = customers[i]!;
      for (let t = 0; t < 2; t += 1) {
        const text = t === 0 ? c.name : c.domain;
        // The 1-, 2- and 3-grams starting at `at`, hashed as `rarest` hashes them.
        for (let at = 0; at < text.length; at += 1) {
          const first = text.charCodeAt(at);
          record(finish(mix(SEEDS[1]!, first), mask), i);
          if (at + 1 >= text.length) continue;
          const second = text.charCodeAt(at + 1);
          record(finish(mix(mix(SEEDS[2]!, first), second), mask), i);
          if (at + 2 >= text.length) continue;
          record(finish(mix(mix(mix(SEEDS[3]!, first), second), text.charCodeAt(at + 2)), mask), i);
        }
      }
    }
    const starts = new Int32Array(buckets + 1);
    for (let k = 0; k < size; k += 1) starts[recorded[k]! + 1]! += 1;
    for (let b = 0; b < buckets; b += 1) starts[b + 1]! += starts[b]!;
    const next = starts.slice(0, buckets);
    const members = new Int32Array(size);
    // In recording order, so each bucket's customers stay ascending.
    for (let k = 0; k < size; k += 1) members[next[recorded[k]!]!++] = owners[k]!;
    this.mask = mask;
    this.starts = starts;
    this.members = members;
  }

  /** The customers of the query's rarest gram bucket (a superset of those containing it). */
  rarest(query: string): Int32Array {
    const n = Math.min(GRAM, query.length);
    let best: Int32Array | undefined;
    for (let at = 0; at + n <= query.length && best?.length !== 0; at += 1) {
      let hash = SEEDS[n]!;
      for (let k = at; k < at + n; k += 1) hash = mix(hash, query.charCodeAt(k));
      const bucket = finish(hash, this.mask);
      const from = this.starts[bucket]!;
      const to = this.starts[bucket + 1]!;
      if (!best || to - from < best.length) best = this.members.subarray(from, to);
    }
    return best ?? new Int32Array(0);
  }
}

/** The starting hash of an n-gram, by n (index 0 unused). */
const SEEDS: readonly number[] = [0, 1, 2, 3].map((n) => Math.imul(n, 0x9e3779b1));

function mix(hash: number, code: number): number {
  return Math.imul(hash ^ code, 0x01000193);
}

function finish(hash: number, mask: number): number {
  return (hash ^ (hash >>> 15)) & mask;
}

function grow(array: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

/** UTF-16 code unit order: the order in which keys sharing a prefix (`startsWith`) are adjacent. */
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Postings of one tier (lists and ranges of keys), merged into distinct ascending customer positions at the end. */
class Hits {
  private readonly lists: (readonly number[])[] = [];
  private readonly ranges: { keys: SortedKeys; lo: number; hi: number }[] = [];
  private total = 0;

  add(list: readonly number[] | undefined): void {
    if (!list || list.length === 0) return;
    this.lists.push(list);
    this.total += list.length;
  }

  /** Every posting of the keys [lo, hi) of `keys`. */
  addRange(keys: SortedKeys, lo: number, hi: number): void {
    if (lo >= hi) return;
    this.ranges.push({ keys, lo, hi });
    this.total += keys.count(lo, hi);
  }

  /** The first `limit` distinct positions (ascending) of `size` customers. */
  distinct(size: number, limit: number): number[] {
    if (this.total === 0) return [];
    // A few of many: take them smallest first, never looking at the rest.
    if (limit * 4 < this.total) return this.smallest(limit);
    const lists = [...this.lists];
    for (const { keys, lo, hi } of this.ranges)
      for (let k = lo; k < hi; k += 1) lists.push(keys.postings[k]!);
    if (lists.length === 1) return lists[0]!.slice(0, limit);
    if (this.total * 8 < size) {
      // Few postings: sort them (numerically: a typed array's own sort) and drop repeats.
      const all = new Int32Array(this.total);
      let k = 0;
      for (const list of lists) for (const i of list) all[k++] = i;
      all.sort();
      const out: number[] = [];
      for (k = 0; k < all.length && out.length < limit; k += 1)
        if (out[out.length - 1] !== all[k]) out.push(all[k]!);
      return out;
    }
    // Many postings: mark the customers, then read the marks in order.
    const marks = new Uint8Array(size);
    for (const list of lists) for (const i of list) marks[i] = 1;
    const out: number[] = [];
    for (let i = 0; i < size && out.length < limit; i += 1) if (marks[i] === 1) out.push(i);
    return out;
  }

  /**
   * The `limit` smallest distinct positions by a heap of cursors: a cursor into a list, or a
   * range of keys whose smallest first customer a range-minimum lookup finds (taking it splits the
   * range in two and opens a cursor on that key's list).
   */
  private smallest(limit: number): number[] {
    const heap = new CursorHeap();
    for (const list of this.lists) heap.push({ value: list[0]!, list, at: 0 });
    const pushRange = (keys: SortedKeys, lo: number, hi: number) => {
      if (lo >= hi) return;
      const k = keys.firstIn(lo, hi);
      const list = keys.postings[k]!;
      heap.push({ value: list[0]!, list, at: 0, range: { keys, lo, hi, k } });
    };
    for (const { keys, lo, hi } of this.ranges) pushRange(keys, lo, hi);
    const out: number[] = [];
    while (out.length < limit) {
      const top = heap.pop();
      if (!top) break;
      if (out[out.length - 1] !== top.value) out.push(top.value);
      if (top.at + 1 < top.list.length)
        heap.push({ value: top.list[top.at + 1]!, list: top.list, at: top.at + 1 });
      if (top.range) {
        const { keys, lo, hi, k } = top.range;
        pushRange(keys, lo, k);
        pushRange(keys, k + 1, hi);
      }
    }
    return out;
  }
}

/** Where a merge stands in one list (and, for a range's minimum, the range it came from). */
interface Cursor {
  value: number;
  list: readonly number[];
  at: number;
  range?: { keys: SortedKeys; lo: number; hi: number; k: number };
}

/** A binary min-heap of cursors by value. */
class CursorHeap {
  private readonly items: Cursor[] = [];

  push(cursor: Cursor): void {
    const items = this.items;
    items.push(cursor);
    let at = items.length - 1;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (items[parent]!.value <= cursor.value) break;
      items[at] = items[parent]!;
      at = parent;
    }
    items[at] = cursor;
  }

  pop(): Cursor | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length === 0 || !last) return top;
    let at = 0;
    for (;;) {
      const left = at * 2 + 1;
      if (left >= items.length) break;
      const right = left + 1;
      const child = right < items.length && items[right]!.value < items[left]!.value ? right : left;
      if (items[child]!.value >= last.value) break;
      items[at] = items[child]!;
      at = child;
    }
    items[at] = last;
    return top;
  }
}
