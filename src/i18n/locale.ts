export const SUPPORTED_LOCALES = ['en-US', 'ko-KR'] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en-US';

/** Picks the catalog for an activity locale: any "ko…" tag is Korean, everything else English. */
export function resolveLocale(tag: string | undefined | null): Locale {
  if (typeof tag === 'string' && /^ko\b/i.test(tag.trim())) return 'ko-KR';
  return DEFAULT_LOCALE;
}

const HANGUL = /[\u1100-\u11FF\u3130-\u318F\uAC00-\uD7AF]/u;

/**
 * The language to answer a message in: the activity's locale, except that a message written in
 * Korean is answered in Korean even from an English Teams client (partners switch languages freely).
 */
export function resolveTurnLocale(
  activityLocale: string | undefined | null,
  text: string | undefined | null,
): Locale {
  if (typeof text === 'string' && HANGUL.test(text)) return 'ko-KR';
  return resolveLocale(activityLocale);
}
