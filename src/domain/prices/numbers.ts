import { Decimal } from 'decimal.js';

/**
 * Numbers as partners type them, read with the locale data of ICU (Intl.NumberFormat) instead of
 * one regular expression per form: group and decimal separators come from `formatToParts` of the
 * bot's locales (en-US, ko-KR: "1,010,000.5"), scale words from the compact notation
 * ("1.5K", "2 million", "10만", "1억"), and a German/French-style number ("1.010.000", "1,5",
 * "1 010 000") is accepted only when no reading in the bot's own locales fits it.
 */
export interface NumberMention {
  /** Where the number (with its scale word) stands in the text. */
  readonly start: number;
  readonly end: number;
  readonly value: Decimal;
  /** The text as typed ("1,010,000", "1.5k", "1억 2천만"). */
  readonly text: string;
}

interface Separators {
  readonly group: string;
  readonly decimal: string;
}

/** The locales the bot answers in: their readings win when a number could be read two ways. */
const PRIMARY_LOCALES = ['en-US', 'ko-KR'] as const;
/** Locales whose separators are accepted when they are the only fitting reading. */
const SECONDARY_LOCALES = ['de-DE', 'fr-FR'] as const;
/** Spaces people group digits with: plain, no-break, narrow no-break (ICU fr-FR), thin. */
const SPACE_GROUPS = [' ', '\u00a0', '\u202f', '\u2009'];
/** Korean digit-position words below the myriad (천 comes from ICU as well). */
const KOREAN_SMALL_UNITS: Record<string, number> = { 천: 1_000, 백: 100, 십: 10 };

function separatorsOf(locale: string): Separators {
  const parts = new Intl.NumberFormat(locale).formatToParts(1234567.5);
  return {
    group: parts.find((part) => part.type === 'group')?.value ?? ',',
    decimal: parts.find((part) => part.type === 'decimal')?.value ?? '.',
  };
}

/** Scale words of the compact notation, e.g. en-US K/M/B/T and thousand/million/…, ko-KR 천/만/억/조. */
function compactScales(locale: string): Map<string, Decimal> {
  const scales = new Map<string, Decimal>();
  for (const compactDisplay of ['short', 'long'] as const) {
    const format = new Intl.NumberFormat(locale, { notation: 'compact', compactDisplay });
    for (let exponent = 3; exponent <= 12; exponent++) {
      const parts = format.formatToParts(10 ** exponent);
      const word = parts
        .find((part) => part.type === 'compact')
        ?.value.trim()
        .toLowerCase();
      const integer = parts.find((part) => part.type === 'integer')?.value;
      if (!word || !integer) continue;
      const multiplier = new Decimal(10).pow(exponent).dividedBy(integer.replace(/\D/g, ''));
      if (!scales.has(word)) scales.set(word, multiplier);
    }
  }
  return scales;
}

const HANGUL = /[\uAC00-\uD7A3]/;

/** Reads numbers out of free text. Built once (immutable afterwards) and shared. */
export class NumberReader {
  private readonly primary: readonly Separators[];
  private readonly secondary: readonly Separators[];
  /** Latin scale words ("k", "thousand", "m", "million", "mn", "bn", …) → multiplier. */
  private readonly latinScales = new Map<string, Decimal>();
  /** Korean myriad words (만, 억, 조) → multiplier; 천/백/십 are the small units inside a myriad. */
  private readonly koreanScales = new Map<string, Decimal>();
  private readonly pattern: RegExp;
  private readonly koreanUnits: RegExp;
  private readonly koreanNext: RegExp;

  constructor(
    primaryLocales: readonly string[] = PRIMARY_LOCALES,
    secondaryLocales: readonly string[] = SECONDARY_LOCALES,
  ) {
    this.primary = primaryLocales.map(separatorsOf);
    this.secondary = secondaryLocales.map(separatorsOf);
    for (const locale of [...primaryLocales, ...secondaryLocales]) {
      for (const [word, multiplier] of compactScales(locale)) {
        if (HANGUL.test(word)) {
          if (!(word in KOREAN_SMALL_UNITS)) this.koreanScales.set(word, multiplier);
        } else if (/^[a-z]+$/.test(word) && !this.latinScales.has(word)) {
          this.latinScales.set(word, multiplier);
        }
      }
    }
    // Common business abbreviations of the same scales.
    this.latinScales.set('mn', new Decimal(1e6));
    this.latinScales.set('mm', new Decimal(1e6));
    this.latinScales.set('bn', new Decimal(1e9));
    const small = Object.keys(KOREAN_SMALL_UNITS).join('');
    const big = [...this.koreanScales.keys()].join('');
    this.koreanUnits = new RegExp(`^\\s?([${small}])?\\s?([${big}])?`);
    this.koreanNext = new RegExp(`^\\s?(\\d+(?:\\.\\d+)?)(?=\\s?[${small}${big}])`);
    const separators = new Set<string>(['.', ',', ...SPACE_GROUPS]);
    for (const s of [...this.primary, ...this.secondary]) separators.add(s.group).add(s.decimal);
    const sep = `[${[...separators].map(escapeForClass).join('')}]`;
    // A number stands on its own: not inside a size ("D2s", "v5", "E32-8s"), a date or "24/7";
    // "x3" and "×3" are counts.
    this.pattern = new RegExp(
      String.raw`(?:(?<![A-Za-z0-9_.,]|[A-Za-z0-9][-/])|(?<=(?:^|\s)[xX×]))\d+(?:${sep}\d+)*(?!\d|\/\d)`,
      'g',
    );
  }

  /** Every number of the text, left to right. */
  find(text: string): NumberMention[] {
    const found: NumberMention[] = [];
    const pattern = new RegExp(this.pattern.source, 'g');
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      const start = match.index;
      const literal = this.readLiteral(match[0]);
      let end = start + literal.length;
      let value = literal.value;
      const korean = this.readKoreanScales(text, start, literal);
      if (korean) {
        value = korean.value;
        end = korean.end;
      } else {
        const scale = this.readLatinScale(text, end);
        if (scale) {
          value = value.times(scale.multiplier);
          end = scale.end;
        }
      }
      found.push({ start, end, value, text: text.slice(start, end) });
      pattern.lastIndex = end;
    }
    return found;
  }

  /**
   * The longest prefix of digits-and-separators that is one number in some locale. Readings of
   * the bot's own locales win; another locale's reading counts only when theirs do not fit
   * ("1,5" and "1.010.000" are German, "1,500" stays 1500).
   */
  private readLiteral(raw: string): { value: Decimal; length: number } {
    for (let length = raw.length; length > 0; length--) {
      const candidate = raw.slice(0, length);
      if (!/\d$/.test(candidate) || /\d/.test(raw.charAt(length))) continue;
      const value = this.readWith(candidate, this.primary) ?? this.readWith(candidate, this.secondary);
      if (value) return { value, length };
    }
    const digits = /^\d+/.exec(raw)![0];
    return { value: new Decimal(digits), length: digits.length };
  }

  private readWith(candidate: string, locales: readonly Separators[]): Decimal | null {
    const values = new Map<string, Decimal>();
    for (const { group, decimal } of locales) {
      for (const groupSeparator of [group, ...SPACE_GROUPS]) {
        const value = readGrouped(candidate, groupSeparator, decimal);
        if (value) values.set(value.toFixed(), value);
      }
    }
    return values.size === 1 ? [...values.values()][0] : null;
  }

  private readLatinScale(text: string, at: number): { multiplier: Decimal; end: number } | null {
    const match = /^(\s?)([a-z]+)(?![a-z])/i.exec(text.slice(at));
    if (!match) return null;
    const word = match[2].toLowerCase();
    const multiplier = this.latinScales.get(word);
    if (!multiplier) return null;
    // One-letter and short abbreviations ("k", "M", "bn") stick to the number: "2 m" is no million.
    if (match[1] && word.length <= 2) return null;
    return { multiplier, end: at + match[0].length };
  }

  /** "10만", "1.5만", "1억 2천만", "2천5백": Korean positional words, bigger ones first. */
  private readKoreanScales(
    text: string,
    start: number,
    first: { value: Decimal; length: number },
  ): { value: Decimal; end: number } | null {
    let at = start + first.length;
    let value = first.value;
    let total = new Decimal(0);
    let small = new Decimal(0);
    let lastUnit = Number.POSITIVE_INFINITY;
    let readAny = false;
    for (;;) {
      const unitMatch = this.koreanUnits.exec(text.slice(at))!;
      const smallUnit = unitMatch[1] ? KOREAN_SMALL_UNITS[unitMatch[1]] : null;
      const bigUnit = unitMatch[2] ? this.koreanScales.get(unitMatch[2]) : undefined;
      if (!smallUnit && !bigUnit) break;
      const size = bigUnit ? bigUnit.toNumber() : smallUnit!;
      if (size >= lastUnit) break;
      lastUnit = size;
      readAny = true;
      const segment = value.times(smallUnit ?? 1);
      if (bigUnit) {
        total = total.plus(small.plus(segment).times(bigUnit));
        small = new Decimal(0);
      } else {
        small = small.plus(segment);
      }
      at += unitMatch[0].replace(/\s$/, '').length;
      // Another part follows directly or after one space: "1억 2천만", "2천5백".
      const next = this.koreanNext.exec(text.slice(at));
      if (!next) break;
      value = new Decimal(next[1]);
      at += next[0].length;
    }
    if (!readAny) return null;
    return { value: total.plus(small), end: at };
  }
}

/** `text` as digits grouped by `group` (first group 1–3 digits, then groups of 3) with an optional fraction. */
function readGrouped(text: string, group: string, decimal: string): Decimal | null {
  const [integer, fraction, extra] = text.split(decimal);
  if (extra !== undefined) return null;
  if (fraction !== undefined && !/^\d+$/.test(fraction)) return null;
  const groups = integer.split(group);
  if (groups.some((part) => !/^\d+$/.test(part))) return null;
  if (groups.length > 1 && (groups[0].length > 3 || groups.slice(1).some((part) => part.length !== 3)))
    return null;
  return new Decimal(`${groups.join('')}${fraction !== undefined ? `.${fraction}` : ''}`);
}

function escapeForClass(character: string): string {
  return /[\]\\^-]/.test(character) ? `\\${character}` : character;
}

/** The reader for the bot's locales (en-US, ko-KR), with German/French forms when unambiguous. */
export const numberReader = new NumberReader();
