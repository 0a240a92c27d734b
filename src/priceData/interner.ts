import { Decimal } from 'decimal.js';

/**
 * Shares repeated strings and prices between rows. A price catalog repeats product names, units
 * and prices thousands of times; sharing one instance keeps a 1M-row catalog small. Decimal is
 * immutable, so one instance per distinct price is safe.
 */
export class Interner {
  private readonly strings = new Map<string, string>();
  private readonly decimals = new Map<string, Decimal>();

  text(value: string): string {
    const existing = this.strings.get(value);
    if (existing !== undefined) return existing;
    this.strings.set(value, value);
    return value;
  }

  decimal(value: string): Decimal {
    const existing = this.decimals.get(value);
    if (existing) return existing;
    const created = new Decimal(value);
    this.decimals.set(value, created);
    return created;
  }
}
