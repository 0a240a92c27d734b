import type { Estimate, EstimateLine } from '../../domain/prices/estimate.js';
import type { Translator } from '../../i18n/translator.js';
import {
  displayName,
  perUnit,
  regionLabel,
  snapshotFooter,
  staleNote,
  totalMoney,
  unitPrice,
  type Fact,
} from './priceCards.js';

/** Data for `cards/price-estimate.json`. */
export interface PriceEstimateCardData {
  readonly title: string;
  readonly subtitle: string;
  readonly lines: readonly { readonly heading: string; readonly facts: readonly Fact[] }[];
  readonly totals: readonly Fact[];
  readonly notes: readonly { readonly text: string }[];
  readonly footer: string;
}

function lineRegion(line: EstimateLine, t: Translator): string {
  return regionLabel(line.answer.row.armRegionName, line.answer.snapshot, t);
}

/** One card for a several-line estimate: each line with its PEC, the total, and the FX month when asked. */
export function buildEstimateCard(estimate: Estimate, t: Translator): PriceEstimateCardData {
  const lines = estimate.lines.map((line, index) => {
    const { row } = line.answer;
    const unit = perUnit(row.unitOfMeasure, t);
    const facts: Fact[] = [
      { title: t.t('prices.fact.product'), value: row.productName },
      {
        title: t.t('prices.fact.unitPrice'),
        value: t.t('prices.perUnit', { price: unitPrice(t, row.unitPrice), unit }),
      },
      {
        title: t.t('prices.fact.quantity'),
        value: t.t('prices.quantity', { quantity: t.number(line.quantity), unit: row.unitOfMeasure }),
      },
      { title: t.t('prices.fact.total'), value: totalMoney(t, line.total) },
      {
        title: t.t('prices.fact.pec'),
        value: line.answer.pec.eligible
          ? t.t('prices.estimate.pecLine', {
              amount: totalMoney(t, line.pec),
              rate: t.percent(line.pecRate, 2),
            })
          : t.t(`prices.pec.${line.answer.pec.reason ?? 'spot'}`),
      },
      { title: t.t('prices.estimate.net'), value: totalMoney(t, line.net) },
    ];
    return {
      heading: t.t('prices.estimate.line', {
        index: index + 1,
        name: displayName(row),
        region: lineRegion(line, t),
      }),
      facts,
    };
  });
  const totals: Fact[] = [
    { title: t.t('prices.estimate.totalList'), value: totalMoney(t, estimate.total) },
    { title: t.t('prices.estimate.totalPec'), value: totalMoney(t, estimate.pec) },
    { title: t.t('prices.estimate.totalNet'), value: totalMoney(t, estimate.net) },
  ];
  const fx = estimate.inCurrency;
  if (fx) {
    totals.push({
      title: t.t('prices.fact.inCurrency', { currency: fx.currency }),
      value: t.t('prices.estimate.fx', {
        net: totalMoney(t, fx.net, fx.currency),
        month: fx.month,
        currency: fx.currency,
        rate: fx.usdPerUnit.toFixed(),
      }),
    });
  }
  const notes: { text: string }[] = [];
  const basis = estimate.pecBasis;
  notes.push({
    text:
      basis.kind === 'fullMonth'
        ? t.t('prices.estimate.basis.fullMonth', { role: basis.role })
        : basis.kind === 'days'
          ? t.t('prices.estimate.basis.days', {
              role: basis.role,
              days: basis.days,
              monthDays: basis.monthDays,
            })
          : t.t(`prices.estimate.basis.${basis.reason}`, { role: basis.role ?? '' }),
  });
  for (const line of estimate.lines) {
    if (line.disksFromCapacity)
      notes.push({
        text: t.t('prices.estimate.disks', {
          said: line.disksFromCapacity.said,
          count: line.quantity.toNumber(),
          tier: line.answer.row.meterName,
          gib: line.disksFromCapacity.tierGiB,
        }),
      });
  }
  for (const line of estimate.unpriced)
    notes.push({ text: t.t('prices.estimate.unpriced', { line: line.typed }) });
  const asked = estimate.lines.find((line) => line.answer.understood.currency)?.answer.understood.currency;
  if (asked && !fx) notes.push({ text: t.t('prices.fx.noTable') });
  const snapshot = estimate.lines[0]?.answer.snapshot;
  const stale = snapshot ? staleNote(snapshot, t) : null;
  if (stale) notes.push({ text: stale });
  return {
    title: t.t('prices.estimate.title'),
    subtitle: t.t('prices.estimate.subtitle', { count: estimate.lines.length }),
    lines,
    totals,
    notes,
    footer: snapshot ? snapshotFooter(snapshot, t) : '',
  };
}

function csvCell(value: string): string {
  // A cell starting with = + - @ is prefixed so a spreadsheet never runs it as a formula.
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The estimate as CSV (USD, plain decimals, one row per line and a total row) for the partner to download. */
export function estimateCsv(estimate: Estimate): string {
  const header = [
    'Line',
    'Typed',
    'ProductName',
    'SkuName',
    'MeterName',
    'ArmRegionName',
    'UnitOfMeasure',
    'UnitPriceUSD',
    'Quantity',
    'TotalUSD',
    'PecRate',
    'PecUSD',
    'NetUSD',
    'MeterId',
  ];
  const fx = estimate.inCurrency;
  if (fx) header.push(`Net${fx.currency}`, 'FxMonth', `USDPer${fx.currency}`);
  const rows = estimate.lines.map((line, index) => {
    const { row } = line.answer;
    const cells = [
      String(index + 1),
      line.typed,
      row.productName,
      row.skuName,
      row.meterName,
      row.armRegionName,
      row.unitOfMeasure,
      row.unitPrice.toFixed(),
      line.quantity.toFixed(),
      line.total.toFixed(2),
      line.pecRate.toDecimalPlaces(6).toFixed(),
      line.pec.toFixed(2),
      line.net.toFixed(2),
      row.meterId,
    ];
    if (fx) cells.push(fx.lineNets[index].toFixed(2), fx.month, fx.usdPerUnit.toFixed());
    return cells;
  });
  const total = [
    'Total',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    estimate.total.toFixed(2),
    '',
    estimate.pec.toFixed(2),
    estimate.net.toFixed(2),
    '',
  ];
  if (fx) total.push(fx.net.toFixed(2), fx.month, fx.usdPerUnit.toFixed());
  return `${[header, ...rows, total].map((cells) => cells.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
