export const SUPPORTED_LOCALES = ['en-US', 'ko-KR'] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en-US';

/** Picks the catalog for an activity locale: every "ko…" tag is Korean, everything else English. */
export function resolveLocale(tag: string | undefined | null): Locale {
  if (typeof tag === 'string' && /^ko\b/i.test(tag.trim())) return 'ko-KR';
  return DEFAULT_LOCALE;
}

const HANGUL = /[\u1100-\u11FF\u3130-\u318F\uAC00-\uD7AF]/u;
const LATIN_WORD = /[A-Za-z]{2,}/;

/**
 * The language to answer a turn in: the activity's locale, except that a message written in Korean
 * is answered in Korean even from an English Teams client (partners switch languages freely), and
 * a turn without typed text (a card button) keeps the language of the user's last typed message.
 * Returns the locale and what to remember for the next turn.
 */
export function resolveTurnLocale(
  activityLocale: string | undefined | null,
  text: string | undefined | null,
  lastTyped?: Locale,
): { locale: Locale; remember: Locale | undefined } {
  const typed = (text ?? '').trim();
  if (HANGUL.test(typed)) return { locale: 'ko-KR', remember: 'ko-KR' };
  if (LATIN_WORD.test(typed)) return { locale: resolveLocale(activityLocale), remember: undefined };
  return { locale: lastTyped ?? resolveLocale(activityLocale), remember: lastTyped };
}
