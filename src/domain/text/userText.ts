/**
 * Free text a user sets and the app stores (subscription names, contact names, phone numbers …).
 * Such text is shown later to other people, in cards and in Partner Center, so it must be text a
 * person can read and every system can store:
 * - no control characters (U+0000–U+001F, U+007F–U+009F), no line or paragraph separators and no
 *   bidirectional overrides or isolates (U+202A–U+202E, U+2066–U+2069), which make a name read
 *   differently from what it is;
 * - no lone surrogates (half of an emoji, e.g. from a cut-off paste): not valid Unicode, refused
 *   or mangled by JSON encoders, databases and Partner Center;
 * - at most `maxLength` characters (UTF-16 code units, as Partner Center counts), the limit stated
 *   in the message that refuses it.
 * Surrounding white space is trimmed; the rest is kept as typed (emoji, Korean, `${…}` are fine).
 */

export type UserTextProblem = 'required' | 'tooLong' | 'controlCharacters' | 'loneSurrogate';

export interface UserTextRule {
  maxLength: number;
  /** Empty (after trimming) is refused as 'required'; otherwise it is accepted as ''. */
  required: boolean;
}

export type UserTextResult = { ok: true; text: string } | { ok: false; problem: UserTextProblem };

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Checks and trims text a user typed; non-strings count as empty. */
export function checkUserText(value: unknown, rule: UserTextRule): UserTextResult {
  const text = typeof value === 'string' ? value.trim() : '';
  if (text === '') return rule.required ? { ok: false, problem: 'required' } : { ok: true, text };
  // Lone surrogates first: a cut emoji is the likelier story than a control character.
  if (LONE_SURROGATE.test(text)) return { ok: false, problem: 'loneSurrogate' };
  if (CONTROL.test(text)) return { ok: false, problem: 'controlCharacters' };
  if (text.length > rule.maxLength) return { ok: false, problem: 'tooLong' };
  return { ok: true, text };
}

/** True when text is well-formed Unicode without control characters (for text that is not stored). */
export function isCleanText(value: string): boolean {
  return !LONE_SURROGATE.test(value) && !CONTROL.test(value);
}

/** How much of a user's text a reply quotes back ("No customer matches "…""). */
export const QUOTE_MAX_LENGTH = 80;

/**
 * Text a user typed, made safe to quote in a reply: lone surrogates become U+FFFD, control
 * characters a space, and anything past `max` characters is cut with "…" (a 200 KB question is
 * not repeated back; Teams would refuse such a message and the user would get nothing).
 */
export function quoteUserText(text: string, max = QUOTE_MAX_LENGTH): string {
  const clean = text
    .replace(new RegExp(LONE_SURROGATE.source, 'g'), '\uFFFD')
    .replace(new RegExp(CONTROL.source, 'g'), ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (clean.length <= max) return clean;
  // Room for the ellipsis; never end on half an emoji.
  const cut = clean.slice(0, max - 1);
  return `${/[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut}…`;
}
