import { Decimal } from 'decimal.js';

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
const NUMBER = String.raw`(?<![\w.])(\d[\d,]*(?:\.\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve|한|두|세|네|다섯)`;
const END = String.raw`(?![a-z])`;

function numberOf(text: string): Decimal {
  const lower = text.toLowerCase();
  if (lower in WORD_NUMBERS) return new Decimal(WORD_NUMBERS[lower]);
  return new Decimal(lower.replace(/,/g, ''));
}

function firstNumber(text: string, pattern: RegExp): Decimal | null {
  const match = pattern.exec(text);
  return match ? numberOf(match[1]) : null;
}

/** Reads counts, durations, operations and capacity from a lower-cased question. */
export function readQuantityFacts(question: string): QuantityFacts {
  const text = question.toLowerCase();
  const count =
    firstNumber(text, new RegExp(`${NUMBER}\\s*(?:x|×)(?=\\s|$)`)) ??
    firstNumber(
      text,
      new RegExp(`${NUMBER}\\s*(?:vms?|virtual machines?|servers?|nodes?|instances?|machines?|disks?)${END}`),
    ) ??
    firstNumber(text, new RegExp(`${NUMBER}\\s*(?:대|개)(?![월])`)) ??
    firstNumber(text, /(?:^|\s)[x×]\s*(\d+)(?=[\s,.;!?]|$)/) ??
    // "2 P30 disks", "3 D4s v5 for 100 hours": a plain number right before a size or disk tier.
    firstNumber(text, /(?<![\w.,/-])(\d+)\s+(?=(?:standard[_\s])?[a-z]{1,4}\d)/);
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
    const amount = firstNumber(text, pattern);
    if (amount) {
      hours = amount.times(factor);
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
  const scale = '(k|thousand|m|mn|million|b|bn|billion|만|억)';
  const what = '(?:transactions?|operations?|ops|requests?|calls?|트랜잭션|작업|요청)';
  // "2 million transactions", or the number after the meter: "disk transactions 5 million".
  const operationMatch =
    new RegExp(`${NUMBER}\\s*${scale}?\\s*${what}`).exec(text) ??
    new RegExp(`${what}\\s*(?:of\\s+|:\\s*)?${NUMBER}\\s*${scale}(?![a-z])`).exec(text);
  let operations: Decimal | null = null;
  if (operationMatch) {
    const multipliers: Record<string, number> = {
      k: 1e3,
      thousand: 1e3,
      m: 1e6,
      mn: 1e6,
      million: 1e6,
      b: 1e9,
      bn: 1e9,
      billion: 1e9,
      만: 1e4,
      억: 1e8,
    };
    operations = numberOf(operationMatch[1]).times(operationMatch[2] ? multipliers[operationMatch[2]] : 1);
  }
  const gibMatch = new RegExp(`${NUMBER}\\s*(gib|gb|tib|tb)${END}`).exec(text);
  const gib = gibMatch ? numberOf(gibMatch[1]).times(/^t/.test(gibMatch[2]) ? 1024 : 1) : null;
  return { count, hours, durationIsRate, operations, gib };
}
