import type { Writable } from 'node:stream';
import { Decimal } from 'decimal.js';
import { billingPreTaxTotal, floorToCents } from '../../domain/billing/rounding.js';
import { dayEligibility } from '../../domain/pec/pecEligibility.js';
import { meterPecEligibility } from '../../domain/pec/meterEligibility.js';
import { daysOfMonth } from '../../domain/pec/wholeDay.js';
import { DAILY_RATED_USAGE_COLUMNS } from './reconColumns.js';
import { toGrant, type AccessRecord } from './accessRecords.js';
import type { SnapshotPriceRow } from './priceSnapshotRows.js';

/**
 * SYNTHETIC daily rated usage files for tests and benchmarks. No real recon file is public, so rows
 * are built from real retail price snapshot rows with made-up customers, resources and access. Every
 * row says so: PartnerName/CustomerName carry "(SYNTHETIC)" and AdditionalInfo {"synthetic":true}.
 */
export interface SyntheticReconOptions {
  seed: number;
  /** 'YYYY-MM'. */
  month: string;
  /** Approximate number of data rows (rounded up to whole resource-days). */
  targetRows: number;
  customers: number;
  billingCurrency: string;
  /** PCToBCExchangeRate for the month (EUR example from the docs: 0.846202666). */
  fxRate: string;
  /** Corrupt extra lines to exercise line-numbered validation. */
  badRows: number;
  /** Rows whose recorded PEC is flipped against the access records. */
  mismatchRows: number;
}

export const DEFAULT_SYNTHETIC_OPTIONS: SyntheticReconOptions = {
  seed: 7,
  month: '2026-07',
  targetRows: 2_000,
  customers: 4,
  billingCurrency: 'EUR',
  fxRate: '0.846202666',
  badRows: 3,
  mismatchRows: 4,
};

export type SeededGapKind = 'accessRemoved' | 'lateStartPartialDay' | 'readOnlyRole';

/** An access gap the generator planted: the report must show lost PEC on these days for eligible resources in scope. */
export interface SeededGap {
  kind: SeededGapKind;
  customerId: string;
  subscriptionId: string;
  resourceGroup?: string;
  days: string[];
}

export interface SyntheticResource {
  customerId: string;
  subscriptionId: string;
  resourceGroup: string;
  resourceUri: string;
  meterId: string;
  pecEligibleMeter: boolean;
}

export interface SyntheticReconManifest {
  synthetic: true;
  note: string;
  month: string;
  dataRows: number;
  resources: SyntheticResource[];
  gaps: SeededGap[];
  mismatches: Array<{ line: number; kind: 'pecMissing' | 'pecUnexpected' }>;
  badLines: number[];
  priceSource: string;
}

/** Small deterministic PRNG (mulberry32) so a seed always gives the same file. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function guid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function cell(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

interface Customer {
  id: string;
  name: string;
  planId: string;
  subscriptions: string[];
}

interface ResourcePlan extends SyntheticResource {
  price: SnapshotPriceRow;
  quantity: string;
  /** Pre-rendered row cells for the two PEC states: [with PEC, without PEC] → [EUP, billing, pricing]. */
  amounts: Record<'pec' | 'none', { eup: string; billing: string; pricing: string }>;
  customer: Customer;
}

function pickPool(prices: readonly SnapshotPriceRow[], random: () => number): SnapshotPriceRow[] {
  const positive = prices.filter((p) => new Decimal(p.retailPrice).gt(0) && p.type === 'Consumption');
  const vms = positive.filter((p) => p.unitOfMeasure === '1 Hour' && !/spot|low priority/i.test(p.meterName));
  const spot = positive.filter((p) => p.unitOfMeasure === '1 Hour' && /spot/i.test(p.meterName));
  const disks = positive.filter((p) => p.unitOfMeasure === '1/Month' && /disk$/i.test(p.meterName));
  const sample = (list: SnapshotPriceRow[], n: number): SnapshotPriceRow[] =>
    list.length === 0 ? [] : Array.from({ length: n }, () => list[Math.floor(random() * list.length)]);
  const pool = [...sample(vms, 40), ...sample(spot, 3), ...sample(disks, 8)];
  if (pool.length === 0)
    throw new Error('No usable price rows (need Consumption VM "1 Hour" or disk "1/Month" rows)');
  return pool;
}

/** Writes a synthetic daily rated usage CSV to `out` and returns the access records and what was seeded. */
export async function writeSyntheticRecon(
  prices: readonly SnapshotPriceRow[],
  options: SyntheticReconOptions,
  out: Writable,
  priceSource: string,
): Promise<{ manifest: SyntheticReconManifest; access: AccessRecord[] }> {
  const random = prng(options.seed);
  const days = daysOfMonth(options.month);
  const last = days[days.length - 1];
  const pool = pickPool(prices, random);
  const fx = new Decimal(options.fxRate);
  const pecFactor = new Decimal('0.85');
  const partnerId = guid(random);

  const customers: Customer[] = Array.from({ length: options.customers }, (_, i) => ({
    id: guid(random),
    name: `Synthetic Customer ${String(i + 1).padStart(2, '0')} (SYNTHETIC)`,
    planId: guid(random),
    subscriptions: [guid(random), guid(random)],
  }));

  // Access: sub 1 Owner at subscription scope with a removed stretch; sub 2 Contributor per resource
  // group, rg-app from day 10 at 15:00 (partial day); every third customer only has Reader on sub 2.
  const access: AccessRecord[] = [];
  const gaps: SeededGap[] = [];
  customers.forEach((customer, i) => {
    const [sub1, sub2] = customer.subscriptions;
    const gapStart = 5 + (i % 7);
    const gapEnd = gapStart + 2 + (i % 3);
    access.push(
      {
        customerId: customer.id,
        subscriptionId: sub1,
        role: 'Owner',
        from: `${options.month}-01`,
        to: days[gapStart - 1],
        holder: i % 2 ? 'reseller' : 'partner',
      },
      {
        customerId: customer.id,
        subscriptionId: sub1,
        role: 'Owner',
        from: days[gapEnd],
        to: null,
        holder: 'partner',
      },
    );
    gaps.push({
      kind: 'accessRemoved',
      customerId: customer.id,
      subscriptionId: sub1,
      days: days.slice(gapStart - 1, gapEnd),
    });
    if (i % 3 === 2) {
      access.push({
        customerId: customer.id,
        subscriptionId: sub2,
        role: 'Reader',
        from: `${options.month}-01`,
        to: null,
      });
      gaps.push({ kind: 'readOnlyRole', customerId: customer.id, subscriptionId: sub2, days: [...days] });
    } else {
      access.push(
        {
          customerId: customer.id,
          subscriptionId: sub2,
          resourceGroup: 'rg-data',
          role: 'Contributor',
          from: `${options.month}-01`,
          to: null,
        },
        {
          customerId: customer.id,
          subscriptionId: sub2,
          resourceGroup: 'rg-app',
          role: 'Virtual Machine Contributor',
          from: `${days[9]}T15:00:00Z`,
          to: null,
        },
      );
      gaps.push({
        kind: 'lateStartPartialDay',
        customerId: customer.id,
        subscriptionId: sub2,
        resourceGroup: 'rg-app',
        days: days.slice(0, 10),
      });
    }
  });

  const resourceCount = Math.max(1, Math.ceil(options.targetRows / days.length));
  const groups = ['rg-web', 'rg-data', 'rg-app'];
  const resources: ResourcePlan[] = Array.from({ length: resourceCount }, (_, r) => {
    const customer = customers[r % customers.length];
    const subscriptionId = customer.subscriptions[Math.floor(r / customers.length) % 2];
    const resourceGroup = subscriptionId === customer.subscriptions[0] ? 'rg-web' : groups[1 + (r % 2)];
    const price = pool[Math.floor(random() * pool.length)];
    const isVm = price.unitOfMeasure === '1 Hour';
    const quantity = isVm ? '24' : new Decimal(1).dividedBy(days.length).toDecimalPlaces(6).toFixed();
    const provider = isVm ? 'Microsoft.Compute/virtualMachines' : 'Microsoft.Compute/disks';
    const resourceUri = `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/${provider}/synth-${r}`;
    const up = new Decimal(price.retailPrice);
    const q = new Decimal(quantity);
    const amountsFor = (eup: Decimal) => ({
      eup: eup.toFixed(),
      billing: billingPreTaxTotal(eup, q, fx).toFixed(2),
      pricing: floorToCents(eup.times(q)).toFixed(2),
    });
    return {
      customerId: customer.id,
      subscriptionId,
      resourceGroup,
      resourceUri,
      meterId: price.meterId,
      pecEligibleMeter: meterPecEligibility({ meterName: price.meterName, skuName: price.skuName }).eligible,
      price,
      quantity,
      amounts: { pec: amountsFor(up.times(pecFactor)), none: amountsFor(up) },
      customer,
    };
  });

  const grantsByCustomer = new Map(
    customers.map((c) => [c.id, access.filter((a) => a.customerId === c.id).map(toGrant)]),
  );
  const totalRows = resources.length * days.length;
  // Flip a few rows: eligible rows recorded without PEC, and Spot rows recorded with PEC.
  const mismatchAt = new Map<number, 'pecMissing' | 'pecUnexpected'>();
  for (let k = 0; k < options.mismatchRows; k++) {
    mismatchAt.set(Math.floor(random() * totalRows), k % 2 === 0 ? 'pecMissing' : 'pecUnexpected');
  }
  const badAfter = new Set(Array.from({ length: options.badRows }, () => Math.floor(random() * totalRows)));

  const header = DAILY_RATED_USAGE_COLUMNS.join(',');
  const fxDate = new Date(
    Date.UTC(Number(options.month.slice(0, 4)), Number(options.month.slice(5, 7)) - 1, 0),
  )
    .toISOString()
    .slice(0, 10);
  const partnerName = 'Synthetic Partner Ltd (SYNTHETIC)';
  const additional = cell('{"synthetic":true,"generator":"recon-generate"}');
  const tags = cell('{"env":"synthetic"}');
  let buffer = `${header}\n`;
  let line = 1;
  const mismatches: SyntheticReconManifest['mismatches'] = [];
  const badLines: number[] = [];
  let index = 0;

  const flush = async (): Promise<void> => {
    if (!out.write(buffer)) await new Promise<void>((resolve) => out.once('drain', resolve));
    buffer = '';
  };

  for (const day of days) {
    for (const res of resources) {
      const grants = grantsByCustomer.get(res.customerId) ?? [];
      let pec = dayEligibility(grants, res, day, {
        meterName: res.price.meterName,
        skuName: res.price.skuName,
      }).eligible;
      const flip = mismatchAt.get(index);
      if (flip === 'pecMissing' && pec) {
        pec = false;
        mismatches.push({ line: line + 1, kind: 'pecMissing' });
      } else if (flip === 'pecUnexpected' && !res.pecEligibleMeter) {
        pec = true;
        mismatches.push({ line: line + 1, kind: 'pecUnexpected' });
      }
      const a = pec ? res.amounts.pec : res.amounts.none;
      const p = res.price;
      const c = res.customer;
      const row = [
        partnerId,
        partnerName,
        c.id,
        cell(c.name),
        `synthetic${c.id.slice(0, 6)}.onmicrosoft.com`,
        'DE',
        '1234567',
        '',
        '',
        p.productId,
        p.skuId,
        '',
        cell(p.skuName),
        cell(p.productName),
        'Microsoft',
        '',
        'Microsoft Azure plan',
        c.planId,
        `${options.month}-01`,
        last,
        day,
        p.unitOfMeasure,
        p.serviceName,
        p.meterId,
        cell(p.productName),
        cell(p.meterName),
        'EU West',
        p.unitOfMeasure,
        p.armRegionName,
        p.unitOfMeasure === '1 Hour' ? 'Microsoft.Compute' : 'Microsoft.Storage',
        res.resourceGroup,
        res.resourceUri,
        'new',
        p.retailPrice,
        res.quantity,
        p.unitOfMeasure,
        a.billing,
        options.billingCurrency,
        a.pricing,
        'USD',
        '',
        '',
        tags,
        additional,
        a.eup,
        options.fxRate,
        fxDate,
        res.subscriptionId,
        'Synthetic subscription',
        pec ? '15' : '0',
        '0',
        '',
        '',
        '',
        '',
      ].join(',');
      buffer += `${row}\n`;
      line += 1;
      if (badAfter.has(index)) {
        // A corrupt copy: quantity not a number, to be reported with its line number and skipped.
        buffer += `${row.replace(`,${res.quantity},${p.unitOfMeasure},`, `,n/a,${p.unitOfMeasure},`)}\n`;
        line += 1;
        badLines.push(line);
      }
      index += 1;
      if (buffer.length > 1 << 20) await flush();
    }
  }
  await flush();

  return {
    access,
    manifest: {
      synthetic: true,
      note: 'SYNTHETIC data generated from real retail price rows; customers, resources, access and usage are invented.',
      month: options.month,
      dataRows: totalRows,
      resources: resources.map(
        ({ customerId, subscriptionId, resourceGroup, resourceUri, meterId, pecEligibleMeter }) => ({
          customerId,
          subscriptionId,
          resourceGroup,
          resourceUri,
          meterId,
          pecEligibleMeter,
        }),
      ),
      gaps,
      mismatches,
      badLines,
      priceSource,
    },
  };
}
