import { meterPecEligibility } from '../pec/meterEligibility.js';
import type { PriceCatalog } from './catalog.js';
import { monthOf, type FxTable } from './fx.js';
import type { CurrencyAmounts, PriceAnswer, PriceChoice, SnapshotInfo, Understood } from './priceAnswer.js';
import {
  isEffectiveAt,
  isPromo,
  isVmProduct,
  isWindowsProduct,
  priorityOfSku,
  type PriceRow,
} from './priceRow.js';
import { quantityInUnits, unusedQuantityFacts } from './quantity.js';
import { readQuantityFacts } from './quantityWords.js';
import { readQuestionOptions } from './questionOptions.js';
import type { RegionMatch, RegionResolver } from './regions.js';
import { readStorageIntent, type StorageIntent } from './storageIntent.js';
import { findUnplacedWords, type UnplacedWord } from './unplacedWords.js';
import { graduatedCost } from './tiers.js';
import { namesSavingsPlan } from './savingsPlanVsPayg.js';
import type { UnitTable } from './units.js';

export interface AnswerContext {
  readonly catalog: PriceCatalog;
  readonly regions: RegionResolver;
  readonly units: UnitTable;
  readonly fx: FxTable;
  readonly now: Date;
  /** snapshotInfoOf(catalog, regions), when the caller keeps it (it only changes with the catalog). */
  readonly snapshot?: SnapshotInfo;
}

const MAX_CHOICES = 5;

export function snapshotInfoOf(
  catalog: PriceCatalog,
  regions?: Pick<RegionResolver, 'displayName'>,
): SnapshotInfo {
  const ids = catalog.regions();
  const regionNames = Object.fromEntries(ids.map((id) => [id, regions ? regions.displayName(id) : id]));
  return { ...catalog.meta, rowCount: catalog.rowCount, regions: ids, regionNames };
}

/**
 * Answers a free-text price question from the catalog: one row when the question pins one down,
 * otherwise the top choices or what is missing. Never guesses silently.
 */
export function answerQuestion(question: string, context: AnswerContext): PriceAnswer {
  const { catalog, regions } = context;
  const snapshot = context.snapshot ?? snapshotInfoOf(catalog, regions);
  const options = readQuestionOptions(question);
  const text = options.textWithoutMonth;
  const facts = readQuantityFacts(text);
  const regionResolution = regions.resolve(text);
  const storage = readStorageIntent(text);
  const size = storage && storage.kind !== 'needTier' ? { kind: 'none' as const } : catalog.sizes.find(text);
  const matchedRegion = regionResolution.kind === 'found' ? regionResolution.region : null;
  const placed = [
    ...(regionResolution.kind === 'found' ? [regionResolution.region] : []),
    ...(regionResolution.kind === 'ambiguous' ? regionResolution.regions : []),
    ...(size.kind === 'found' ? [size.size] : []),
    ...(size.kind === 'ambiguous' ? size.sizes : []),
  ];
  const unplacedWords = findUnplacedWords(text, options, matchedRegion, regions, { spans: placed });
  // A slip next to the region that names the same region ("Wset Europe") widens the region read.
  const sameRegion = unplacedWords.find((word) => word.meaning.kind === 'region' && !word.changesAnswer);
  const region =
    sameRegion && sameRegion.meaning.kind === 'region' ? sameRegion.meaning.region : matchedRegion;
  const unplaced = unplacedWords.filter((word) => word !== sameRegion);
  const understood: Understood = {
    region,
    unplaced,
    sizeName: size.kind === 'found' ? catalog.sizeName(size.size.sizeKey) : null,
    sizeCorrected: size.kind === 'found' && size.size.corrected,
    sizeTyped: size.kind === 'found' ? text.slice(size.size.start, size.size.end) : null,
    os: options.os,
    osNamed: options.osNamed,
    priority: options.priority,
    quantity: facts,
    currency: options.currency,
    month: options.month,
    namesSavingsPlan: namesSavingsPlan(question),
  };
  const base = { understood, snapshot };

  if (size.kind === 'ambiguous') {
    const choices = size.sizes.slice(0, MAX_CHOICES).map((mention) => {
      const name = catalog.sizeName(mention.sizeKey);
      return { label: name, question: keepOneMention(question, size.sizes, mention, name), row: null };
    });
    return { kind: 'choices', topic: 'size', choices, ...base };
  }
  const typo = unplaced.find((word) => word.changesAnswer && word.correctedQuestion);
  if (typo)
    return { kind: 'choices', topic: 'typo', choices: typoChoices(text, typo, matchedRegion), ...base };
  const knowsWhat = size.kind === 'found' || (storage !== null && storage.kind !== 'needTier');
  if (regionResolution.kind === 'ambiguous') {
    const choices = regionResolution.regions.slice(0, MAX_CHOICES).map((match) => ({
      label: match.displayName,
      question: keepOneMention(question, regionResolution.regions, match, match.displayName),
      row: null,
    }));
    return { kind: 'choices', topic: 'region', choices, ...base };
  }
  const missing: ('region' | 'size' | 'diskTier' | 'regionNotInSnapshot')[] = [];
  if (!region) missing.push('region');
  if (!knowsWhat) missing.push(storage?.kind === 'needTier' ? 'diskTier' : 'size');
  // A region the snapshot lacks is said plainly, whatever else is missing.
  if (region && !catalog.hasRegion(region.regionId) && missing.length > 0)
    missing.push('regionNotInSnapshot');
  if (missing.length > 0) {
    const suggestions =
      missing.length === 1 && missing[0] === 'region'
        ? snapshot.regions.slice(0, MAX_CHOICES).map((id) => ({
            label: regions.displayName(id),
            question: `${question.trim()} in ${regions.displayName(id)}`,
            row: null,
          }))
        : [];
    return { kind: 'needMore', missing, suggestions, ...base };
  }
  const regionId = region!.regionId;
  if (!catalog.hasRegion(regionId)) {
    const suggestions = snapshot.regions.slice(0, MAX_CHOICES).map((id) => ({
      label: regions.displayName(id),
      question: replaceSpan(question, region!.start, region!.end, regions.displayName(id)),
      row: null,
    }));
    return { kind: 'needMore', missing: ['regionNotInSnapshot'], suggestions, ...base };
  }

  let candidates: PriceRow[];
  if (size.kind === 'found') {
    candidates = catalog
      .vmRows(regionId, size.size.sizeKey)
      .filter(
        (row) =>
          row.type === 'Consumption' &&
          isVmProduct(row) &&
          !isPromo(row) &&
          isWindowsProduct(row.productName) === (options.os === 'windows') &&
          priorityOfSku(row.skuName) === options.priority &&
          isEffectiveAt(row, context.now),
      );
  } else {
    const intent = storage as StorageIntent;
    if (intent.kind === 'pickMeter') {
      const choices = intent.options.map((option) => ({
        label: option.kind === 'meter' || option.kind === 'skuMeter' ? option.label : '',
        question: `${question.trim()} (${refinement(option)})`,
        row: null,
      }));
      return { kind: 'choices', topic: 'meter', choices, ...base };
    }
    candidates = storageRows(catalog, regionId, intent).filter(
      (row) => row.type === 'Consumption' && isEffectiveAt(row, context.now),
    );
  }

  const distinct = distinctMeters(candidates);
  if (distinct.length === 0)
    return { kind: 'needMore', missing: ['noMatchingRow'], suggestions: [], ...base };
  if (distinct.length > 1) {
    const choices: PriceChoice[] = distinct.slice(0, MAX_CHOICES).map((row) => ({
      label: `${row.productName} · ${row.skuName} · ${row.unitPriceText} USD/${row.unitOfMeasure}`,
      question: `${question.trim()} (${row.productName})`,
      row,
    }));
    return { kind: 'choices', topic: 'row', choices, ...base };
  }
  const row = pickFirstTier(candidates.filter((r) => r.meterId === distinct[0].meterId));
  const tierCaveat = size.kind !== 'found' && storage?.kind === 'meter' && storage.tiered === true;
  return priced(row, candidates, facts, options.currency, options.month, context, base, tierCaveat);
}

/**
 * Asking back about a word that would change the price: the question read with the word
 * corrected, and the question as the engine would otherwise answer it.
 */
function typoChoices(question: string, typo: UnplacedWord, matched: RegionMatch | null): PriceChoice[] {
  const corrected = typo.correctedQuestion!;
  if (typo.meaning.kind === 'region' && matched) {
    const otherwise = replaceSpan(question, typo.start, typo.end, matched.displayName)
      .replace(/\s+/g, ' ')
      .trim();
    return [
      { label: typo.meaning.region.displayName, question: corrected, row: null },
      { label: matched.displayName, question: otherwise, row: null },
    ];
  }
  const without = replaceSpan(question, typo.start, typo.end, '').replace(/\s+/g, ' ').trim();
  return [
    { label: corrected, question: corrected, row: null },
    { label: without, question: without, row: null },
  ];
}

/** What a meter choice adds to the question so that asking again picks it. */
function refinement(option: StorageIntent): string {
  if (option.kind === 'meter') return option.tiered ? option.productName : option.meterName;
  return option.kind === 'skuMeter' ? option.label : '';
}

function priced(
  row: PriceRow,
  candidates: readonly PriceRow[],
  facts: ReturnType<typeof readQuantityFacts>,
  currency: string | null,
  month: string | null,
  context: AnswerContext,
  base: { understood: Understood; snapshot: SnapshotInfo },
  tierCaveat: boolean,
): PriceAnswer {
  const blockSize = context.units.blockSize(row.unitOfMeasure);
  const quantity = quantityInUnits(facts, row.unitOfMeasure, blockSize);
  const tiers = candidates.filter((r) => r.meterId === row.meterId && r.skuId === row.skuId);
  const total = quantity
    ? tiers.length > 1
      ? graduatedCost(
          tiers.map((t) => ({ minimumUnits: t.tierMinimumUnits, unitPrice: t.unitPrice })),
          quantity,
        )
      : row.unitPrice.times(quantity)
    : null;
  const savingsPlan1YearTotal =
    quantity && row.savingsPlan1Year ? row.savingsPlan1Year.times(quantity) : null;
  const sameMeter = candidates.filter(
    (r) => r !== row && r.meterId === row.meterId && r.tierMinimumUnits.eq(row.tierMinimumUnits),
  );
  const pec = meterPecEligibility({
    type: row.type,
    meterName: row.meterName,
    skuName: row.skuName,
    productName: row.productName,
    tags: row.tags,
  });
  let inCurrency: CurrencyAmounts | null = null;
  if (currency) {
    const fxMonth = month ?? monthOf(base.snapshot.takenAt);
    const unit = context.fx.convertUsd(row.unitPrice, currency, fxMonth);
    const totalConverted = total ? context.fx.convertUsd(total, currency, fxMonth) : null;
    inCurrency = {
      conversion: unit,
      unitPrice: unit.ok ? unit.amount : null,
      total: totalConverted && totalConverted.ok ? totalConverted.amount : null,
    };
  }
  const unusedQuantities = unusedQuantityFacts(facts, row.unitOfMeasure).map((kind) => facts.said[kind]!);
  return {
    kind: 'answer',
    row,
    sameMeter,
    quantity,
    total,
    savingsPlan1YearTotal,
    pec,
    inCurrency,
    unusedQuantities,
    tierCaveat,
    ...base,
  };
}

function storageRows(catalog: PriceCatalog, regionId: string, intent: StorageIntent): PriceRow[] {
  if (intent.kind === 'meter') return [...catalog.meterRows(regionId, intent.productName, intent.meterName)];
  if (intent.kind === 'skuMeter') {
    return catalog
      .skuRows(regionId, intent.productName, intent.skuName)
      .filter((row) => intent.meterPattern.test(row.meterName));
  }
  return [];
}

/** One row per distinct billing meter and price (sizes sharing a meter are one answer, not a choice). */
function distinctMeters(rows: readonly PriceRow[]): PriceRow[] {
  const seen = new Map<string, PriceRow>();
  for (const row of rows) {
    const current = seen.get(row.meterId);
    if (!current || row.tierMinimumUnits.lt(current.tierMinimumUnits)) seen.set(row.meterId, row);
  }
  return [...seen.values()];
}

function pickFirstTier(rows: readonly PriceRow[]): PriceRow {
  return rows.reduce((best, row) => (row.tierMinimumUnits.lt(best.tierMinimumUnits) ? row : best));
}

function replaceSpan(text: string, start: number, end: number, replacement: string): string {
  return `${text.slice(0, start)}${replacement}${text.slice(end)}`;
}

/** The question with one of several mentions kept (spelled `replacement`) and the others removed. */
function keepOneMention(
  question: string,
  all: readonly { start: number; end: number }[],
  keep: { start: number; end: number },
  replacement: string,
): string {
  let result = question;
  for (const match of [...all].sort((a, b) => b.start - a.start)) {
    result = replaceSpan(result, match.start, match.end, match === keep ? replacement : '');
  }
  const connector = String.raw`(?:or|and|vs\.?|versus|또는|아니면)`;
  return result
    .replace(/\s+/g, ' ')
    .replace(new RegExp(String.raw`(^|[\s,])${connector}\s+(?=${connector}\b|in\b|$)`, 'gi'), '$1')
    .replace(new RegExp(String.raw`^\s*${connector}\s+`, 'i'), '')
    .replace(new RegExp(String.raw`\s+${connector}\s*$`, 'i'), '')
    .replace(/\s+/g, ' ')
    .trim();
}
