import { defineOwn } from './literalData.js';

/**
 * Card data as a skeleton: every non-empty string value replaced by a numbered token, so cards of
 * the same shape share one template expansion. A dialog's card differs from the last one only in
 * its strings (a customer name, a fresh flow id and request id), and the templates never look
 * inside a bound string: they place it, test it against '' (`${x != ''}`) or count arrays
 * (`count(…) > 0`) — see the check in test/cards/cardSkeleton.test.ts that keeps them so. A token
 * is non-empty like the string it stands for, so every such test gives the same answer, and the
 * expanded skeleton becomes the card by putting the strings back where the tokens landed.
 *
 * Keys, numbers, booleans and null stay as they are (they are part of the shape: a number may be
 * placed as a number). Data that already contains the token character is not made a skeleton.
 */
const TOKEN = '\uE001';
const TOKENS = /\uE001(\d+)\uE001/g;

export interface CardSkeleton {
  /** The data with its strings replaced by tokens (plain JSON). */
  skeleton: unknown;
  /** The strings the tokens stand for, by token number. */
  strings: string[];
}

/**
 * The skeleton of plain-JSON data, or undefined when the data is not plain JSON (a Decimal or a
 * Date may print differently from its JSON) or holds the token character.
 */
export function skeletonOf(data: unknown): CardSkeleton | undefined {
  const strings: string[] = [];
  let usable = true;
  const walk = (value: unknown): unknown => {
    if (!usable) return undefined;
    if (typeof value === 'string') {
      if (value === '') return value;
      if (value.includes(TOKEN)) {
        usable = false;
        return undefined;
      }
      strings.push(value);
      return `${TOKEN}${strings.length - 1}${TOKEN}`;
    }
    if (value === null || typeof value === 'boolean') return value;
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) usable = false;
      return value;
    }
    if (Array.isArray(value)) return value.map(walk);
    if (typeof value !== 'object') {
      usable = false;
      return undefined;
    }
    const prototype: unknown = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) {
      usable = false;
      return undefined;
    }
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const item = (value as Record<string, unknown>)[key];
      // An undefined property is left out by JSON and reads as missing in a template either way.
      if (item === undefined) continue;
      if (key.includes(TOKEN)) usable = false;
      defineOwn(copy, key, walk(item));
    }
    return copy;
  };
  const skeleton = walk(data);
  return usable ? { skeleton, strings } : undefined;
}

/** True when a template or card text holds the token character (then skeletons are not used). */
export function hasSkeletonToken(text: string): boolean {
  return text.includes(TOKEN);
}

/**
 * An expanded skeleton as JSON text cut at its tokens: each token sits inside a JSON string (alone,
 * or within template text around it), so filling is joining the pieces with the strings,
 * JSON-escaped, and one native parse makes the card. Cards are immutable (deeply frozen), so the
 * same card asked again is the same object.
 */
export class SkeletonCard {
  /** Text pieces; between piece i and i + 1 goes the string of `slots[i]`. */
  private readonly pieces: string[] = [];
  private readonly slots: number[] = [];

  constructor(cardJson: string) {
    let last = 0;
    for (const match of cardJson.matchAll(TOKENS)) {
      this.pieces.push(cardJson.slice(last, match.index));
      this.slots.push(Number(match[1]));
      last = match.index + match[0].length;
    }
    this.pieces.push(cardJson.slice(last));
  }

  /** The last card made and its strings: the same card again (help, an unchanged list) is that card. */
  private last: { strings: readonly string[]; card: unknown } | undefined;

  /** The card with these strings (token n gets strings[n]), deeply frozen: it may be handed out again. */
  fill(strings: readonly string[]): unknown {
    const last = this.last;
    if (last && sameStrings(last.strings, strings)) return last.card;
    let text = this.pieces[0]!;
    for (let index = 0; index < this.slots.length; index++) {
      text += jsonEscaped(strings[this.slots[index]!] ?? '') + this.pieces[index + 1]!;
    }
    const card = deepFreeze(JSON.parse(text) as unknown);
    this.last = { strings, card };
    return card;
  }
}

/** Freezes a value and everything in it (so a card shared between turns cannot change). */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
  return true;
}

/** Characters JSON.stringify escapes in a string (quote, backslash, controls, lone surrogates). */
// eslint-disable-next-line no-control-regex -- control characters are exactly what JSON escapes
const NEEDS_JSON_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

function jsonEscaped(text: string): string {
  return NEEDS_JSON_ESCAPE.test(text) ? JSON.stringify(text).slice(1, -1) : text;
}
