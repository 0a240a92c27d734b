import { Decimal } from 'decimal.js';
import { HOURS_PER_MONTH, type QuantityFacts, type QuantityKind } from './quantityWords.js';

/**
 * The quantity of a question in the row's unit of measure (blocks), or null for a plain price
 * question. `blockSize` comes from PricingUnits.csv ("10K" = 10,000 operations per block).
 */
export function quantityInUnits(
  facts: QuantityFacts,
  unitOfMeasure: string,
  blockSize: Decimal,
): Decimal | null {
  const unit = unitOfMeasure.toLowerCase().replace(/\s+/g, ' ').trim();
  const count = facts.count;
  if (/^\d*\s*(gib|gb)\/hour$/.test(unit)) {
    if (!facts.gib) return null;
    return facts.gib.times(facts.hours ?? 1).dividedBy(blockSize);
  }
  if (/^\d*\s*(gib|gb)\/month$/.test(unit)) {
    if (!facts.gib) return null;
    const months =
      facts.hours && !facts.durationIsRate ? facts.hours.dividedBy(HOURS_PER_MONTH) : new Decimal(1);
    return facts.gib.times(months).dividedBy(blockSize);
  }
  if (/hour/.test(unit)) {
    if (facts.hours) return facts.hours.times(count ?? 1).dividedBy(blockSize);
    return count ? count.dividedBy(blockSize) : null;
  }
  if (/month/.test(unit)) {
    const months = facts.hours && !facts.durationIsRate ? facts.hours.dividedBy(HOURS_PER_MONTH) : null;
    if (!months && !count) return null;
    return (count ?? new Decimal(1)).times(months ?? 1).dividedBy(blockSize);
  }
  if (facts.operations) return facts.operations.dividedBy(blockSize);
  return null;
}

/**
 * The quantities a question gave that the row's unit of measure has no use for ("512 GiB" for a
 * VM hour, "3 VMs" for 10K operations), so the answer can say so instead of dropping them.
 * A rate ("per month") is no quantity and is never listed.
 */
export function unusedQuantityFacts(facts: QuantityFacts, unitOfMeasure: string): QuantityKind[] {
  const unit = unitOfMeasure.toLowerCase().replace(/\s+/g, ' ').trim();
  const used = new Set<QuantityKind>();
  if (/^\d*\s*(gib|gb)\/(hour|month)$/.test(unit)) {
    used.add('gib');
    if (facts.gib) used.add('hours');
  } else if (/hour|month/.test(unit)) {
    used.add('hours').add('count');
  } else {
    used.add('operations');
  }
  const given: QuantityKind[] = ['count', 'hours', 'operations', 'gib'];
  return given.filter((kind) => facts[kind] !== null && facts.said[kind] !== undefined && !used.has(kind));
}
