import { assessRole, knownRoleWords } from './azureRoles.js';
import type { ScopeLevel } from './accessScope.js';
import type { PecIneligibleReason } from './meterEligibility.js';
import { excludedUsageInWords } from './usageWords.js';

/** The access part of a PEC question; the price part ("730 h of D4s v5 in West Europe") is the price engine's. */
export interface PecAccessQuestion {
  /** Canonical Azure role name when known, else the words the user used before "role"/"access". */
  role?: string;
  /** Days of access as stated (9.5 stays 9.5: the whole-day rule is the estimate's, not the parser's). */
  days?: number;
  fullMonth?: boolean;
  scope?: ScopeLevel;
  /** Usage the question names that never earns PEC (reservation, savings plan, Spot, third party, marketplace). */
  usage?: PecIneligibleReason;
}

const SCOPE_WORDS: ReadonlyArray<[RegExp, ScopeLevel]> = [
  [/resource[- ]?group|\brg\b|리소스\s*그룹/i, 'resourceGroup'],
  [/subscription|구독/i, 'subscription'],
  [/\bresource\b|리소스/i, 'resource'],
];

/** A number of days: "20", "9.5" (never the "5" of "9.5" nor the "00" of "100"). */
const NUMBER = String.raw`(?<![\d.,])(\d+(?:\.\d+)?)(?![\d.,]*\d)`;
/** "20 of 30 days", "20 out of the 30 days": the access days come first in English. */
const OF_DAYS = new RegExp(String.raw`${NUMBER}\s*(?:out\s+)?of\s+(?:the\s+)?\d+\s*days?\b`, 'i');
/** "30일 중 20일": in Korean the access days come second. */
const KO_OF_DAYS = new RegExp(String.raw`\d+\s*일\s*(?:중|가운데)\s*${NUMBER}\s*일`);
/** "20 days", "9.5일" — but not "15일부터" / "15일에" (a date). */
const DAYS = new RegExp(String.raw`${NUMBER}\s*(?:days?\b|일(?!\s*(?:부터|에)))`, 'i');
const FULL_MONTH = /\b(whole|full|entire|all)\s+month\b|한\s*달\s*(내내|전체)|월\s*전체|전체\s*기간/i;

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * One pattern per known role word, longest word first, compiled once (a question is parsed on every
 * PEC turn; the role table is constant). English words match as whole words, case-insensitively;
 * Korean ones anywhere.
 */
const ROLE_PATTERNS: ReadonlyArray<{ word: string; pattern: RegExp }> = knownRoleWords().map((word) => ({
  word,
  pattern: /^[\x20-\x7e]+$/.test(word)
    ? new RegExp(`(^|[^\\w])${escape(word)}(?![\\w])`, 'i')
    : new RegExp(escape(word)),
}));

function findRole(text: string): string | undefined {
  for (const { word, pattern } of ROLE_PATTERNS) {
    if (pattern.test(text)) return assessRole(word).role;
  }
  // An unlisted role still gets reported (as unknown), so the answer can say it is not assumed eligible.
  const named = text.match(/\b([A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)\s+(?:role|access)\b/);
  return named ? named[1] : undefined;
}

export function parsePecAccessQuestion(text: string): PecAccessQuestion {
  const result: PecAccessQuestion = {};
  const role = findRole(text);
  if (role) result.role = role;
  const days = text.match(OF_DAYS) ?? text.match(KO_OF_DAYS) ?? text.match(DAYS);
  if (days) result.days = Number(days[1]);
  if (FULL_MONTH.test(text)) result.fullMonth = true;
  for (const [pattern, level] of SCOPE_WORDS) {
    if (pattern.test(text)) {
      result.scope = level;
      break;
    }
  }
  const usage = excludedUsageInWords(text);
  if (usage) result.usage = usage;
  return result;
}

/**
 * What the dialog knows after another answer: the newer answer wins, and a duration replaces the
 * other kind of duration ("all month" after "20 days" means the whole month, and the reverse).
 */
export function mergePecAccess(previous: PecAccessQuestion, next: PecAccessQuestion): PecAccessQuestion {
  const merged: PecAccessQuestion = { ...previous, ...next };
  if (next.days !== undefined && !next.fullMonth) delete merged.fullMonth;
  if (next.fullMonth && next.days === undefined) delete merged.days;
  return merged;
}

/**
 * The question without its access durations, for the price engine: "Owner for 9.5 days" is how long
 * the partner had access, not 228 hours of usage.
 */
export function pecPricePart(text: string): string {
  return text
    .replace(new RegExp(String.raw`(?:\b(?:for|during|over)\s+)?${OF_DAYS.source}`, 'gi'), ' ')
    .replace(new RegExp(KO_OF_DAYS.source, 'g'), ' ')
    .replace(new RegExp(String.raw`(?:\b(?:for|during|over)\s+)?${DAYS.source}`, 'gi'), ' ')
    .replace(/\s+([,.;])/g, '$1')
    .replace(/\s{2,}/g, ' ')
    .trim();
}
