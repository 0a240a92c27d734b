/**
 * Countries where the (global, CSP) Azure plan is not sold at all — not "not yet": they are absent
 * from the CSP market table (csp_market_currencies_2021-05.csv) for a reason that is not about timing.
 * - China: Azure there is a separate cloud operated by 21Vianet, sold through Partner Center operated
 *   by 21Vianet, not CSP global (azure-plan.md §3 "Azure China is not in Azure CSP", §9; §2: the MCA
 *   is not supported in Partner Center operated by 21Vianet).
 * - Embargoed countries: Microsoft's commercial cloud is not sold there (export restrictions;
 *   CloudBlue's NCE readiness page: "Worldwide except China and embargoed regions").
 */
export type NotSoldReason = 'operatedBy21Vianet' | 'embargoed';

export interface NotSoldCountry {
  /** ISO 3166-1 alpha-2, upper case. */
  countryCode: string;
  countryNameEn: string;
  reason: NotSoldReason;
  /** Other names partners use (English and Korean), matched like the market table's names. */
  aliases: readonly string[];
  /** Names matched only as the whole question, never inside a sentence (이란 is also "~이란", "is called"). */
  exactOnlyAliases?: readonly string[];
}

export const AZURE_PLAN_NOT_SOLD: readonly NotSoldCountry[] = [
  {
    countryCode: 'CN',
    countryNameEn: 'China',
    reason: 'operatedBy21Vianet',
    aliases: [
      "People's Republic of China",
      'PRC',
      'Mainland China',
      'Chinese mainland',
      '중국',
      '중화인민공화국',
      '중국 본토',
    ],
  },
  { countryCode: 'CU', countryNameEn: 'Cuba', reason: 'embargoed', aliases: ['쿠바'] },
  {
    countryCode: 'IR',
    countryNameEn: 'Iran',
    reason: 'embargoed',
    aliases: ['Islamic Republic of Iran'],
    exactOnlyAliases: ['이란'],
  },
  {
    countryCode: 'KP',
    countryNameEn: 'North Korea',
    reason: 'embargoed',
    aliases: ["Democratic People's Republic of Korea", 'DPRK', '북한', '조선민주주의인민공화국'],
  },
  {
    countryCode: 'SY',
    countryNameEn: 'Syria',
    reason: 'embargoed',
    aliases: ['Syrian Arab Republic', '시리아'],
  },
];

/** Why the Azure plan is not sold in this country, or undefined where nothing rules it out. */
export function notSoldIn(countryCode: string): NotSoldCountry | undefined {
  const code = countryCode.trim().toUpperCase();
  return AZURE_PLAN_NOT_SOLD.find((country) => country.countryCode === code);
}
