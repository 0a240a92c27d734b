import type { Decimal } from 'decimal.js';
import type { Translator } from '../../i18n/translator.js';

/** Data of the simple answer cards (title, facts, notes, footer) shared by billing, PEC and availability answers. */
export interface FactCardData {
  title: string;
  subtitle: string;
  facts: Array<{ title: string; value: string }>;
  notes: Array<{ text: string }>;
  footer: string;
}

/** "October 2026" / "2026년 10월" for a 'YYYY-MM' month. */
export function monthLabel(t: Translator, month: string): string {
  return new Intl.DateTimeFormat(t.locale, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(
    new Date(`${month}-01T00:00:00Z`),
  );
}

/** A rate (0.15) as the locale writes a percentage ("15%"), from its decimal string, never a float. */
export function percent(t: Translator, rate: Decimal, maximumFractionDigits = 2): string {
  return new Intl.NumberFormat(t.locale, { style: 'percent', maximumFractionDigits }).format(
    rate.toFixed() as unknown as number, // Intl reads decimal strings exactly (ES2023).
  );
}

/** Days as compact ranges: ["2026-07-05","2026-07-06","2026-07-09"] → "Jul 5, 2026 – Jul 6, 2026, Jul 9, 2026". */
export function dayRanges(t: Translator, days: readonly string[], maxRanges = 4): string {
  const ranges: Array<[string, string]> = [];
  for (const day of days) {
    const last = ranges[ranges.length - 1];
    const next = last
      ? new Date(Date.parse(`${last[1]}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
      : '';
    if (last && next === day) last[1] = day;
    else ranges.push([day, day]);
  }
  const shown = ranges
    .slice(0, maxRanges)
    .map(([a, b]) => (a === b ? t.date(a) : `${t.date(a)} – ${t.date(b)}`));
  if (ranges.length > maxRanges) shown.push('…');
  return shown.join(', ');
}
