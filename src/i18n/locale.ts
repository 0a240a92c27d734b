export const SUPPORTED_LOCALES = ['en-US', 'ko-KR'] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en-US';

/** Picks the catalog for an activity locale: any "ko…" tag is Korean, everything else English. */
export function resolveLocale(tag: string | undefined | null): Locale {
  if (typeof tag === 'string' && /^ko\b/i.test(tag.trim())) return 'ko-KR';
  return DEFAULT_LOCALE;
}
