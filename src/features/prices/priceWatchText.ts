import { KOREAN_REGION_NAMES } from '../../domain/prices/regions.js';
import type { Translator } from '../../i18n/translator.js';

const KOREAN = new Map(KOREAN_REGION_NAMES.map((alias) => [alias.regionId, alias.alias]));

/** A region id as a partner reads it in a watch message ("West Europe", "서유럽"). */
export function regionNameOf(regionId: string, t: Translator, displayName?: string): string {
  if (t.locale === 'ko-KR' && KOREAN.has(regionId)) return KOREAN.get(regionId)!;
  return displayName ?? regionId;
}
