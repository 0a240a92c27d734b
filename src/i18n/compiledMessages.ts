import { IntlMessageFormat } from 'intl-messageformat';
import type { Locale } from './locale.js';
import { ALL_MESSAGES, type MessageKey } from './messages/index.js';

/**
 * The catalogs compiled to ICU MessageFormat once per locale and key, shared by the translators of
 * every turn (compiling is the costly part; formatting a compiled message is cheap).
 */
export class CompiledMessages {
  private readonly compiled = new Map<string, IntlMessageFormat>();

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
