import { Decimal } from 'decimal.js';
import { dropOldest } from '../domain/boundedMap.js';
import { CompiledMessages, template } from './compiledMessages.js';
import { ALL_MESSAGES, type MessageKey } from './messages/index.js';
import type { Locale } from './locale.js';

/** Formatted texts are kept only for ids (locale, key and values) up to this length. */
const MAX_KEPT_TEXT_ID = 1_000;

export type MessageParams = Readonly<Record<string, string | number | readonly string[] | undefined>>;

/**
 * Localized text and formatting for one locale. Messages are ICU MessageFormat (FormatJS
 * `intl-messageformat`): `{name}` placeholders, `{count, plural, one {# subscription} other {#
 * subscriptions}}`, `{kind, select, …}`. Arrays are joined with the locale's list format ("A, B, and
 * C" / "A, B 및 C"). Parameter values are data: they are substituted, never parsed as a message.
 */
export class Translator {
  private readonly listFormat: Intl.ListFormat;
  private readonly orListFormat: Intl.ListFormat;

  /**
   * "Nov 26, 2026" in English; "2026년 11월 26일" in Korean (the short Korean form "2026. 11. 26."
   * would start an Adaptive Card text as a Markdown numbered list).
   */
  private readonly dateStyle: 'medium' | 'long';

  constructor(
    readonly locale: Locale,
    /** Shared across turns by the bot; a fresh cache by default (tests, one-off answers). */
    private readonly messages: CompiledMessages = new CompiledMessages(),
  ) {
    this.listFormat = messages.formatter(
      `list|${locale}`,
      () => new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }),
    );
    this.orListFormat = messages.formatter(
      `orList|${locale}`,
      () => new Intl.ListFormat(locale, { style: 'long', type: 'disjunction' }),
    );
    this.dateStyle = locale === 'ko-KR' ? 'long' : 'medium';
  }

  t(key: MessageKey, params: MessageParams = {}): string {
    const values: Record<string, string | number> = {};
    // JSON tells the values apart (and so keys the texts already formatted), except NaN and ±Infinity.
    let keyable = true;
    for (const [name, value] of Object.entries(params)) {
      if (value === undefined) continue;
      if (typeof value === 'number' && !Number.isFinite(value)) keyable = false;
      values[name] = Array.isArray(value)
        ? this.listFormat.format(value as string[])
        : (value as string | number);
    }
    const format = (): string => {
      try {
        return this.messages.get(this.locale, key).format(values) as string;
      } catch {
        // A parameter the caller did not pass: show the placeholder rather than fail the turn.
        return template(this.locale, key).replace(/\{(\w+)\}/g, (match, name: string) =>
          values[name] === undefined ? match : String(values[name]),
        );
      }
    };
    const id = keyable ? `${this.locale}\u0000${key}\u0000${JSON.stringify(values)}` : '';
    // Long texts (a pasted paragraph quoted back) are formatted each time rather than kept.
    return keyable && id.length <= MAX_KEPT_TEXT_ID ? this.messages.text(id, format) : format();
  }

  /** Alternatives as the locale writes them: "A or B", "A, B, or C" / "A 또는 B". */
  orList(items: readonly string[]): string {
    return this.orListFormat.format(items);
  }

  /** True when a message with this key exists (used for error codes mapped to `error.<code>`). */
  has(key: string): key is MessageKey {
    return Object.prototype.hasOwnProperty.call(ALL_MESSAGES['en-US'], key);
  }

  /** Money from a decimal string or Decimal, never via a float: Intl accepts the string form. */
  money(amount: Decimal | string, currency: string, maximumFractionDigits?: number): string {
    const value = typeof amount === 'string' ? amount : amount.toFixed();
    const options: Intl.NumberFormatOptions = { style: 'currency', currency };
    if (maximumFractionDigits !== undefined) {
      options.maximumFractionDigits = maximumFractionDigits;
      options.minimumFractionDigits = Math.min(2, maximumFractionDigits);
    }
    // Intl.NumberFormat.format accepts decimal strings exactly (ES2023 "string as exact decimal").
    const format = this.messages.formatter(
      `money|${this.locale}|${currency}|${maximumFractionDigits ?? ''}`,
      () => new Intl.NumberFormat(this.locale, options),
    );
    return format.format(value as unknown as number);
  }

  /** A fraction (0.15) as the locale writes a percentage ("15%"), from the decimal, never a float. */
  percent(fraction: Decimal, maximumFractionDigits = 1): string {
    return `${this.number(fraction.times(100), maximumFractionDigits)}%`;
  }

  number(value: Decimal | string | number, maximumFractionDigits = 6): string {
    const text = value instanceof Decimal ? value.toFixed() : String(value);
    const format = this.messages.formatter(
      `number|${this.locale}|${maximumFractionDigits}`,
      () => new Intl.NumberFormat(this.locale, { maximumFractionDigits }),
    );
    return format.format(text as unknown as number);
  }

  /** Country name in the user's language from an ISO 3166 code ("NO" → "Norway" / "노르웨이"). */
  country(code: string): string {
    const names = this.messages.formatter(`region|${this.locale}`, () => new RegionNames(this.locale));
    return names.of(code);
  }

  /** A UTC date as the user's locale writes it (e.g. "Nov 26, 2026" / "2026. 11. 26."). */
  date(value: Date | string): string {
    const date = typeof value === 'string' ? new Date(value) : value;
    // A time the API did not send (e.g. an upgrade's start) is shown as unknown, never a crash.
    if (Number.isNaN(date.getTime())) return '—';
    const format = this.messages.formatter(
      `date|${this.locale}`,
      () =>
        new KnownDates(new Intl.DateTimeFormat(this.locale, { dateStyle: this.dateStyle, timeZone: 'UTC' })),
    );
    return format.format(date);
  }

  dateTime(value: Date | string): string {
    const date = typeof value === 'string' ? new Date(value) : value;
    if (Number.isNaN(date.getTime())) return '—';
    const format = this.messages.formatter(
      `dateTime|${this.locale}`,
      () =>
        new KnownDates(
          new Intl.DateTimeFormat(this.locale, {
            dateStyle: this.dateStyle,
            timeStyle: 'short',
            timeZone: 'UTC',
          }),
        ),
    );
    const text = format.format(date);
    return `${text} UTC`;
  }
}

/**
 * Region names of one locale, each looked up once: `Intl.DisplayNames.of` searches ICU's data on
 * every call, and a form or list names the same few countries on every turn.
 */
class RegionNames {
  private readonly names: Intl.DisplayNames | undefined;
  private readonly known = new Map<string, string>();

  constructor(locale: string) {
    try {
      this.names = new Intl.DisplayNames(locale, { type: 'region' });
    } catch {
      this.names = undefined;
    }
  }

  of(code: string): string {
    const known = this.known.get(code);
    if (known !== undefined) return known;
    let name = code;
    try {
      name = this.names?.of(code.toUpperCase()) ?? code;
    } catch {
      // Not a region code (typed text, a blank field): shown as it is.
    }
    this.known.set(code, name);
    // A few hundred region codes exist; typed text beyond them pushes out the oldest.
    dropOldest(this.known, 1000);
    return name;
  }
}

/**
 * A date format that remembers what it wrote for each instant: a list card shows the same few
 * dates (agreement dates, a report's period) on every row and every turn, and
 * `Intl.DateTimeFormat.format` is one of the costlier calls of such a turn.
 */
class KnownDates {
  private readonly written = new Map<number, string>();

  constructor(private readonly formatter: Intl.DateTimeFormat) {}

  format(date: Date): string {
    const instant = date.getTime();
    const known = this.written.get(instant);
    if (known !== undefined) return known;
    const text = this.formatter.format(date);
    this.written.set(instant, text);
    dropOldest(this.written, 2000);
    return text;
  }
}
