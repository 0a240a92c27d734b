/**
 * Keeps card data literal through adaptivecards-templating. The engine only evaluates the
 * template's own `${…}`, but the renderer must also tell an unbound template expression (a bug)
 * from a `${…}` a user typed into a name, a contact field, a question or a file cell. So every
 * string of the data is escaped before expansion: `$`, `{` and `}` (and the escape character
 * itself) become two-character sequences starting with U+E000, a private-use character that the
 * templates may not contain. After the expansion every string of the card is unescaped.
 *
 * Template expressions still see the data's shape: empty strings stay empty and non-empty ones
 * non-empty (`${x != ''}`), arrays keep their length (`count(…)`). An expression that compared a
 * bound string with a literal containing `$`, `{` or `}` would not match; no template does that.
 */
const ESCAPE = '\uE000';
const ESCAPES: Readonly<Record<string, string>> = {
  [ESCAPE]: `${ESCAPE}0`,
  $: `${ESCAPE}1`,
  '{': `${ESCAPE}2`,
  '}': `${ESCAPE}3`,
};
const UNESCAPES: readonly string[] = [ESCAPE, '$', '{', '}'];
const TO_ESCAPE = /[\uE000${}]/g;
const ESCAPED = /\uE000([0-3])/g;

/** True when text contains the escape character (a template must not: it would be unescaped). */
export function hasLiteralEscape(text: string): boolean {
  return text.includes(ESCAPE);
}

const NEEDS_ESCAPE = /[\uE000${}]/;

export function escapeLiteral(text: string): string {
  // Most strings hold none of the four characters: no replace (and no new string) for them.
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text.replace(TO_ESCAPE, (character) => ESCAPES[character] ?? character);
}

export function unescapeLiteral(text: string): string {
  if (!text.includes(ESCAPE)) return text;
  return text.replace(ESCAPED, (_match, digit: string) => UNESCAPES[Number(digit)] ?? '');
}

/** A deep copy of card data with every string (values and keys) escaped. */
export function escapeCardData<T>(data: T): T {
  return mapStrings(data, escapeLiteral) as T;
}

/** A deep copy of an expanded card with every string (values and keys) unescaped. */
export function unescapeCard(card: unknown): unknown {
  return mapStrings(card, unescapeLiteral);
}

/**
 * The same copy, and the first `${…}` left in a string (key or value) before unescaping: with the
 * data escaped, such a left-over can only be an unbound expression of the template. One walk
 * instead of a JSON.stringify of the whole card plus the copy.
 */
export function unescapeExpandedCard(card: unknown): { card: unknown; unbound?: string } {
  let unbound: string | undefined;
  const copy = mapStrings(card, (text) => {
    if (unbound === undefined && text.includes('${')) unbound = UNBOUND.exec(text)?.[0];
    return unescapeLiteral(text);
  });
  return { card: copy, unbound };
}

const UNBOUND = /\$\{[^}]*\}/;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * Maps every string in plain objects and arrays; other objects (Decimal, Date …) are kept as they
 * are. Object.fromEntries defines own properties, so a key such as "__proto__" stays a plain key.
 */
function mapStrings(value: unknown, map: (text: string) => string): unknown {
  if (typeof value === 'string') return map(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, map));
  if (isPlainObject(value)) {
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const mapped = map(key);
      const item = mapStrings(value[key], map);
      defineOwn(copy, mapped, item);
    }
    return copy;
  }
  return value;
}

/** Sets a key as an own property; a plain assignment to "__proto__" would set the prototype instead. */
export function defineOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else target[key] = value;
}
