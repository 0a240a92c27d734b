import { Decimal } from 'decimal.js';

/** FinOps PricingUnits.csv: a UnitOfMeasure string → how many usage units one priced block holds. */
export interface PricingUnit {
  readonly unitOfMeasure: string;
  readonly blockSize: Decimal;
  readonly distinctUnits: string;
}

const MULTIPLIERS: Record<string, number> = { K: 1_000, M: 1_000_000, B: 1_000_000_000 };

/**
 * Block size of a unit of measure: from the FinOps table when it knows the unit, otherwise read
 * from the unit itself ("10K" → 10,000, "100 Hours" → 100, "1 GiB/Hour" → 1).
 */
export class UnitTable {
  private readonly units = new Map<string, PricingUnit>();

  constructor(units: readonly PricingUnit[] = []) {
    for (const unit of units) this.units.set(unit.unitOfMeasure.trim().toLowerCase(), unit);
  }

  blockSize(unitOfMeasure: string): Decimal {
    const known = this.units.get(unitOfMeasure.trim().toLowerCase());
    if (known) return known.blockSize;
    return parseBlockSize(unitOfMeasure);
  }

  distinctUnits(unitOfMeasure: string): string | null {
    return this.units.get(unitOfMeasure.trim().toLowerCase())?.distinctUnits ?? null;
  }
}

export function parseBlockSize(unitOfMeasure: string): Decimal {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([KMB])?\b/i.exec(unitOfMeasure);
  if (!match) return new Decimal(1);
  const multiplier = match[2] ? MULTIPLIERS[match[2].toUpperCase()] : 1;
  return new Decimal(match[1]).times(multiplier);
}
