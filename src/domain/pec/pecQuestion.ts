import { assessRole, knownRoleWords } from './azureRoles.js';
import type { ScopeLevel } from './accessScope.js';

/** The access part of a PEC question; the price part ("730 h of D4s v5 in West Europe") is the price engine's. */
export interface PecAccessQuestion {
  /** Canonical Azure role name when known, else the words the user used before "role"/"access". */
  role?: string;
  days?: number;
  fullMonth?: boolean;
  scope?: ScopeLevel;
}

const SCOPE_WORDS: ReadonlyArray<[RegExp, ScopeLevel]> = [
  [/resource[- ]?group|\brg\b|리소스\s*그룹/i, 'resourceGroup'],
  [/subscription|구독/i, 'subscription'],
  [/\bresource\b|리소스/i, 'resource'],
];

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function findRole(text: string): string | undefined {
  for (const word of knownRoleWords()) {
    const ascii = /^[\x20-\x7e]+$/.test(word);
    const pattern = ascii ? new RegExp(`(^|[^\\w])${escape(word)}(?![\\w])`, 'i') : new RegExp(escape(word));
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
  // "20 of 30 days" / "30일 중 20일" name the access days second in Korean and first in English.
  const ofDays = text.match(/(\d{1,2})\s*(?:out\s+)?of\s+(?:the\s+)?\d{1,2}\s*days?\b/i);
  const koOfDays = text.match(/\d{1,2}\s*일\s*(?:중|가운데)\s*(\d{1,2})\s*일/);
  const days = ofDays ?? koOfDays ?? text.match(/(\d{1,2})\s*(?:days?\b|일(?!\s*(?:부터|에)))/i);
  if (days) result.days = Number(days[1]);
  if (/\b(whole|full|entire|all)\s+month\b|한\s*달\s*(내내|전체)|월\s*전체|전체\s*기간/i.test(text))
    result.fullMonth = true;
  for (const [pattern, level] of SCOPE_WORDS) {
    if (pattern.test(text)) {
      result.scope = level;
      break;
    }
  }
  return result;
}
