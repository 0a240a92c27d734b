import { Decimal } from 'decimal.js';
import { assessRole } from '../pec/azureRoles.js';
import { parsePecAccessQuestion, pecPricePart, type PecAccessQuestion } from '../pec/pecQuestion.js';
import { daysInMonth } from '../pec/wholeDay.js';
import { PEC_RATE } from './savingsPlanVsPayg.js';
import type { PriceAnswer } from './priceAnswer.js';

type Answered = Extract<PriceAnswer, { kind: 'answer' }>;

/** Managed disk tiers (P/E/S) and their size in GiB, to count disks from "2 TB … P30". */
const DISK_TIER_GIB: Readonly<Record<string, number>> = {
  '1': 4,
  '2': 8,
  '3': 16,
  '4': 32,
  '6': 64,
  '10': 128,
  '15': 256,
  '20': 512,
  '30': 1024,
  '40': 2048,
  '50': 4096,
  '60': 8192,
  '70': 16384,
  '80': 32767,
};

/** How much of the month the partner holds admin access, as the question says it. */
export type EstimatePecBasis =
  | { readonly kind: 'fullMonth'; readonly role: string }
  | { readonly kind: 'days'; readonly role: string; readonly days: number; readonly monthDays: number }
  /** No qualifying role or no duration given: no PEC is counted (the card says why). */
  | {
      readonly kind: 'notCounted';
      readonly reason: 'noAccessGiven' | 'roleDoesNotQualify';
      readonly role?: string;
    };

export interface EstimateLine {
  /** The line as typed ("10 × D4s v5 windows 730h"). */
  readonly typed: string;
  readonly answer: Answered;
  /** Blocks of the row's unit priced (hours, months, disks …). */
  readonly quantity: Decimal;
  readonly total: Decimal;
  /** PEC rate applied to this line (0 when the meter earns none or access is not counted). */
  readonly pecRate: Decimal;
  readonly pec: Decimal;
  readonly net: Decimal;
  /** Disks counted from a capacity ("2 TB" of P30 → 2 disks of 1 TiB). */
  readonly disksFromCapacity: { readonly said: string; readonly tierGiB: number } | null;
}

export interface UnpricedLine {
  readonly typed: string;
  readonly answer: PriceAnswer;
}

export interface Estimate {
  readonly lines: readonly EstimateLine[];
  readonly unpriced: readonly UnpricedLine[];
  readonly pecBasis: EstimatePecBasis;
  readonly total: Decimal;
  readonly pec: Decimal;
  readonly net: Decimal;
  /** Currency asked ("in EUR"), with the month of the FX rate used (from the first line that converted). */
  readonly inCurrency: {
    readonly currency: string;
    readonly month: string;
    readonly usdPerUnit: Decimal;
    readonly net: Decimal;
    readonly total: Decimal;
    /** Each priced line's net in that currency, in the order of `lines`. */
    readonly lineNets: readonly Decimal[];
  } | null;
}

const LINE_SEPARATOR = /\s+\+\s+|\s*\n\s*|\s*;\s*/;

/** The lines of a several-line estimate, or null when the text names only one thing. */
export function splitEstimateLines(text: string): string[] | null {
  const body = text.replace(/^\s*(?:estimate|quote|견적)\s*:?\s*/i, '');
  const lines = body
    .split(LINE_SEPARATOR)
    .map((line) => line.trim())
    .filter(Boolean);
  return lines.length >= 2 ? lines : null;
}

function pecBasisOf(access: PecAccessQuestion, month: string): EstimatePecBasis {
  if (!access.role || (!access.fullMonth && access.days === undefined))
    return { kind: 'notCounted', reason: 'noAccessGiven', ...(access.role ? { role: access.role } : {}) };
  if (assessRole(access.role).qualification !== 'qualifying')
    return { kind: 'notCounted', reason: 'roleDoesNotQualify', role: access.role };
  const monthDays = daysInMonth(month);
  if (access.fullMonth || (access.days ?? 0) >= monthDays) return { kind: 'fullMonth', role: access.role };
  // PEC is earned per whole day of access.
  return { kind: 'days', role: access.role, days: Math.floor(access.days ?? 0), monthDays };
}

function rateOf(basis: EstimatePecBasis, meterEarnsPec: boolean): Decimal {
  if (!meterEarnsPec || basis.kind === 'notCounted') return new Decimal(0);
  if (basis.kind === 'fullMonth') return PEC_RATE;
  return PEC_RATE.times(basis.days).div(basis.monthDays);
}

/**
 * Prices several lines ("10 × D4s v5 windows 730h + 2 TB premium SSD P30 in west europe, Owner all
 * month"): a region named in one line applies to lines that name none; the access words (role, all
 * month / N days) apply to every line; PEC is per line (none for Spot, reservations, savings plans);
 * a line the engine cannot price is listed, never guessed.
 *
 * `ask` answers one line; `regionWords` finds the words naming a region in a text (null: none).
 */
export function estimateLines(
  text: string,
  lines: readonly string[],
  month: string,
  ask: (question: string) => PriceAnswer,
  regionWords: (text: string) => string | null,
): Estimate {
  const access = parsePecAccessQuestion(text);
  const basis = pecBasisOf(access, month);
  const sharedRegion = lines.map((line) => regionWords(line)).find((words) => words !== null) ?? null;
  const currency = /\bin\s+([A-Z]{3})\b|([A-Z]{3})\s*(?:로|으로)\b/.exec(text);
  const currencyWords = currency ? ` in ${currency[1] ?? currency[2]}` : '';
  const priced: EstimateLine[] = [];
  const unpriced: UnpricedLine[] = [];
  for (const typed of lines) {
    let question = stripAccessWords(pecPricePart(typed));
    if (sharedRegion && regionWords(question) === null) question = `${question} in ${sharedRegion}`;
    if (currencyWords && !question.includes(currencyWords.trim())) question += currencyWords;
    const answer = ask(question);
    if (answer.kind !== 'answer') {
      unpriced.push({ typed, answer });
      continue;
    }
    let quantity = answer.quantity ?? new Decimal(1);
    let total = answer.total ?? answer.row.unitPrice;
    let disksFromCapacity: EstimateLine['disksFromCapacity'] = null;
    const tier = /^[PES](\d+)\b/.exec(answer.row.meterName);
    const gib = answer.understood.quantity.gib;
    if (tier && DISK_TIER_GIB[tier[1]] && gib && !answer.quantity) {
      const tierGiB = DISK_TIER_GIB[tier[1]];
      const count = answer.understood.quantity.count ?? new Decimal(1);
      quantity = gib.div(tierGiB).ceil().times(count);
      total = answer.row.unitPrice.times(quantity);
      disksFromCapacity = { said: answer.understood.quantity.said.gib ?? `${gib.toFixed()} GiB`, tierGiB };
    }
    const pecRate = rateOf(basis, answer.pec.eligible);
    const pec = total.times(pecRate);
    priced.push({ typed, answer, quantity, total, pecRate, pec, net: total.minus(pec), disksFromCapacity });
  }
  const sum = (pick: (line: EstimateLine) => Decimal) =>
    priced.reduce((acc, line) => acc.plus(pick(line)), new Decimal(0));
  const total = sum((line) => line.total);
  const pec = sum((line) => line.pec);
  const net = total.minus(pec);
  const converted = priced.map((line) => line.answer.inCurrency?.conversion).find((c) => c?.ok);
  return {
    lines: priced,
    unpriced,
    pecBasis: basis,
    total,
    pec,
    net,
    inCurrency:
      converted && converted.ok
        ? {
            currency: converted.currency,
            month: converted.month,
            usdPerUnit: converted.usdPerUnit,
            net: net.div(converted.usdPerUnit),
            total: total.div(converted.usdPerUnit),
            lineNets: priced.map((line) => line.net.div(converted.usdPerUnit)),
          }
        : null,
  };
}

/** "Owner all month", "Contributor for 20 days" are about access, not usage: not for the price engine. */
function stripAccessWords(text: string): string {
  return text
    .replace(
      /,?\s*\b(?:owner|contributor|reader|admin(?:istrator)?|user access administrator)\b[^,+;]*$/i,
      '',
    )
    .replace(/\b(?:whole|full|entire|all)\s+month\b|한\s*달\s*(?:내내|전체)/gi, ' ')
    .replace(/\s{2,}/g, ' ')
    .replace(/[,\s]+$/, '')
    .trim();
}
