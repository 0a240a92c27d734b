import { distance } from 'fastest-levenshtein';

/** One way of naming a region ("we", "eu west", "West Europe", "서유럽") and the ARM region it means. */
export interface RegionAlias {
  readonly alias: string;
  readonly regionId: string;
  readonly displayName: string;
}

export interface RegionMatch {
  readonly regionId: string;
  readonly displayName: string;
  /** The text as it appeared in the question. */
  readonly matched: string;
  readonly start: number;
  readonly end: number;
  /** True when the region was recognised through a one-character typo. */
  readonly corrected: boolean;
}

export type RegionResolution =
  | { readonly kind: 'found'; readonly region: RegionMatch }
  | { readonly kind: 'ambiguous'; readonly regions: readonly RegionMatch[] }
  | { readonly kind: 'none' };

/** Korean display names partners type (the space inside is optional). */
export const KOREAN_REGION_NAMES: readonly RegionAlias[] = [
  { alias: '서유럽', regionId: 'westeurope', displayName: 'West Europe' },
  { alias: '북유럽', regionId: 'northeurope', displayName: 'North Europe' },
  { alias: '프랑스 중부', regionId: 'francecentral', displayName: 'France Central' },
  { alias: '프랑스 남부', regionId: 'francesouth', displayName: 'France South' },
  { alias: '스웨덴 중부', regionId: 'swedencentral', displayName: 'Sweden Central' },
  { alias: '벨기에 중부', regionId: 'belgiumcentral', displayName: 'Belgium Central' },
  { alias: '독일 중서부', regionId: 'germanywestcentral', displayName: 'Germany West Central' },
  { alias: '영국 남부', regionId: 'uksouth', displayName: 'UK South' },
  { alias: '한국 중부', regionId: 'koreacentral', displayName: 'Korea Central' },
  { alias: '한국 남부', regionId: 'koreasouth', displayName: 'Korea South' },
  { alias: '미국 동부', regionId: 'eastus', displayName: 'East US' },
  { alias: '동남아시아', regionId: 'southeastasia', displayName: 'Southeast Asia' },
  { alias: '일본 동부', regionId: 'japaneast', displayName: 'Japan East' },
];

/**
 * Short aliases that are also everyday words. They name a region only when nothing longer does and
 * they stand where a region would ("in we", "… ne" at the end), so "we need …" is not West Europe.
 */
const EVERYDAY_WORDS = new Set([
  'we',
  'am',
  'ne',
  'par',
  'by',
  'now',
  'sea',
  'os',
  'us',
  'ma',
  'lo',
  'sin',
  'san',
  'se',
  'eu',
  'ea',
  'sh',
  'ps',
  'pn',
  'ch',
  'ty',
  'cu',
  'db',
  'dd',
  'ml',
  'mm',
  'sn',
  'sy',
  'fr',
  'hk',
  'ln',
  'bl',
  'bm',
  'bn',
  'bj',
  'cc',
  'cq',
  'cw',
  'cy',
  'dm',
  'lg',
  'yq',
  'yt',
  'sg',
]);

const HANGUL = /[\u3131-\uD79D]/;
const MAX_WORDS = 4;
const FUZZY_MIN_LENGTH = 5;

interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

function normalizeAlias(alias: string): string {
  return alias.toLowerCase().replace(/[_-]+/g, ' ').replace(/\s+/g, ' ').trim();
}

function tokenize(question: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /[^\s,.;:!?()/"'_-]+/g;
  for (let match = pattern.exec(question); match; match = pattern.exec(question)) {
    tokens.push({ text: match[0].toLowerCase(), start: match.index, end: match.index + match[0].length });
  }
  return tokens;
}

/**
 * Finds the region a question names. Longer names win over shorter ones; a short alias that is an
 * everyday word counts only when nothing else names a region. One-character typos are accepted
 * only when exactly one region is that close.
 */
export class RegionResolver {
  private readonly byAlias = new Map<string, RegionAlias>();
  private readonly korean: { pattern: RegExp; compact: string; alias: RegionAlias }[] = [];
  private readonly fuzzyByLength = new Map<number, { alias: string; region: RegionAlias }[]>();
  private readonly displayNames = new Map<string, string>();
  private readonly words = new Set<string>();

  constructor(aliases: readonly RegionAlias[]) {
    for (const alias of aliases) {
      for (const word of normalizeAlias(alias.displayName).split(' ')) {
        if (/^[a-z]{4,}$/.test(word)) this.words.add(word);
      }
      if (!this.displayNames.has(alias.regionId)) this.displayNames.set(alias.regionId, alias.displayName);
      if (HANGUL.test(alias.alias)) {
        const words = alias.alias.trim().split(/\s+/).map(escapeRegExp);
        this.korean.push({ pattern: new RegExp(words.join('\\s*'), 'g'), compact: words.join(''), alias });
        continue;
      }
      const key = normalizeAlias(alias.alias);
      if (!key || this.byAlias.has(key)) continue;
      this.byAlias.set(key, alias);
      if (key.length >= FUZZY_MIN_LENGTH) {
        const bucket = this.fuzzyByLength.get(key.length) ?? [];
        bucket.push({ alias: key, region: alias });
        this.fuzzyByLength.set(key.length, bucket);
      }
    }
  }

  displayName(regionId: string): string {
    return this.displayNames.get(regionId) ?? regionId;
  }

  /** The words of region display names ("west", "europe", "central", …), for spotting near-misses. */
  nameWords(): readonly string[] {
    return [...this.words];
  }

  knows(regionId: string): boolean {
    return this.displayNames.has(regionId);
  }

  resolve(question: string): RegionResolution {
    const exact = this.exactMatches(question);
    const strong = exact.filter((match) => !EVERYDAY_WORDS.has(match.matched.toLowerCase()));
    // A longer near-miss beats a shorter exact alias it overlaps: in "price in West Erope" the
    // typo "West Erope" (West Europe) wins over the FinOps alias "in west" (West India).
    const fuzzy = this.fuzzyMatches(question, strong.length > 0 ? strong : null);
    const kept = dropOverlapped([...strong, ...fuzzy]);
    const keptExact = kept.filter((match) => !match.corrected);
    if (keptExact.length > 0) return pick(keptExact);
    if (kept.length > 0) return pick(kept);
    const everyday = exact.filter((match) => standsAsRegion(question, match));
    if (everyday.length > 0) return pick(everyday);
    return { kind: 'none' };
  }

  private exactMatches(question: string): RegionMatch[] {
    const found: RegionMatch[] = [];
    const tokens = tokenize(question);
    for (let i = 0; i < tokens.length; i++) {
      for (let n = Math.min(MAX_WORDS, tokens.length - i); n >= 1; n--) {
        const words = tokens.slice(i, i + n);
        const alias = this.byAlias.get(words.map((token) => token.text).join(' '));
        if (!alias) continue;
        const start = words[0].start;
        const end = words[words.length - 1].end;
        found.push(this.match(alias, question, start, end, false));
      }
    }
    for (const { pattern, alias } of this.korean) {
      pattern.lastIndex = 0;
      for (let m = pattern.exec(question); m; m = pattern.exec(question)) {
        found.push(this.match(alias, question, m.index, m.index + m[0].length, false));
      }
    }
    return dropOverlapped(found);
  }

  /**
   * Near-misses of region names. When exact names were found, only word windows overlapping them
   * are compared (a longer typo there may still win); otherwise the whole question is.
   */
  private fuzzyMatches(question: string, near: readonly RegionMatch[] | null): RegionMatch[] {
    const found: RegionMatch[] = [];
    const tokens = tokenize(question);
    for (let i = 0; i < tokens.length; i++) {
      for (let n = 1; n <= Math.min(3, tokens.length - i); n++) {
        const words = tokens.slice(i, i + n);
        const start = words[0].start;
        const end = words[words.length - 1].end;
        if (near && !near.some((match) => start < match.end && match.start < end)) continue;
        const text = words.map((token) => token.text).join(' ');
        if (text.length < FUZZY_MIN_LENGTH - 1 || /\d/.test(text)) continue;
        for (const length of [text.length - 1, text.length, text.length + 1]) {
          for (const candidate of this.fuzzyByLength.get(length) ?? []) {
            if (!mayBeOneEditApart(candidate.alias, text) || distance(candidate.alias, text) !== 1) continue;
            found.push(this.match(candidate.region, question, start, end, true));
          }
        }
      }
    }
    // Korean: a token may carry a particle ("북유렵에서"), so compare its leading characters too;
    // a name typed with its space ("스웨덴 중뷰") is compared as one word.
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i];
      if (!HANGUL.test(token.text)) continue;
      const next = tokens[i + 1];
      const spaced = next && HANGUL.test(next.text) && /^\s+$/.test(question.slice(token.end, next.start));
      const joined = spaced ? token.text + next.text : token.text;
      const endOf = (length: number) =>
        length <= token.text.length ? token.start + length : next.start + (length - token.text.length);
      for (const { compact, alias } of this.korean) {
        // "서유럽에서", "서유럽 가격": the exact name with more after it is no typo.
        if (joined.startsWith(compact)) continue;
        for (const length of [compact.length, compact.length - 1, compact.length + 1]) {
          const head = joined.slice(0, length);
          if (head.length === length && distance(head, compact) === 1 && head.length >= 3) {
            found.push(this.match(alias, question, token.start, endOf(length), true));
            break;
          }
        }
      }
    }
    return dropOverlapped(found);
  }

  private match(
    alias: RegionAlias,
    question: string,
    start: number,
    end: number,
    corrected: boolean,
  ): RegionMatch {
    return {
      regionId: alias.regionId,
      displayName: this.displayName(alias.regionId),
      matched: question.slice(start, end),
      start,
      end,
      corrected,
    };
  }
}

function pick(matches: readonly RegionMatch[]): RegionResolution {
  const regions = new Map<string, RegionMatch>();
  for (const match of matches) if (!regions.has(match.regionId)) regions.set(match.regionId, match);
  if (regions.size === 1) return { kind: 'found', region: matches[0] };
  return { kind: 'ambiguous', regions: [...regions.values()] };
}

/** Keeps the longest matches; a match inside a longer one ("europe" in "north europe") is dropped. */
function dropOverlapped(matches: RegionMatch[]): RegionMatch[] {
  const sorted = [...matches].sort(
    (a, b) =>
      b.end - b.start - (a.end - a.start) || Number(a.corrected) - Number(b.corrected) || a.start - b.start,
  );
  const kept: RegionMatch[] = [];
  for (const match of sorted) {
    // The same words read as two regions (typo "dubli": Dublin or Dubai) stay as alternatives.
    const overlaps = kept.some(
      (other) =>
        match.start < other.end &&
        other.start < match.end &&
        !(other.start === match.start && other.end === match.end && other.corrected === match.corrected),
    );
    if (overlaps) continue;
    kept.push(match);
  }
  return kept;
}

function standsAsRegion(question: string, match: RegionMatch): boolean {
  const before = question.slice(0, match.start).trimEnd().toLowerCase();
  const after = question.slice(match.end).trim();
  return /(\bin|\bat|@)$/.test(before) || after === '' || /^[?.!]*$/.test(after);
}

/**
 * Cheap exact pre-check for strings of 4+ characters: one edit leaves either the first two or the
 * last two characters in place, so when both pairs differ the strings are further apart.
 */
function mayBeOneEditApart(a: string, b: string): boolean {
  return (
    (a.charCodeAt(0) === b.charCodeAt(0) && a.charCodeAt(1) === b.charCodeAt(1)) || a.endsWith(b.slice(-2))
  );
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
