import { distance } from 'fastest-levenshtein';
import type { VmPriority } from './priceRow.js';
import type { BillingMonth } from './fx.js';

export type OperatingSystem = 'linux' | 'windows';

/** Choices a question makes besides region, size and quantity. */
export interface QuestionOptions {
  readonly os: OperatingSystem;
  /** True when the OS was named (otherwise Linux is the default). */
  readonly osNamed: boolean;
  readonly priority: VmPriority;
  readonly zrs: boolean;
  /** Currency to convert into ("in EUR", "유로로"), or null for USD only. */
  readonly currency: string | null;
  /** Month for the FX rate when the question names one ("for 2026-03", "March 2026"). */
  readonly month: BillingMonth | null;
  /** The question with the month phrase removed, so "3월" is not read as a duration. */
  readonly textWithoutMonth: string;
}

const CURRENCY_CODES = [
  'EUR',
  'GBP',
  'KRW',
  'JPY',
  'AUD',
  'CAD',
  'CHF',
  'DKK',
  'NOK',
  'SEK',
  'NZD',
  'INR',
  'TWD',
  'BRL',
  'CNY',
  'USD',
];
const CURRENCY_WORDS: [RegExp, string][] = [
  [/\beuros?\b|유로/i, 'EUR'],
  [/\bpounds?\b|파운드/i, 'GBP'],
  [/원화|\bwon\b(?!')/i, 'KRW'],
  [/\byen\b|엔화/i, 'JPY'],
];
const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function words(question: string): string[] {
  return question
    .toLowerCase()
    .split(/[^a-z가-힣]+/)
    .filter(Boolean);
}

function namesWindows(question: string): boolean {
  if (/windows|윈도우|윈도/i.test(question)) return true;
  // A hurried partner types "Windos" or "Widnows": one character off, and nothing else is that close.
  return words(question).some((word) => word.length >= 6 && distance(word, 'windows') === 1);
}

function namesPriority(question: string): VmPriority {
  if (/\blow[\s_-]*pri(?:ority)?\b|낮은\s*우선\s*순위|\blowpri\b/i.test(question)) return 'lowPriority';
  if (/\bspot\b|스팟|스폿/i.test(question)) return 'spot';
  return 'regular';
}

function readMonth(question: string): { month: BillingMonth | null; rest: string } {
  const patterns: [RegExp, (m: RegExpExecArray) => BillingMonth][] = [
    [/\b(20\d{2})-(0[1-9]|1[0-2])\b/, (m) => `${m[1]}-${m[2]}`],
    [/(20\d{2})\s*년\s*(\d{1,2})\s*월/, (m) => `${m[1]}-${m[2].padStart(2, '0')}`],
    [
      /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(20\d{2})\b/i,
      (m) => `${m[2]}-${String(MONTH_NAMES.indexOf(m[1].toLowerCase()) + 1).padStart(2, '0')}`,
    ],
  ];
  for (const [pattern, toMonth] of patterns) {
    const match = pattern.exec(question);
    if (match) return { month: toMonth(match), rest: question.replace(match[0], ' ') };
  }
  return { month: null, rest: question };
}

function readCurrency(question: string): string | null {
  for (const code of CURRENCY_CODES) {
    if (new RegExp(`\\b${code}\\b`, 'i').test(question) && code !== 'USD') return code;
  }
  for (const [pattern, code] of CURRENCY_WORDS) if (pattern.test(question)) return code;
  return null;
}

export function readQuestionOptions(question: string): QuestionOptions {
  const windows = namesWindows(question);
  const linux = /\blinux\b|리눅스/i.test(question);
  const { month, rest } = readMonth(question);
  return {
    os: windows ? 'windows' : 'linux',
    osNamed: windows || linux,
    priority: namesPriority(question),
    zrs: /\bzrs\b/i.test(question),
    currency: readCurrency(question),
    month,
    textWithoutMonth: rest,
  };
}
