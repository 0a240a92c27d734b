import { distance } from 'fastest-levenshtein';

/**
 * One spelling for every way a VM size is written: case, a `Standard_` prefix, spaces,
 * underscores and hyphens do not matter and "version 3" means "v3". So Standard_D2s_v3, D2sv3,
 * d2s_v3 and "D2s version 3" are all "d2sv3", while B2s and B2s v2 stay different.
 */
const STANDARD_PREFIX = /^\s*([a-z]{7,9})[\s_-]+/;
const STANDARD_TOKEN_PREFIX = /^([a-z]{7,9})[_-]/i;

/** "Standard", or a one-character slip of it ("Standrd_D4s_v5"). */
function isStandard(word: string): boolean {
  return distance(word.toLowerCase(), 'standard') <= 1;
}

export function normalizeVmSize(text: string): string {
  return text
    .toLowerCase()
    .replace(/\b(spot|low[\s_-]*priority)\s*$/, '')
    .replace(STANDARD_PREFIX, (prefix, word: string) => (isStandard(word) ? '' : prefix))
    .replace(/\s*\bver(?:sion|\.)?\s*(\d+)\b/g, 'v$1')
    .replace(/[\s_-]+/g, '');
}

/** "version 3" → "v3" and Hangul out of the way, before a question is cut into words. */
export function prepareForSizeSearch(question: string): string {
  return question.replace(/\bver(?:sion|\.)?\s*(\d+)\b/gi, 'v$1').replace(/[\u3131-\uD79D]+/g, ' ');
}

export interface SizeMention {
  readonly sizeKey: string;
  readonly start: number;
  readonly end: number;
  /** True when found through a one-character typo. */
  readonly corrected: boolean;
}

export type SizeResolution =
  | { readonly kind: 'found'; readonly size: SizeMention }
  | { readonly kind: 'ambiguous'; readonly sizes: readonly SizeMention[] }
  | { readonly kind: 'none' };

const MAX_WORDS = 4;

/**
 * The set of VM sizes the catalog knows, with a finder for sizes inside free text. Lookups are
 * Map hits; the typo search compares against the distinct sizes only (a few thousand, whatever
 * the number of regions or rows).
 */
export class VmSizeIndex {
  private readonly sizesByLength = new Map<number, string[]>();
  private readonly known = new Set<string>();

  add(sizeKey: string): void {
    if (!sizeKey || this.known.has(sizeKey)) return;
    this.known.add(sizeKey);
    const bucket = this.sizesByLength.get(sizeKey.length) ?? [];
    bucket.push(sizeKey);
    this.sizesByLength.set(sizeKey.length, bucket);
  }

  has(sizeKey: string): boolean {
    return this.known.has(sizeKey);
  }

  get size(): number {
    return this.known.size;
  }

  find(question: string): SizeResolution {
    const prepared = prepareForSizeSearch(question);
    const tokens = [...prepared.matchAll(/[^\s,;:!?()"'/]+/g)].map((m) => ({
      text: m[0].replace(/[.]+$/, ''),
      start: m.index ?? 0,
    }));
    const exact: SizeMention[] = [];
    for (let i = 0; i < tokens.length; i++) {
      if (!/^[a-z]/i.test(stripStandard(tokens[i].text))) continue;
      for (let n = Math.min(MAX_WORDS, tokens.length - i); n >= 1; n--) {
        const words = tokens.slice(i, i + n);
        const key = normalizeVmSize(words.map((w) => w.text).join(' '));
        if (!this.known.has(key)) continue;
        // "F4 v2" is not F4: a version right after the match means a versioned size was meant.
        const following = tokens[i + n]?.text ?? '';
        if (/^v\d+$/i.test(following) && !/v\d+$/.test(key)) break;
        const last = words[words.length - 1];
        exact.push({
          sizeKey: key,
          start: words[0].start,
          end: last.start + last.text.length,
          corrected: false,
        });
        break;
      }
    }
    if (exact.length > 0) return pick(longestFirst(exact));
    const fuzzy: SizeMention[] = [];
    for (let i = 0; i < tokens.length; i++) {
      if (!/^[a-z]+\d/i.test(stripStandard(tokens[i].text))) continue;
      // Compare the whole size only: "D2s v3" as one, never its "D2s" part (which is one letter from B2s).
      const versionFollows = i + 1 < tokens.length && /^[a-z]\d{1,2}$/i.test(tokens[i + 1].text);
      for (const n of [versionFollows ? 2 : 1]) {
        const words = tokens.slice(i, i + n);
        const key = normalizeVmSize(words.map((w) => w.text).join(' '));
        if (key.length < 3) continue;
        const last = words[words.length - 1];
        for (const length of [key.length - 1, key.length, key.length + 1]) {
          for (const candidate of this.sizesByLength.get(length) ?? []) {
            if (mayBeOneEditApart(candidate, key) && distance(candidate, key) === 1) {
              fuzzy.push({
                sizeKey: candidate,
                start: words[0].start,
                end: last.start + last.text.length,
                corrected: true,
              });
            }
          }
        }
      }
    }
    return fuzzy.length > 0 ? pick(fuzzy) : { kind: 'none' };
  }
}

/** One edit leaves the first two or the last two characters in place (strings of 4+ characters). */
function mayBeOneEditApart(a: string, b: string): boolean {
  if (a.length < 4 || b.length < 4) return true;
  return (
    (a.charCodeAt(0) === b.charCodeAt(0) && a.charCodeAt(1) === b.charCodeAt(1)) || a.endsWith(b.slice(-2))
  );
}

function stripStandard(token: string): string {
  return token.replace(STANDARD_TOKEN_PREFIX, (prefix, word: string) => (isStandard(word) ? '' : prefix));
}

function longestFirst(mentions: SizeMention[]): SizeMention[] {
  const sorted = [...mentions].sort((a, b) => b.end - b.start - (a.end - a.start));
  const kept: SizeMention[] = [];
  for (const mention of sorted) {
    if (kept.some((other) => mention.start < other.end && other.start < mention.end)) continue;
    kept.push(mention);
  }
  return kept;
}

function pick(mentions: readonly SizeMention[]): SizeResolution {
  const distinct = new Map<string, SizeMention>();
  for (const mention of mentions) if (!distinct.has(mention.sizeKey)) distinct.set(mention.sizeKey, mention);
  if (distinct.size === 1) return { kind: 'found', size: mentions[0] };
  return { kind: 'ambiguous', sizes: [...distinct.values()] };
}
