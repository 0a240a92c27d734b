import { Decimal } from 'decimal.js';
import { numberReader, type NumberReader } from './numbers.js';

/** The kinds of quantity a question can give. */
export type QuantityKind = 'count' | 'hours' | 'operations' | 'gib';

/** Quantities a question mentions, before they are turned into units of a particular price row. */
export interface QuantityFacts {
  /** Machines / disks / servers ("3 VMs", "2x", "3대", "디스크 3개"). */
  readonly count: Decimal | null;
  /** A duration in hours ("730 hours", "a month" = 730, "2 weeks" = 336). */
  readonly hours: Decimal | null;
  /** True when the duration was only "per month" / "monthly" / "월" (a rate, not an amount). */
  readonly durationIsRate: boolean;
  /** Operations or transactions ("2 million transactions"). */
  readonly operations: Decimal | null;
  /** Capacity in GiB ("512 GiB", "1 TiB" = 1024). */
  readonly gib: Decimal | null;
  /** The words each quantity was read from, as typed ("1,010,000 hours", "3대"), to show back. */
  readonly said: Readonly<Partial<Record<QuantityKind, string>>>;
  /** Numbers of the question no quantity was read from, as typed: shown, never dropped silently. */
  readonly unread: readonly string[];
}

export const HOURS_PER_MONTH = new Decimal(730);
const HOURS_PER_DAY = new Decimal(24);
const HOURS_PER_WEEK = new Decimal(168);
const HOURS_PER_YEAR = new Decimal(8760);

const WORD_NUMBERS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  twelve: 12,
  한: 1,
  두: 2,
  세: 3,
  네: 4,
  다섯: 5,
};
/** A number after normalizeNumbers (plain digits: "1010000", "1.5"), or a number word. */
const NUMBER = String.raw`(?<![\w.])(\d+(?:\.\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve|한|두|세|네|다섯)`;
const END = String.raw`(?![a-z])`;

function numberOf(text: string): Decimal {
  const lower = text.toLowerCase();
  if (lower in WORD_NUMBERS) return new Decimal(WORD_NUMBERS[lower]);
  return new Decimal(lower.replace(/,/g, ''));
}

/**
 * A question with every number written plainly ("1,010,000" → "1010000", "1.5k" → "1500",
 * "10만" → "100000"), lower-cased, plus where each number stood in the original text.
 */
interface NormalizedText {
  readonly text: string;
  readonly numbers: readonly { start: number; end: number; typed: string }[];
  /** Maps a position of `text` back to the question. */
  original(start: number, end: number): string;
}

function normalizeNumbers(question: string, reader: NumberReader): NormalizedText {
  const mentions = reader.find(question);
  let text = '';
  let at = 0;
  const spans: { nStart: number; nEnd: number; oStart: number; oEnd: number }[] = [];
  const numbers: { start: number; end: number; typed: string }[] = [];
  for (const mention of mentions) {
    text += question.slice(at, mention.start).toLowerCase();
    const plain = mention.value.toFixed();
    spans.push({
      nStart: text.length,
      nEnd: text.length + plain.length,
      oStart: mention.start,
      oEnd: mention.end,
    });
    numbers.push({ start: text.length, end: text.length + plain.length, typed: mention.text });
    text += plain;
    at = mention.end;
  }
  text += question.slice(at).toLowerCase();
  const toOriginal = (position: number, edge: 'start' | 'end'): number => {
    let shift = 0;
    for (const span of spans) {
      if (position < span.nStart || (edge === 'end' && position === span.nStart)) break;
      if (position < span.nEnd || (edge === 'end' && position === span.nEnd)) {
        return edge === 'start' ? span.oStart : span.oEnd;
      }
      shift = span.oEnd - span.nEnd;
    }
    return position + shift;
  };
  return {
    text,
    numbers,
    original: (start, end) => question.slice(toOriginal(start, 'start'), toOriginal(end, 'end')).trim(),
  };
}

/** Numbers that are not quantities: "per 10K", "15%", "version 3", "1-year savings plan", "1만 건당". */
function isNoQuantity(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 12), start);
  const after = text.slice(end, end + 24);
  return (
    /(?:\bper|\beach|\bevery|\bver(?:sion|\.)?)\s*$/.test(before) ||
    /^\s*%/.test(after) ||
    /^\s*(?:개|건)?\s*당/.test(after) ||
    /^[\s-]*(?:years?|yrs?|년)\s*(?:savings|reserv|sp\b|절약|예약|약정)/.test(after)
  );
}

/**
 * Reads counts, durations, operations and capacity from a question. Each number is used for one
 * quantity at most (durations, operations and capacity first, then machine counts), and a number
 * no quantity was read from is kept in `unread`.
 */
export function readQuantityFacts(question: string, reader: NumberReader = numberReader): QuantityFacts {
  const normalized = normalizeNumbers(question, reader);
  const text = normalized.text;
  const taken: [number, number][] = [];
  const said: Partial<Record<QuantityKind, string>> = {};
  /** The first match whose number is not used yet; marks it used. */
  const take = (pattern: RegExp): { value: Decimal; start: number; end: number } | null => {
    const global = new RegExp(pattern.source, `${pattern.flags.replace(/[gd]/g, '')}gd`);
    for (const match of text.matchAll(global)) {
      const [start, end] = match.indices![1];
      if (taken.some(([a, b]) => start < b && a < end)) continue;
      taken.push([start, end]);
      return { value: numberOf(match[1]), start: match.index!, end: match.index! + match[0].length };
    }
    return null;
  };
  const remember = (kind: QuantityKind, found: { start: number; end: number } | null) => {
    if (found) said[kind] = normalized.original(found.start, found.end);
  };

  let hours: Decimal | null = null;
  let durationIsRate = false;
  const explicit: [RegExp, Decimal][] = [
    [new RegExp(`${NUMBER}\\s*(?:hours?|hrs?|h|시간)(?![a-z당])`), new Decimal(1)],
    [new RegExp(`${NUMBER}\\s*(?:days?|일)${END}(?!간?당)`), HOURS_PER_DAY],
    [new RegExp(`${NUMBER}\\s*(?:weeks?|wks?|주)${END}(?!당)`), HOURS_PER_WEEK],
    [new RegExp(`${NUMBER}\\s*(?:months?|mos?|개월|달)${END}(?!당)`), HOURS_PER_MONTH],
    [
      new RegExp(`${NUMBER}[\\s-]*(?:years?|yrs?|년)${END}(?!\\s*(?:savings|reserv|sp\\b|절약|예약|약정))`),
      HOURS_PER_YEAR,
    ],
  ];
  for (const [pattern, factor] of explicit) {
    const found = take(pattern);
    if (found) {
      hours = found.value.times(factor);
      remember('hours', found);
      break;
    }
  }
  if (!hours) {
    const rates: [RegExp, Decimal][] = [
      [
        /\b(?:per|a|each|every)\s+month\b|\bmonthly\b|한\s*달|(?:^|\s)월(?:\s|간|비용|요금|$)/,
        HOURS_PER_MONTH,
      ],
      [/\b(?:per|a|each|every)\s+day\b|\bdaily\b|하루/, HOURS_PER_DAY],
      [/\b(?:per|a|each|every)\s+week\b|\bweekly\b|일주일|한\s*주/, HOURS_PER_WEEK],
      [
        /\b(?:per|a|each|every)\s+year\b|\byearly\b|\bannual(?:ly)?\b|일\s*년(?!\s*(?:절약|예약|약정))/,
        HOURS_PER_YEAR,
      ],
    ];
    for (const [pattern, factor] of rates) {
      if (pattern.test(text)) {
        hours = factor;
        durationIsRate =
          !/\b(?:for|over|during)\s+(?:a|one)\s+(?:month|day|week|year)\b|한\s*달\s*(?:동안|내내)/.test(text);
        break;
      }
    }
  }
  // "2 million transactions" (scale words are already folded into the number), "트랜잭션 1만 건",
  // or the number after the meter: "disk transactions 5 million", "write operations: 250K".
  const what = '(?:transactions?|operations?|ops|requests?|calls?|트랜잭션|작업|요청)';
  const operationsFound =
    take(new RegExp(`${NUMBER}\\s*(?:개|건)?\\s*(?:의\\s*)?${what}`)) ??
    take(new RegExp(`${what}\\s*(?:of\\s+|:\\s*)?${NUMBER}\\s*(?:개|건)?(?![a-z\\d])`));
  remember('operations', operationsFound);
  const gibFound = take(new RegExp(`${NUMBER}\\s*(?:gib|gb|tib|tb|기가바이트|테라바이트)${END}`));
  let gib: Decimal | null = null;
  if (gibFound) {
    const unit = text.slice(gibFound.start, gibFound.end);
    gib = gibFound.value.times(/(?:tib|tb|테라)/.test(unit) ? 1024 : 1);
    remember('gib', gibFound);
  }
  const countFound =
    take(new RegExp(`${NUMBER}\\s*(?:x|×)(?=\\s|$)`)) ??
    take(
      new RegExp(`${NUMBER}\\s*(?:vms?|virtual machines?|servers?|nodes?|instances?|machines?|disks?)${END}`),
    ) ??
    take(new RegExp(`${NUMBER}\\s*(?:대|개)(?![월])`)) ??
    take(/(?:^|\s)[x×]\s*(\d+(?:\.\d+)?)(?=[\s,.;!?]|$)/) ??
    // "2 P30 disks", "3 D4s v5 for 100 hours": a plain number right before a size or disk tier.
    take(/(?<![\w.,/-])(\d+)\s+(?=(?:standard[_\s])?[a-z]{1,4}\d)/);
  remember('count', countFound);
  const unread = normalized.numbers
    .filter(({ start, end }) => !taken.some(([a, b]) => start < b && a < end))
    .filter(({ start, end }) => !isNoQuantity(text, start, end))
    .map(({ typed }) => typed);
  return {
    count: countFound?.value ?? null,
    hours,
    durationIsRate,
    operations: operationsFound?.value ?? null,
    gib,
    said,
    unread,
  };
}
