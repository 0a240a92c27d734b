import type { Decimal } from 'decimal.js';
import type { PriceAnswer, PriceChoice, SnapshotInfo, Understood } from '../../domain/prices/priceAnswer.js';
import type { UnplacedWord } from '../../domain/prices/unplacedWords.js';
import type { PriceRow } from '../../domain/prices/priceRow.js';
import { KOREAN_REGION_NAMES } from '../../domain/prices/regions.js';
import { compareSavingsPlanToPayg } from '../../domain/prices/savingsPlanVsPayg.js';
import { countsWholeMonthsOfHours } from '../../domain/prices/usageDefaults.js';
import type { MessageKey } from '../../i18n/messages/index.js';
import type { Translator } from '../../i18n/translator.js';

type Answered = Extract<PriceAnswer, { kind: 'answer' }>;

export interface Fact {
  readonly title: string;
  readonly value: string;
}

/** Data for `cards/price-answer.json`. */
export interface PriceAnswerCardData {
  readonly title: string;
  readonly subtitle: string;
  readonly facts: readonly Fact[];
  readonly notes: readonly { readonly text: string }[];
  readonly footer: string;
}

/** Data for `cards/price-choices.json`: buttons send `{ verb: 'price.pick', question }`. */
export interface PriceChoicesCardData {
  readonly title: string;
  readonly text: string;
  readonly choices: readonly { readonly label: string; readonly question: string }[];
}

export type PriceCard =
  | { readonly template: 'price-answer'; readonly data: PriceAnswerCardData }
  | { readonly template: 'price-choices'; readonly data: PriceChoicesCardData };

/** One message-extension result: the preview Teams lists, and the card inserted when picked. */
export interface PriceSearchResult {
  readonly title: string;
  readonly subtitle: string;
  readonly card: { readonly template: 'price-answer'; readonly data: PriceAnswerCardData };
}

export const PRICE_PICK_VERB = 'price.pick';

export function displayName(row: PriceRow): string {
  return row.serviceName === 'Virtual Machines'
    ? row.skuName.replace(/^Standard_/, '').replace(/_/g, ' ')
    : row.meterName;
}

const UNIT_LABELS: Record<string, MessageKey> = {
  '1 hour': 'prices.unit.hour',
  '1/month': 'prices.unit.month',
  '10k': 'prices.unit.10k',
  '1 gib/hour': 'prices.unit.gibHour',
  '1 gb/month': 'prices.unit.gbMonth',
};

/** "1 Hour" → "hour" / "시간" for "per …" phrases; other units are shown as the price list writes them. */
export function perUnit(unitOfMeasure: string, t: Translator): string {
  const key = UNIT_LABELS[unitOfMeasure.trim().toLowerCase()];
  return key ? t.t(key) : unitOfMeasure;
}

export function unitPrice(t: Translator, amount: Decimal, currency = 'USD'): string {
  return t.money(amount, currency, 6);
}

export function totalMoney(t: Translator, amount: Decimal, currency = 'USD'): string {
  return t.money(amount, currency, amount.abs().lt(1) ? 6 : 2);
}

const KOREAN_NAMES = new Map(KOREAN_REGION_NAMES.map((alias) => [alias.regionId, alias.alias]));

/** A region id as the partner reads it: "West Europe", or "서유럽" in Korean; never the id itself. */
export function regionLabel(
  regionId: string,
  snapshot: SnapshotInfo,
  t: Translator,
  fallback?: string,
): string {
  if (t.locale === 'ko-KR' && KOREAN_NAMES.has(regionId)) return KOREAN_NAMES.get(regionId)!;
  return snapshot.regionNames[regionId] ?? fallback ?? regionId;
}

function regionName(answer: Answered, t: Translator): string {
  const understood = answer.understood.region;
  const fallback = understood?.regionId === answer.row.armRegionName ? understood.displayName : undefined;
  return regionLabel(answer.row.armRegionName, answer.snapshot, t, fallback);
}

/** The answer card's data: product, SKU, meter, region, prices, PEC, and where the price comes from. */
export function buildPriceAnswerCard(answer: Answered, t: Translator): PriceAnswerCardData {
  const { row, understood } = answer;
  const unit = perUnit(row.unitOfMeasure, t);
  const region = regionName(answer, t);
  const facts: Fact[] = [
    { title: t.t('prices.fact.product'), value: row.productName },
    { title: t.t('prices.fact.sku'), value: row.skuName },
    { title: t.t('prices.fact.meter'), value: row.meterName },
    { title: t.t('prices.fact.region'), value: region },
    {
      title: t.t('prices.fact.unitPrice'),
      value: t.t('prices.perUnit', { price: unitPrice(t, row.unitPrice), unit }),
    },
  ];
  if (answer.quantity && answer.total) {
    facts.push({
      title: t.t('prices.fact.quantity'),
      value: t.t('prices.quantity', { quantity: t.number(answer.quantity), unit: row.unitOfMeasure }),
    });
    facts.push({ title: t.t('prices.fact.total'), value: totalMoney(t, answer.total) });
  }
  if (row.serviceName === 'Virtual Machines' || row.savingsPlan1Year) {
    facts.push({
      title: t.t('prices.fact.savingsPlan'),
      value: row.savingsPlan1Year
        ? answer.savingsPlan1YearTotal
          ? t.t('prices.savingsPlan.withTotal', {
              price: unitPrice(t, row.savingsPlan1Year),
              unit,
              total: totalMoney(t, answer.savingsPlan1YearTotal),
            })
          : t.t('prices.perUnit', { price: unitPrice(t, row.savingsPlan1Year), unit })
        : t.t('prices.savingsPlan.unknown'),
    });
  }
  const planNote = savingsPlanFact(answer, unit, t);
  if (planNote?.fact) facts.push(planNote.fact);
  facts.push({
    title: t.t('prices.fact.pec'),
    value: t.t(
      answer.pec.eligible ? 'prices.pec.eligible' : (`prices.pec.${answer.pec.reason}` as MessageKey),
    ),
  });
  const notes: { text: string }[] = [];
  if (planNote?.note) notes.push({ text: planNote.note });
  const stale = staleNote(answer.snapshot, t);
  if (stale) notes.push({ text: stale });
  if (answer.inCurrency) {
    const { conversion } = answer.inCurrency;
    if (conversion.ok && answer.inCurrency.unitPrice) {
      const params = {
        unitPrice: unitPrice(t, answer.inCurrency.unitPrice, conversion.currency),
        total: answer.inCurrency.total ? totalMoney(t, answer.inCurrency.total, conversion.currency) : '',
        unit,
        month: conversion.month,
        currency: conversion.currency,
        rate: conversion.usdPerUnit.toFixed(),
      };
      facts.push({
        title: t.t('prices.fact.inCurrency', { currency: conversion.currency }),
        value: t.t(answer.inCurrency.total ? 'prices.fx.converted' : 'prices.fx.convertedNoTotal', params),
      });
    } else if (!conversion.ok) {
      notes.push({
        text: t.t(conversion.reason === 'noFxTable' ? 'prices.fx.noTable' : 'prices.fx.noRateForMonth', {
          currency: conversion.currency,
          month: conversion.month,
        }),
      });
    }
  }
  if (row.serviceName === 'Virtual Machines' && !understood.osNamed)
    notes.push({ text: t.t('prices.note.linuxDefault') });
  notes.push(...unplacedNotes(understood, answer.snapshot, t).map((text) => ({ text })));
  if (understood.region?.corrected)
    notes.push({
      text: t.t('prices.note.corrected', {
        typed: understood.region.matched,
        meant: regionName(answer, t),
      }),
    });
  if (understood.sizeCorrected && understood.sizeTyped && understood.sizeName) {
    notes.push({
      text: t.t('prices.note.corrected', { typed: understood.sizeTyped, meant: understood.sizeName }),
    });
  }
  if (answer.sameMeter.length > 0) {
    const others = [...new Set(answer.sameMeter.map((other) => other.skuName))].slice(0, 5);
    notes.push({ text: t.t('prices.note.sameMeter', { others }) });
  }
  if (answer.tierCaveat) notes.push({ text: t.t('prices.note.storageTiers', { meter: row.meterName }) });
  if (answer.unusedQuantities.length > 0) {
    notes.push({
      text: t.t('prices.note.unusedQuantity', {
        parts: [...answer.unusedQuantities],
        unit: row.unitOfMeasure,
      }),
    });
  }
  if (understood.quantity.unread.length > 0) {
    notes.push({ text: t.t('prices.note.unreadNumbers', { numbers: [...understood.quantity.unread] }) });
  }
  if (answer.quantity && countsWholeMonthsOfHours(row.unitOfMeasure, understood.quantity.hours)) {
    notes.push({ text: t.t('prices.note.month') });
  }
  return {
    title: t.t('prices.answer.title', { name: displayName(row), region }),
    subtitle: row.productName,
    facts,
    notes,
    footer: snapshotFooter(answer.snapshot, t),
  };
}

/**
 * For a VM with a 1-year savings-plan price: whether the plan beats pay-as-you-go net of PEC and at
 * what use it breaks even. Without a commitment price, a question about the plan is told so.
 */
function savingsPlanFact(
  answer: Answered,
  unit: string,
  t: Translator,
): { fact?: Fact; note?: string } | null {
  if (answer.row.serviceName !== 'Virtual Machines') return null;
  const comparison = compareSavingsPlanToPayg(answer.row);
  if (comparison.kind === 'noCommitmentPrice')
    return answer.understood.namesSavingsPlan ? { note: t.t('prices.spVsPayg.none') } : null;
  const params = {
    plan: unitPrice(t, comparison.savingsPlanHourly),
    paygNet: unitPrice(t, comparison.paygNetHourly),
    unit,
    breakEven: t.percent(comparison.breakEvenNet),
    breakEvenGross: t.percent(comparison.breakEvenGross),
    saving: totalMoney(t, comparison.monthlySaving),
  };
  return {
    fact: {
      title: t.t('prices.fact.savingsPlanVsPayg'),
      value: t.t(comparison.planWinsAtFullUse ? 'prices.spVsPayg.wins' : 'prices.spVsPayg.loses', params),
    },
  };
}

/** Which price list answered and as of when: "your Partner Center price sheet, market KR, as of …". */
export function snapshotFooter(snapshot: SnapshotInfo, t: Translator): string {
  const date = t.date(snapshot.takenAt);
  const origin = snapshot.origin;
  return origin?.kind === 'partnerSheet'
    ? t.t('prices.footer.partnerSheet', { market: origin.market, date })
    : t.t('prices.footer.retail', { date, source: snapshot.source });
}

/** "Prices as of …, older than N days" when the snapshot is past PRICE_SNAPSHOT_MAX_AGE_DAYS. */
export function staleNote(snapshot: SnapshotInfo, t: Translator): string | null {
  const freshness = snapshot.freshness;
  if (!freshness?.stale) return null;
  return t.t('prices.stale', {
    date: t.date(freshness.takenAt),
    maxDays: freshness.maxAgeDays,
    ageDays: freshness.ageDays,
  });
}

/** What an unplaced word was read as, in the partner's language. */
function meaningLabel(word: UnplacedWord, snapshot: SnapshotInfo, t: Translator): string {
  const meaning = word.meaning;
  if (meaning.kind === 'region')
    return regionLabel(meaning.region.regionId, snapshot, t, meaning.region.displayName);
  if (meaning.kind === 'os') return t.t(`prices.os.${meaning.os}`);
  if (meaning.kind === 'priority') return t.t(`prices.priority.${meaning.priority}`);
  return '';
}

/** One line per word the engine did not place: what it ignored, or how it read it. */
function unplacedNotes(understood: Understood, snapshot: SnapshotInfo, t: Translator): string[] {
  return understood.unplaced
    .filter((word) => !word.changesAnswer)
    .map((word) =>
      word.meaning.kind === 'notCovered'
        ? t.t('prices.note.notCovered', { typed: word.typed })
        : t.t('prices.note.corrected', { typed: word.typed, meant: meaningLabel(word, snapshot, t) }),
    );
}

function choiceButtons(choices: readonly PriceChoice[]): { label: string; question: string }[] {
  return choices.map((choice) => ({ label: choice.label, question: choice.question }));
}

/** Choices, missing parts or "no snapshot", as the choices card (buttons only when there is something to pick). */
export function buildPriceChoicesCard(
  answer: Exclude<PriceAnswer, Answered>,
  t: Translator,
): PriceChoicesCardData {
  if (answer.kind === 'noSnapshot') return { title: t.t('prices.noSnapshot'), text: '', choices: [] };
  if (answer.kind === 'choices' && answer.topic === 'typo') {
    const typo = answer.understood.unplaced.find((word) => word.changesAnswer)!;
    return {
      title: t.t('prices.choices.title.typo', {
        typed: typo.typed,
        meant: meaningLabel(typo, answer.snapshot, t),
      }),
      text: t.t('prices.choices.text'),
      choices: choiceButtons(answer.choices),
    };
  }
  if (answer.kind === 'choices') {
    return {
      title: t.t(`prices.choices.title.${answer.topic}` as MessageKey),
      text: t.t('prices.choices.text'),
      choices: choiceButtons(answer.choices),
    };
  }
  const u = answer.understood;
  const lines = answer.missing.map((missing) => {
    if (missing === 'regionNotInSnapshot') {
      return t.t('prices.needMore.regionNotInSnapshot', {
        region: u.region ? regionLabel(u.region.regionId, answer.snapshot, t, u.region.displayName) : '',
        regions: answer.snapshot.regions.map((id) => regionLabel(id, answer.snapshot, t)),
      });
    }
    if (missing === 'noMatchingRow') {
      return t.t('prices.needMore.noMatchingRow', {
        os: t.t(`prices.os.${u.os}`),
        priority: t.t(`prices.priority.${u.priority}`),
        size: u.sizeName ?? '',
        region: u.region ? regionLabel(u.region.regionId, answer.snapshot, t, u.region.displayName) : '',
      });
    }
    return t.t(`prices.needMore.${missing}` as MessageKey);
  });
  lines.push(...unplacedNotes(u, answer.snapshot, t));
  return {
    title: t.t('prices.needMore.title'),
    text: lines.join('\n\n'),
    choices: choiceButtons(answer.suggestions),
  };
}

/** The card to send for any answer. */
export function buildPriceCard(answer: PriceAnswer, t: Translator): PriceCard {
  if (answer.kind === 'answer') return { template: 'price-answer', data: buildPriceAnswerCard(answer, t) };
  return { template: 'price-choices', data: buildPriceChoicesCard(answer, t) };
}

/** Message-extension results: a title/subtitle preview per hit plus the full answer card. */
export function buildPriceSearchResults(hits: readonly Answered[], t: Translator): PriceSearchResult[] {
  return hits.map((hit) => {
    const region = regionName(hit, t);
    return {
      title: `${displayName(hit.row)} · ${hit.row.productName}`,
      subtitle: t.t('prices.search.subtitle', {
        price: unitPrice(t, hit.row.unitPrice),
        unit: perUnit(hit.row.unitOfMeasure, t),
        region,
      }),
      card: { template: 'price-answer', data: buildPriceAnswerCard(hit, t) },
    };
  });
}

/** A plain-text reply (CLI, or a channel without cards). */
export function answerText(answer: PriceAnswer, t: Translator): string {
  if (answer.kind !== 'answer') {
    const card = buildPriceChoicesCard(answer, t);
    return [card.title, card.text, ...card.choices.map((choice) => `- ${choice.question}`)]
      .filter(Boolean)
      .join('\n');
  }
  const data = buildPriceAnswerCard(answer, t);
  const lines = [
    t.t('prices.text.answer', {
      name: displayName(answer.row),
      region: regionName(answer, t),
      price: unitPrice(t, answer.row.unitPrice),
      unit: perUnit(answer.row.unitOfMeasure, t),
    }),
  ];
  if (answer.quantity && answer.total) {
    lines.push(
      t.t('prices.text.total', {
        quantity: t.number(answer.quantity),
        unit: answer.row.unitOfMeasure,
        total: totalMoney(t, answer.total),
      }),
    );
  }
  lines.push(
    ...data.facts.map((fact) => `${fact.title}: ${fact.value}`),
    ...data.notes.map((note) => note.text),
    data.footer,
  );
  return lines.join('\n');
}
