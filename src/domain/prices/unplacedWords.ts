import type { VmPriority } from './priceRow.js';
import type { OperatingSystem, QuestionOptions } from './questionOptions.js';
import type { RegionMatch, RegionResolver } from './regions.js';

/**
 * Words of a question the price engine could not place but that look meant: a misspelt price
 * type ("spto", "low prority", "우선순이"), a price type the answers do not cover ("reserved",
 * "예약"), or a region word a letter or two off next to a region ("Nrht Europe"). The answer says
 * what it ignored, or asks back when the word would change the price.
 */
export type UnplacedMeaning =
  | { readonly kind: 'os'; readonly os: OperatingSystem }
  | { readonly kind: 'priority'; readonly priority: Exclude<VmPriority, 'regular'> }
  | { readonly kind: 'region'; readonly region: RegionMatch }
  /** A price type the answers do not cover: every answer is pay-as-you-go. */
  | { readonly kind: 'notCovered' };

export interface UnplacedWord {
  /** The word(s) as typed. */
  readonly typed: string;
  readonly start: number;
  readonly end: number;
  readonly meaning: UnplacedMeaning;
  /** True when reading the word as `meaning` gives another price: the bot asks back. */
  readonly changesAnswer: boolean;
  /** The question with the word read as `meaning` (when it changes the answer). */
  readonly correctedQuestion: string | null;
}

type Term = 'spot' | 'priority' | 'windows' | 'linux' | 'reservation';

/** How a corrected word is written back into the question, in the script it was typed in. */
const SPELLING: Record<Exclude<Term, 'reservation'>, { latin: string; hangul: string }> = {
  spot: { latin: 'spot', hangul: '스팟' },
  priority: { latin: 'low priority', hangul: '낮은 우선순위' },
  windows: { latin: 'windows', hangul: '윈도우' },
  linux: { latin: 'linux', hangul: '리눅스' },
};

/** Price-type and OS words, with the spelling each one is compared against. */
const TERMS: readonly { readonly word: string; readonly term: Term }[] = [
  { word: 'spot', term: 'spot' },
  { word: 'priority', term: 'priority' },
  { word: 'windows', term: 'windows' },
  { word: 'linux', term: 'linux' },
  { word: 'reservation', term: 'reservation' },
  { word: 'reserved', term: 'reservation' },
  { word: 'devtest', term: 'reservation' },
  { word: '윈도우', term: 'windows' },
  { word: '리눅스', term: 'linux' },
  { word: '우선순위', term: 'priority' },
];
/** Exact words of price types the answers do not cover: every answer is pay-as-you-go. */
const NOT_COVERED = /^(?:reservations?|reserved?|ri|devtest|예약\S*)$/;
/** Everyday words one letter from a term (they are never read as the term). */
const COMMON_WORDS = new Set([
  'slot',
  'shot',
  'spit',
  'spat',
  'soot',
  'snot',
  'sport',
  'spout',
  'stop',
  'window',
  'linus',
  'lines',
  'observed',
  'preserved',
  'best',
  'rest',
  'test',
  'vest',
  'nest',
  'last',
  'fast',
  'past',
  'vast',
  'cast',
  'worth',
  'forth',
  'mouth',
  'youth',
  'month',
  'north',
  'south',
  'east',
  'west',
]);

interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

function tokens(question: string): Token[] {
  const found: Token[] = [];
  for (const match of question.matchAll(/[A-Za-z]+|[\uAC00-\uD7A3]+/g)) {
    const start = match.index ?? 0;
    found.push({ text: match[0].toLowerCase(), start, end: start + match[0].length });
  }
  return found;
}

/** Optimal string alignment distance: Levenshtein plus swapping two neighbours ("spto" → "spot"). */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push([i]);
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        rows[0].push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, rows[i - 2][j - 2] + 1);
      rows[i].push(best);
    }
  }
  return rows[a.length][b.length];
}

/** One slip for short words, two for long ones ("reservaton", "prioirty"). */
function isNearMiss(typed: string, word: string): boolean {
  if (typed === word || typed.length < 4) return false;
  const allowed = word.length >= 7 ? 2 : 1;
  return Math.abs(typed.length - word.length) <= allowed && editDistance(typed, word) <= allowed;
}

function replaceSpan(text: string, start: number, end: number, replacement: string): string {
  return `${text.slice(0, start)}${replacement}${text.slice(end)}`.replace(/\s+/g, ' ').trim();
}

export interface PlacedSpans {
  /** Parts of the question already read (region, size, month …): their words are placed. */
  readonly spans: readonly { start: number; end: number }[];
}

/**
 * Finds the unplaced words of a question. `options` is what the question was read as, so a typo
 * whose reading changes nothing ("Windos" when Windows was already understood) is only reported.
 */
export function findUnplacedWords(
  question: string,
  options: Pick<QuestionOptions, 'os' | 'priority'>,
  region: RegionMatch | null,
  regions: RegionResolver,
  placed: PlacedSpans,
): UnplacedWord[] {
  const all = tokens(question);
  const free = all.filter(
    (token) => !placed.spans.some((span) => token.start < span.end && span.start < token.end),
  );
  const found: UnplacedWord[] = [];
  for (const token of free) {
    if (COMMON_WORDS.has(token.text)) continue;
    const typed = question.slice(token.start, token.end);
    if (NOT_COVERED.test(token.text)) {
      found.push(notCovered(typed, token));
      continue;
    }
    const term = nearTerm(token.text);
    if (term) {
      const read = readTerm(question, all, token, term, options);
      if (read) found.push(read);
      continue;
    }
    if (region) {
      const regionWord = nearRegionWord(question, token, region, regions);
      if (regionWord) found.push(regionWord);
    }
  }
  if (!region) {
    const slipped = regionFromSlips(question, free, regions);
    if (slipped) found.push(slipped);
  }
  return found;
}

/** Region words a typed word may be a slip of (itself when it is one). */
function regionWordsNear(text: string, regions: RegionResolver): string[] {
  const words = regions.nameWords();
  if (words.includes(text)) return [text];
  return words.filter((word) => isNearRegionWord(text, word));
}

function isNearRegionWord(typed: string, word: string): boolean {
  if (typed.length < 4 || COMMON_WORDS.has(typed)) return false;
  const allowed = word.length >= 5 && typed.length >= 4 ? 2 : 1;
  return Math.abs(typed.length - word.length) <= allowed && editDistance(typed, word) <= allowed;
}

/**
 * No region was found, but two neighbouring words are slips of a two-word region name
 * ("Wset Eurpoe"): read them as that region when exactly one region fits.
 */
function regionFromSlips(
  question: string,
  free: readonly Token[],
  regions: RegionResolver,
): UnplacedWord | null {
  const fits = new Map<string, UnplacedWord>();
  for (let i = 0; i + 1 < free.length; i++) {
    const [first, second] = [free[i], free[i + 1]];
    if (!/^\s+$/.test(question.slice(first.end, second.start))) continue;
    if (!/^[a-z]+$/.test(first.text) || !/^[a-z]+$/.test(second.text)) continue;
    for (const a of regionWordsNear(first.text, regions)) {
      for (const b of regionWordsNear(second.text, regions)) {
        const phrase = `${a} ${b}`;
        const resolved = regions.resolve(phrase);
        if (resolved.kind !== 'found' || resolved.region.corrected) continue;
        if (resolved.region.end - resolved.region.start !== phrase.length) continue;
        const typed = question.slice(first.start, second.end);
        fits.set(resolved.region.regionId, {
          typed,
          start: first.start,
          end: second.end,
          meaning: {
            kind: 'region',
            region: {
              ...resolved.region,
              matched: typed,
              start: first.start,
              end: second.end,
              corrected: true,
            },
          },
          changesAnswer: false,
          correctedQuestion: null,
        });
      }
    }
  }
  return fits.size === 1 ? [...fits.values()][0] : null;
}

function nearTerm(text: string): { word: string; term: Term } | null {
  if (TERMS.some((entry) => text === entry.word)) return null;
  for (const entry of TERMS) {
    const korean = /[\uAC00-\uD7A3]/.test(entry.word);
    // A Korean word may carry a particle ("윈도루로"): compare its head.
    const candidates = korean
      ? [entry.word.length - 1, entry.word.length, entry.word.length + 1].map((n) => text.slice(0, n))
      : [text];
    for (const candidate of candidates) {
      if (candidate === entry.word) return null;
      if (COMMON_WORDS.has(candidate)) continue;
      if (
        korean
          ? candidate.length >= 3 && editDistance(candidate, entry.word) === 1
          : isNearMiss(candidate, entry.word)
      )
        return entry;
    }
  }
  return null;
}

function notCovered(typed: string, token: Token): UnplacedWord {
  return {
    typed,
    start: token.start,
    end: token.end,
    meaning: { kind: 'notCovered' },
    changesAnswer: false,
    correctedQuestion: null,
  };
}

function readTerm(
  question: string,
  all: readonly Token[],
  token: Token,
  entry: { word: string; term: Term },
  options: Pick<QuestionOptions, 'os' | 'priority'>,
): UnplacedWord | null {
  if (entry.term === 'reservation') return notCovered(question.slice(token.start, token.end), token);
  const hangul = /[\uAC00-\uD7A3]/.test(token.text);
  const spelling = SPELLING[entry.term][hangul ? 'hangul' : 'latin'];
  let start = token.start;
  let meaning: UnplacedMeaning;
  let changesAnswer: boolean;
  if (entry.term === 'priority') {
    // "low prority": only with "low" (낮은) before it is it the Low Priority price type.
    const previous = all[all.indexOf(token) - 1];
    if (!previous || (previous.text !== 'low' && previous.text !== '낮은')) return null;
    start = previous.start;
    meaning = { kind: 'priority', priority: 'lowPriority' };
    changesAnswer = options.priority !== 'lowPriority';
  } else if (entry.term === 'spot') {
    meaning = { kind: 'priority', priority: 'spot' };
    changesAnswer = options.priority !== 'spot';
  } else {
    meaning = { kind: 'os', os: entry.term };
    changesAnswer = options.os !== entry.term && entry.term === 'windows';
  }
  return {
    typed: question.slice(start, token.end),
    start,
    end: token.end,
    meaning,
    changesAnswer,
    correctedQuestion: changesAnswer ? replaceSpan(question, start, token.end, spelling) : null,
  };
}

/**
 * A word right before or after the region that is a slip of a region word: "Nrht Europe" read as
 * "Europe" alone would silently be West Europe. Corrected, the words must name a region exactly.
 */
function nearRegionWord(
  question: string,
  token: Token,
  region: RegionMatch,
  regions: RegionResolver,
): UnplacedWord | null {
  if (!/^[a-z]{4,}$/.test(token.text)) return null;
  const between =
    token.end <= region.start
      ? question.slice(token.end, region.start)
      : question.slice(region.end, token.start);
  if (!/^\s+$/.test(between)) return null;
  for (const word of regions.nameWords()) {
    if (!isNearRegionWord(token.text, word)) continue;
    const start = Math.min(token.start, region.start);
    const end = Math.max(token.end, region.end);
    const phrase = token.end <= region.start ? `${word} ${region.matched}` : `${region.matched} ${word}`;
    const resolved = regions.resolve(phrase);
    if (resolved.kind !== 'found' || resolved.region.corrected) continue;
    if (resolved.region.end - resolved.region.start !== phrase.length) continue;
    const same = resolved.region.regionId === region.regionId;
    const typed = question.slice(start, end);
    return {
      typed,
      start,
      end,
      meaning: {
        kind: 'region',
        region: { ...resolved.region, matched: typed, start, end, corrected: true },
      },
      changesAnswer: !same,
      correctedQuestion: same ? null : replaceSpan(question, start, end, resolved.region.displayName),
    };
  }
  return null;
}
