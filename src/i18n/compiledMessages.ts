import { IntlMessageFormat } from 'intl-messageformat';
import { dropOldest } from '../domain/boundedMap.js';
import type { Locale } from './locale.js';
import { ALL_MESSAGES, type MessageKey } from './messages/index.js';

/**
 * The catalogs compiled to ICU MessageFormat once per locale and key, shared by the translators of
 * every turn (compiling is the costly part; formatting a compiled message is cheap).
 */
export class CompiledMessages {
  private readonly compiled = new Map<string, IntlMessageFormat>();
  /** Intl formatters by locale and options: constructing one costs far more than formatting with it. */
  private readonly formatters = new Map<string, unknown>();

  /**
   * Formatted texts by locale, key and parameter values: a turn formats the same labels, and a
   * list the same row texts, as the turns before it (ICU formatting walks the message each time).
   */
  private readonly texts = new Map<string, string>();

  /** The text formatted under `id`, formatted once; at most 5,000 are kept (the oldest go first). */
  text(id: string, format: () => string): string {
    const known = this.texts.get(id);
    if (known !== undefined) return known;
    const text = format();
    this.texts.set(id, text);
    dropOldest(this.texts, 5_000);
    return text;
  }

  /** The formatter cached under `id` (locale and options), created once; bounded to 500 ids. */
  formatter<T>(id: string, create: () => T): T {
    const cached = this.formatters.get(id) as T | undefined;
    if (cached !== undefined) return cached;
    const made = create();
    if (this.formatters.size < 500) this.formatters.set(id, made);
    return made;
  }

  get(locale: Locale, key: MessageKey): IntlMessageFormat {
    const id = `${locale}\u0000${key}`;
    let message = this.compiled.get(id);
    if (!message) {
      message = new IntlMessageFormat(template(locale, key), locale, undefined, { ignoreTag: true });
      this.compiled.set(id, message);
    }
    return message;
  }
}

/** This locale's text for a key, else English, else the key itself. */
export function template(locale: Locale, key: MessageKey): string {
  return ALL_MESSAGES[locale][key] ?? ALL_MESSAGES['en-US'][key] ?? key;
}
