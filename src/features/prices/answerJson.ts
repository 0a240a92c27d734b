import type { PriceAnswer } from '../../domain/prices/priceAnswer.js';
import type { PriceRow } from '../../domain/prices/priceRow.js';

/** A row as plain JSON: decimal strings, never floats. */
export function rowJson(row: PriceRow): Record<string, string | null> {
  return {
    meterId: row.meterId,
    unitPriceUSD: row.unitPriceText,
    productName: row.productName,
    skuName: row.skuName,
    meterName: row.meterName,
    armRegionName: row.armRegionName,
    unitOfMeasure: row.unitOfMeasure,
    skuId: row.skuId,
    type: row.type,
    tierMinimumUnits: row.tierMinimumUnits.toFixed(),
    savingsPlan1YearUSD: row.savingsPlan1Year ? row.savingsPlan1Year.toFixed() : null,
  };
}

/**
 * The machine-readable answer of `npm run price -- --json` (the contract in shared/evals/README.md):
 * `best`, `quantity` and `totalUSD`, plus the choices or missing parts when there is no single answer.
 */
export function answerJson(answer: PriceAnswer): Record<string, unknown> {
  if (answer.kind === 'noSnapshot') {
    return {
      kind: 'noSnapshot',
      best: null,
      quantity: null,
      totalUSD: null,
      hint: 'no snapshot, run npm run prices:fetch',
    };
  }
  const understood = {
    region: answer.understood.region?.regionId ?? null,
    size: answer.understood.sizeName,
    os: answer.understood.os,
    priority: answer.understood.priority,
    currency: answer.understood.currency,
    /** Words the engine could not place, and numbers no quantity was read from: never dropped silently. */
    unplaced: answer.understood.unplaced.map((word) => ({
      typed: word.typed,
      meaning: word.meaning.kind,
      changesAnswer: word.changesAnswer,
    })),
    unreadNumbers: answer.understood.quantity.unread,
  };
  const snapshot = { takenAt: answer.snapshot.takenAt, source: answer.snapshot.source };
  if (answer.kind === 'answer') {
    const converted = answer.inCurrency;
    return {
      kind: 'answer',
      best: rowJson(answer.row),
      quantity: answer.quantity ? Number(answer.quantity.toFixed()) : null,
      totalUSD: answer.total ? answer.total.toFixed() : null,
      savingsPlan1YearTotalUSD: answer.savingsPlan1YearTotal?.toFixed() ?? null,
      pecEligible: answer.pec.eligible,
      pecReason: answer.pec.reason,
      inCurrency: converted
        ? {
            currency: converted.conversion.currency,
            month: converted.conversion.month,
            ok: converted.conversion.ok,
            usdPerUnit: converted.conversion.ok ? converted.conversion.usdPerUnit.toFixed() : null,
            unitPrice: converted.unitPrice?.toFixed() ?? null,
            total: converted.total?.toFixed() ?? null,
            reason: converted.conversion.ok ? null : converted.conversion.reason,
          }
        : null,
      alsoOnSameMeter: answer.sameMeter.map((row) => `${row.productName} / ${row.skuName}`),
      unusedQuantities: answer.unusedQuantities,
      tierCaveat: answer.tierCaveat,
      understood,
      snapshot,
    };
  }
  if (answer.kind === 'choices') {
    return {
      kind: 'choices',
      topic: answer.topic,
      best: null,
      quantity: null,
      totalUSD: null,
      choices: answer.choices.map((choice) => ({
        label: choice.label,
        question: choice.question,
        row: choice.row ? rowJson(choice.row) : null,
      })),
      understood,
      snapshot,
    };
  }
  return {
    kind: 'needMore',
    missing: answer.missing,
    best: null,
    quantity: null,
    totalUSD: null,
    suggestions: answer.suggestions.map((choice) => ({ label: choice.label, question: choice.question })),
    understood,
    snapshot,
  };
}
