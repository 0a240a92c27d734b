import type { DomainError } from '../errors.js';

/**
 * Partner Center codes whose meaning depends on the error's `description`, not the code alone
 * (changes-2025-2026.md "Error codes read by description"). 600002 is both "Date of agreement
 * cannot be greater than the current date" (MCA attestation, azure-plan.md §2) and, at customer
 * creation, a tax id that does not agree with the address / country of the customer's profile
 * (CloudBlue: about 20 countries, e.g. BR, IN, PL, RU, HU).
 */
export const MEANINGS_600002 = ['futureDate', 'taxIdAddressMismatch', 'unknown'] as const;
export type Meaning600002 = (typeof MEANINGS_600002)[number];

const TAX_WORDS =
  /\b(tax|vat|gst|cnpj|cpf|nip|inn|pan|tin|taxid|tax[- ]?id|registration (number|id)|organi[sz]ation(al)? (id|number))\b|address|region/i;
const FUTURE_DATE = /\bdate\b.*\b(greater|later|future|after)\b|\b(future|greater than the current) date\b/i;

/** Reads what a 600002 is about from Partner Center's English description. */
export function decode600002Description(description: string): Meaning600002 {
  if (TAX_WORDS.test(description)) return 'taxIdAddressMismatch';
  if (FUTURE_DATE.test(description)) return 'futureDate';
  return 'unknown';
}

/**
 * Flat params decoded from an error body's description, for codes where it matters (else none).
 * The description itself is English and never shown; only the decoded `reason` is kept.
 */
export function paramsFromDescription(code: string, description: unknown): Record<string, string> {
  if (code === '600002' && typeof description === 'string')
    return { reason: decode600002Description(description) };
  return {};
}

/**
 * What a 600002 means: the decoded `reason` when the adapter read one; the bot's own date rule
 * (params.field = dateAgreed) is a future date; anything else is not guessed from the code.
 */
export function meaningOf600002(error: Pick<DomainError, 'code' | 'params'>): Meaning600002 | undefined {
  if (error.code !== '600002') return undefined;
  const reason = error.params.reason;
  if (typeof reason === 'string' && (MEANINGS_600002 as readonly string[]).includes(reason))
    return reason as Meaning600002;
  return error.params.field === 'dateAgreed' ? 'futureDate' : 'unknown';
}
