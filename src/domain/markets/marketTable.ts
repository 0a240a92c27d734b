import { distance } from 'fastest-levenshtein';
import { COUNTRY_ALIASES, KOREAN_COUNTRY_NAMES } from './countryNames.js';
import type { Market } from './market.js';

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
  private readonly byCode = new Map<string, Market>();
  private readonly byName = new Map<string, Market>();

  constructor(markets: readonly Market[]) {
    for (const market of markets) {
      this.byCode.set(market.countryCode.toUpperCase(), market);
      this.byName.set(key(market.countryNameEn), market);
    }
    for (const [code, name] of Object.entries(KOREAN_COUNTRY_NAMES)) {
      const market = this.byCode.get(code);
      if (market) this.byName.set(key(name), market);
    }
    for (const [alias, code] of Object.entries(COUNTRY_ALIASES)) {
      const market = this.byCode.get(code);
      if (market) this.byName.set(key(alias), market);
    }
  }

  get size(): number {
    return this.byCode.size;
  }

  byIsoCode(code: string): Market | undefined {
    return this.byCode.get(code.trim().toUpperCase());
  }

  /** Exact code or name first, then a name inside a sentence, then a close spelling (one typo per 5 letters). */
  find(text: string): Market | undefined {
    const trimmed = text.trim();
    if (/^[A-Za-z]{2}$/.test(trimmed)) return this.byIsoCode(trimmed) ?? this.byName.get(key(trimmed));
    const wanted = key(trimmed);
    const exact = this.byName.get(wanted);
    if (exact) return exact;
    const inside = [...this.byName.entries()]
      .filter(([name]) => name.length >= 2 && containsWord(wanted, name))
      .sort((a, b) => b[0].length - a[0].length)[0];
    if (inside) return inside[1];
    let best: { market: Market; score: number } | undefined;
    for (const [name, market] of this.byName) {
      const score = distance(wanted, name);
      if (score <= Math.max(1, Math.floor(name.length / 5)) && (!best || score < best.score))
        best = { market, score };
    }
    return best?.market;
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
