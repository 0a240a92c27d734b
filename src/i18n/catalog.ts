import type { Locale } from './locale.js';

/** A feature's messages: the English catalog defines the keys; Korean must have exactly the same keys. */
export type FeatureCatalog<K extends string> = Readonly<Record<Locale, Readonly<Record<K, string>>>>;

/** Helper that makes TypeScript check both locales carry the keys of the English catalog. */
export function defineMessages<const E extends Record<string, string>>(catalog: {
  'en-US': E;
  'ko-KR': Record<keyof E, string>;
}): FeatureCatalog<Extract<keyof E, string>> {
  return catalog;
}
