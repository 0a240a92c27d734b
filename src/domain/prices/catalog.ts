import { Decimal } from 'decimal.js';
import { effectiveVersion, isVmProduct, type PriceRow, type PriceType } from './priceRow.js';
import { F, FIELD_COUNT, PriceTable, PriceTableBuilder } from './priceTable.js';
import { normalizeVmSize, VmSizeIndex } from './vmSize.js';

/** Where a snapshot came from and when it was taken. */
export interface SnapshotMeta {
  /** ISO date-time of the snapshot (newest `snapshotAt`/effective date of its rows). */
  readonly takenAt: string;
  /** Human-readable source, e.g. "Azure Retail Prices API via azure-pricing-radar (MIT)". */
  readonly source: string;
  /** Folder or file the rows were read from. */
  readonly location: string;
}

const EMPTY: readonly PriceRow[] = Object.freeze([]);

/**
 * An in-memory price catalog with the indexes a question needs: a structured lookup by row key is
 * one Map hit; a VM size in a region and a meter of a product in a region are Map hits too, so
 * answering a question never scans the rows.
 *
 * Rows are stored column-wise (a PriceTable: string ids in one Int32Array), the indexes map a key
 * to an Int32Array of row numbers, and a PriceRow (with its Decimals) is built only for a row a
 * lookup returns.
 */
export class PriceCatalog {
  readonly table: PriceTable;
  /**
   * The meterId index, without a million-entry Map: an open-addressing hash table (`meterSlots`,
   * row + 1 of the first row of a meterId, 0 when empty) over the meterId text, and `sameMeter`
   * chaining the other rows of that meterId in row order (-1 at the end). A meter has one row or a
   * few (SKUs, types, tiers, terms); the key's other parts are compared on that short chain, so no
   * key strings are built.
   */
  private readonly meterSlots: Int32Array;
  private readonly sameMeter: Int32Array;
  private readonly vmBySize: Map<string, Int32Array>;
  private readonly byMeter: Map<string, Int32Array>;
  /** Non-VM rows by region + product + skuName (storage SKUs such as "Hot LRS" hold several meters). */
  private readonly bySku: Map<string, Int32Array>;
  private readonly regionIds = new Set<string>();
  private readonly sortedRegions: readonly string[];
  readonly sizes = new VmSizeIndex();
  private readonly sizeDisplay = new Map<string, string>();
  /** One Decimal per distinct decimal text, built on first use (Decimal is immutable). */
  private readonly decimals = new Map<number, Decimal>();
  /** The key text of each distinct tier minimum ("0", "100"), by string id. */
  private readonly tierKeys = new Map<number, string>();

  constructor(
    rows: readonly PriceRow[] | PriceTable,
    readonly meta: SnapshotMeta,
  ) {
    if (rows instanceof PriceTable) this.table = rows;
    else {
      const builder = new PriceTableBuilder();
      for (const row of rows) builder.addRow(row);
      this.table = builder.build();
    }
    const indexes = buildIndexes(this.table, this.sizes, this.sizeDisplay, this.regionIds);
    this.vmBySize = indexes.vmBySize;
    this.byMeter = indexes.byMeter;
    this.bySku = indexes.bySku;
    const meters = PriceCatalog.meterIndex(this.table);
    this.meterSlots = meters.slots;
    this.sameMeter = meters.same;
    this.sortedRegions = [...this.regionIds].sort();
  }

  get rowCount(): number {
    return this.table.rowCount;
  }

  /** Every row as a PriceRow, built on each call: for tests and small catalogs; lookups use the indexes. */
  get rows(): readonly PriceRow[] {
    return Array.from({ length: this.rowCount }, (_, index) => this.row(index));
  }

  /** Row number `index` as a PriceRow (built on demand; equal rows are equal, not identical). */
  row(index: number): PriceRow {
    const t = this.table;
    return {
      currencyCode: t.text(index, F.currencyCode),
      serviceName: t.text(index, F.serviceName),
      armRegionName: t.text(index, F.armRegionName),
      productId: t.text(index, F.productId),
      skuId: t.text(index, F.skuId),
      meterId: t.text(index, F.meterId),
      type: t.text(index, F.type) as PriceType,
      reservationTerm: t.text(index, F.reservationTerm),
      productName: t.text(index, F.productName),
      skuName: t.text(index, F.skuName),
      meterName: t.text(index, F.meterName),
      unitOfMeasure: t.text(index, F.unitOfMeasure),
      tierMinimumUnits: this.decimal(t.id(index, F.tierMinimumUnits)),
      unitPrice: this.decimal(t.id(index, F.unitPrice)),
      unitPriceText: t.text(index, F.unitPrice),
      retailPrice: this.decimal(t.id(index, F.retailPrice)),
      savingsPlan1Year:
        t.id(index, F.savingsPlan1Year) < 0 ? null : this.decimal(t.id(index, F.savingsPlan1Year)),
      effectiveStartDate: t.optional(index, F.effectiveStartDate),
      effectiveEndDate: t.optional(index, F.effectiveEndDate),
      tags: t.text(index, F.tags),
    };
  }

  regions(): string[] {
    return [...this.sortedRegions];
  }

  hasRegion(regionId: string): boolean {
    return this.regionIds.has(regionId);
  }

  /** Structured lookup by skuId + meterId + type + tier + term, in force at `at` when given. */
  get(key: string, at?: Date): PriceRow | null {
    const first = key.indexOf('|');
    const second = key.indexOf('|', first + 1);
    const versions: number[] = [];
    const head = this.firstRowOfMeter(key, first + 1, second);
    for (let index = head; index >= 0; index = this.sameMeter[index])
      if (this.keyMatches(index, key, first, second)) versions.push(index);
    if (versions.length <= 1) return versions.length === 1 ? this.row(versions[0]) : null;
    const rows = versions.map((index) => this.row(index));
    // Several effective-date versions of one price: the one in force at `at`, else the newest.
    if (at) return effectiveVersion(rows, at);
    return rows.reduce((newest, row) =>
      (row.effectiveStartDate ?? '') >= (newest.effectiveStartDate ?? '') ? row : newest,
    );
  }

  /** VM rows of one size in one region (every product, OS and priority: the caller filters). */
  vmRows(regionId: string, sizeKey: string): readonly PriceRow[] {
    return this.rowsOf(this.vmBySize.get(`${regionId}|${sizeKey}`));
  }

  /** Rows of one meter of a non-VM product in one region (case-insensitive names). */
  meterRows(regionId: string, productName: string, meterName: string): readonly PriceRow[] {
    return this.rowsOf(this.byMeter.get(meterKey(regionId, productName, meterName)));
  }

  /** Rows of one SKU of a non-VM product in one region ("General Block Blob v2" / "Hot LRS"). */
  skuRows(regionId: string, productName: string, skuName: string): readonly PriceRow[] {
    return this.rowsOf(this.bySku.get(meterKey(regionId, productName, skuName)));
  }

  /** A readable spelling of a normalised size ("d2sv3" → "D2s v3"), as the price file writes it. */
  sizeName(sizeKey: string): string {
    return this.sizeDisplay.get(sizeKey) ?? sizeKey;
  }

  private rowsOf(list: Int32Array | undefined): readonly PriceRow[] {
    if (!list) return EMPTY;
    const rows: PriceRow[] = new Array<PriceRow>(list.length);
    for (let i = 0; i < list.length; i++) rows[i] = this.row(list[i]);
    return rows;
  }

  private decimal(id: number): Decimal {
    let value = this.decimals.get(id);
    if (!value) {
      value = new Decimal(this.table.strings[id]);
      this.decimals.set(id, value);
    }
    return value;
  }

  /** The first row whose meterId is `text.slice(start, end)`, or -1. */
  private firstRowOfMeter(text: string, start: number, end: number): number {
    const { cells, strings } = this.table;
    const mask = this.meterSlots.length - 1;
    const length = end - start;
    for (let slot = hashText(text, start, end) & mask; ; slot = (slot + 1) & mask) {
      const row = this.meterSlots[slot] - 1;
      if (row < 0) return -1;
      const meterId = strings[cells[row * FIELD_COUNT + F.meterId]];
      if (meterId.length === length && text.startsWith(meterId, start)) return row;
    }
  }

  private static meterIndex(table: PriceTable): { slots: Int32Array; same: Int32Array } {
    const { cells, strings } = table;
    const rowCount = table.rowCount;
    let capacity = 16;
    while (capacity < rowCount * 2) capacity *= 2;
    const slots = new Int32Array(capacity);
    const same = new Int32Array(rowCount).fill(-1);
    const mask = capacity - 1;
    // From the last row to the first, each row becomes the head of its chain: chains in row order.
    for (let r = rowCount - 1; r >= 0; r--) {
      const id = cells[r * FIELD_COUNT + F.meterId];
      const meterId = strings[id];
      for (let slot = hashText(meterId, 0, meterId.length) & mask; ; slot = (slot + 1) & mask) {
        const head = slots[slot] - 1;
        if (head < 0) {
          slots[slot] = r + 1;
          break;
        }
        if (cells[head * FIELD_COUNT + F.meterId] === id) {
          same[r] = head;
          slots[slot] = r + 1;
          break;
        }
      }
    }
    return { slots, same };
  }

  /**
   * Whether `key` (skuId|meterId|type|tier|term) is this row's key, compared in place: no strings
   * are built, so a structured lookup stays a Map hit plus a few character comparisons.
   */
  private keyMatches(index: number, key: string, first: number, second: number): boolean {
    const t = this.table;
    const skuId = t.text(index, F.skuId);
    if (first !== skuId.length || !key.startsWith(skuId)) return false;
    let at = second + 1;
    const type = t.text(index, F.type);
    if (!key.startsWith(type, at) || key.charCodeAt(at + type.length) !== 124) return false;
    at += type.length + 1;
    const tier = this.tierKey(t.id(index, F.tierMinimumUnits));
    if (!key.startsWith(tier, at) || key.charCodeAt(at + tier.length) !== 124) return false;
    at += tier.length + 1;
    const term = t.text(index, F.reservationTerm);
    return key.length - at === term.length && key.endsWith(term);
  }

  private tierKey(id: number): string {
    let key = this.tierKeys.get(id);
    if (key === undefined) {
      const tier = this.decimal(id);
      key = tier.isZero() ? '0' : tier.toFixed();
      this.tierKeys.set(id, key);
    }
    return key;
  }
}

/** The VM-size and meter indexes, computed per distinct string id rather than per row. */
function buildIndexes(
  table: PriceTable,
  sizes: VmSizeIndex,
  sizeDisplay: Map<string, string>,
  regionIds: Set<string>,
): { vmBySize: Map<string, Int32Array>; byMeter: Map<string, Int32Array>; bySku: Map<string, Int32Array> } {
  const { cells, strings } = table;
  const rowCount = table.rowCount;
  const lower = new Map<number, string>();
  const lowerOf = (id: number) => {
    let value = lower.get(id);
    if (value === undefined) lower.set(id, (value = strings[id].toLowerCase()));
    return value;
  };
  /** Per (service, product) id pair: is it a VM product. */
  const vmProduct = new Map<number, boolean>();
  /** Size number of each VM skuName id, and the size keys by number. */
  const sizeOfSku = new Map<number, number>();
  const sizeKeys: string[] = [];
  const sizeNumber = new Map<string, number>();
  /** Rows by region id × size number while building (no key string per row); string keys at the end. */
  const vmByRegionSize = new Grouping<number>(rowCount);
  const byMeter = new Grouping<string>(rowCount);
  const bySku = new Grouping<string>(rowCount);
  const seenRegions = new Set<number>();
  for (let r = 0; r < rowCount; r++) {
    const base = r * FIELD_COUNT;
    const regionId = cells[base + F.armRegionName];
    if (!seenRegions.has(regionId)) {
      seenRegions.add(regionId);
      regionIds.add(strings[regionId]);
    }
    const serviceId = cells[base + F.serviceName];
    const productId = cells[base + F.productName];
    const pair = productId * 2 ** 26 + (serviceId + 1); // < 2^53 for any realistic string table
    let vm = vmProduct.get(pair);
    const service = strings[serviceId] ?? '';
    if (vm === undefined) {
      vm = isVmProduct({ serviceName: service, productName: strings[productId] });
      vmProduct.set(pair, vm);
    }
    const skuId = cells[base + F.skuName];
    if (vm) {
      let size = sizeOfSku.get(skuId);
      if (size === undefined) {
        const skuName = strings[skuId];
        const sizeKey = normalizeVmSize(skuName);
        size = sizeNumber.get(sizeKey);
        if (size === undefined) {
          size = sizeKeys.push(sizeKey) - 1;
          sizeNumber.set(sizeKey, size);
        }
        sizeOfSku.set(skuId, size);
        sizes.add(sizeKey);
        if (!sizeDisplay.has(sizeKey)) {
          const display = skuName.replace(/\s+(spot|low priority)$/i, '');
          sizeDisplay.set(sizeKey, display.replace(/^Standard_/i, '').replace(/_/g, ' '));
        }
      }
      vmByRegionSize.add(regionId * 2 ** 20 + size, r);
    } else if (service !== 'Virtual Machines') {
      const regionLower = lowerOf(regionId);
      const productLower = lowerOf(productId);
      byMeter.add(`${regionLower}|${productLower}|${lowerOf(cells[base + F.meterName])}`, r);
      bySku.add(`${regionLower}|${productLower}|${lowerOf(skuId)}`, r);
    }
  }
  const vmBySize = new Map<string, Int32Array>();
  for (const [key, list] of vmByRegionSize.build()) {
    const size = key % 2 ** 20;
    vmBySize.set(`${strings[(key - size) / 2 ** 20]}|${sizeKeys[size]}`, list);
  }
  return { vmBySize, byMeter: byMeter.build(), bySku: bySku.build() };
}

/** FNV-1a over the UTF-16 code units of `text.slice(start, end)` (no substring is built). */
function hashText(text: string, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/**
 * Rows grouped by key without a growing array per key: each row gets its key's group number, and
 * build() lays the groups out in one Int32Array (counting sort, rows in order) and hands out views.
 */
class Grouping<K> {
  private readonly groups = new Map<K, number>();
  private readonly groupOfRow: Int32Array;

  constructor(rowCount: number) {
    this.groupOfRow = new Int32Array(rowCount).fill(-1);
  }

  add(key: K, row: number): void {
    let group = this.groups.get(key);
    if (group === undefined) {
      group = this.groups.size;
      this.groups.set(key, group);
    }
    this.groupOfRow[row] = group;
  }

  build(): Map<K, Int32Array> {
    const starts = new Int32Array(this.groups.size + 1);
    for (const group of this.groupOfRow) if (group >= 0) starts[group + 1]++;
    for (let g = 0; g < this.groups.size; g++) starts[g + 1] += starts[g];
    const flat = new Int32Array(starts[this.groups.size]);
    const fill = starts.slice(0, this.groups.size);
    this.groupOfRow.forEach((group, row) => {
      if (group >= 0) flat[fill[group]++] = row;
    });
    const result = new Map<K, Int32Array>();
    for (const [key, group] of this.groups) result.set(key, flat.subarray(starts[group], starts[group + 1]));
    return result;
  }
}

function meterKey(regionId: string, productName: string, meterName: string): string {
  return `${regionId}|${productName}|${meterName}`.toLowerCase();
}
