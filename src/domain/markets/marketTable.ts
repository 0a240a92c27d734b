import { distance } from 'fastest-levenshtein';
import { COUNTRY_ALIASES, KOREAN_COUNTRY_NAMES } from './countryNames.js';
import type { Market } from './market.js';
import { AZURE_PLAN_NOT_SOLD, type NotSoldCountry } from './notSold.js';

/** What a country question resolves to: a CSP market, or a country where the Azure plan is not sold. */
export type CountryLookup = { kind: 'market'; market: Market } | { kind: 'notSold'; country: NotSoldCountry };

function key(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[.’'"]/g, '')
    .replace(/&/g, 'and')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Lookup over the CSP market table by ISO code, English name, Korean name or alias. */
export class MarketTable {
  private readonly byCode = new Map<string, CountryLookup>();
  private readonly byName = new Map<string, CountryLookup>();
  /** Names looked up only as the whole text (see NotSoldCountry.exactOnlyAliases). */
  private readonly exactOnly = new Map<string, CountryLookup>();

  constructor(markets: readonly Market[]) {
    for (const market of markets) {
      const entry: CountryLookup = { kind: 'market', market };
      this.byCode.set(market.countryCode.toUpperCase(), entry);
      this.byName.set(key(market.countryNameEn), entry);
    }
    // Not sold there: known by code and name so the answer says why, never "not found".
    for (const country of AZURE_PLAN_NOT_SOLD) {
      if (this.byCode.has(country.countryCode)) continue;
      const entry: CountryLookup = { kind: 'notSold', country };
      this.byCode.set(country.countryCode, entry);
      for (const name of [country.countryNameEn, ...country.aliases]) this.byName.set(key(name), entry);
      for (const name of country.exactOnlyAliases ?? []) this.exactOnly.set(key(name), entry);
    }
    for (const [code, name] of Object.entries(KOREAN_COUNTRY_NAMES)) {
      const entry = this.byCode.get(code);
      if (entry) this.byName.set(key(name), entry);
    }
    for (const [alias, code] of Object.entries(COUNTRY_ALIASES)) {
      const entry = this.byCode.get(code);
      if (entry) this.byName.set(key(alias), entry);
    }
  }

  /** Number of CSP markets in the table. */
  get size(): number {
    return [...this.byCode.values()].filter((entry) => entry.kind === 'market').length;
  }

  byIsoCode(code: string): Market | undefined {
    const entry = this.byCode.get(code.trim().toUpperCase());
    return entry?.kind === 'market' ? entry.market : undefined;
  }

  /** The CSP market a text names (see lookup); undefined also for a country where the plan is not sold. */
  find(text: string): Market | undefined {
    const entry = this.lookup(text);
    return entry?.kind === 'market' ? entry.market : undefined;
  }

  /**
   * Exact code or name first, then a name inside a sentence, then a close spelling (one typo per 5
   * letters). Countries where the Azure plan is not sold resolve too, as kind 'notSold'.
   */
  lookup(text: string): CountryLookup | undefined {
    const trimmed = text.trim();
    if (/^[A-Za-z]{2}$/.test(trimmed))
      return this.byCode.get(trimmed.toUpperCase()) ?? this.byName.get(key(trimmed));
    const wanted = key(trimmed);
    const exact = this.byName.get(wanted) ?? this.exactOnly.get(wanted);
    if (exact) return exact;
    const inside = [...this.byName.entries()]
      .filter(([name]) => name.length >= 2 && containsWord(wanted, name))
      .sort((a, b) => b[0].length - a[0].length)[0];
    if (inside) return inside[1];
    let best: { entry: CountryLookup; score: number } | undefined;
    for (const [name, entry] of this.byName) {
      const score = distance(wanted, name);
      if (score <= Math.max(1, Math.floor(name.length / 5)) && (!best || score < best.score))
        best = { entry, score };
    }
    return best?.entry;
  }
}

function containsWord(text: string, name: string): boolean {
  if (/[^\x20-\x7e]/.test(name)) return text.includes(name);
  const at = text.indexOf(name);
  if (at < 0) return false;
  const before = at === 0 ? ' ' : text[at - 1];
  const after = text[at + name.length] ?? ' ';
  return !/[a-z]/.test(before) && !/[a-z]/.test(after);
}

export function koreanCountryName(code: string): string | undefined {
  return KOREAN_COUNTRY_NAMES[code.toUpperCase()];
}
