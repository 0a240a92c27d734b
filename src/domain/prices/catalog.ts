import { effectiveVersion, isVmProduct, type PriceRow } from './priceRow.js';
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

/**
 * An in-memory price catalog with the indexes a question needs: a structured lookup by row key is
 * one Map hit; a VM size in a region and a meter of a product in a region are Map hits too, so
 * answering a question never scans the rows.
 */
export class PriceCatalog {
  /**
   * Rows by meterId (a meter has one row, or a few across SKUs, types, tiers and terms): the key's
   * other parts are compared on that short list, so no million key strings are built.
   */
  private readonly byMeterId = new Map<string, PriceRow | PriceRow[]>();
  /** Cached per distinct name (a few thousand), not recomputed per row. */
  private readonly sizeKeyOfSku = new Map<string, string>();
  private readonly vmProduct = new Map<string, boolean>();
  private readonly vmBySize = new Map<string, PriceRow[]>();
  private readonly byMeter = new Map<string, PriceRow[]>();
  /** Non-VM rows by region + product + skuName (storage SKUs such as "Hot LRS" hold several meters). */
  private readonly bySku = new Map<string, PriceRow[]>();
  private readonly regionIds = new Set<string>();
  readonly sizes = new VmSizeIndex();
  private readonly sizeDisplay = new Map<string, string>();

  constructor(
    readonly rows: readonly PriceRow[],
    readonly meta: SnapshotMeta,
  ) {
    for (const row of rows) this.index(row);
  }

  get rowCount(): number {
    return this.rows.length;
  }

  regions(): string[] {
    return [...this.regionIds].sort();
  }

  hasRegion(regionId: string): boolean {
    return this.regionIds.has(regionId);
  }

  /** Structured lookup by skuId + meterId + type + tier + term, in force at `at` when given. */
  get(key: string, at?: Date): PriceRow | null {
    const first = key.indexOf('|');
    const second = key.indexOf('|', first + 1);
    const entry = this.byMeterId.get(key.slice(first + 1, second));
    if (!entry) return null;
    if (!Array.isArray(entry)) return keyMatches(entry, key, first, second) ? entry : null;
    const versions = entry.filter((row) => keyMatches(row, key, first, second));
    if (versions.length <= 1) return versions[0] ?? null;
    // Several effective-date versions of one price: the one in force at `at`, else the newest.
    if (at) return effectiveVersion(versions, at);
    return versions.reduce((newest, row) =>
      (row.effectiveStartDate ?? '') >= (newest.effectiveStartDate ?? '') ? row : newest,
    );
  }

  /** VM rows of one size in one region (every product, OS and priority: the caller filters). */
  vmRows(regionId: string, sizeKey: string): readonly PriceRow[] {
    return this.vmBySize.get(`${regionId}|${sizeKey}`) ?? [];
  }

  /** Rows of one meter of a non-VM product in one region (case-insensitive names). */
  meterRows(regionId: string, productName: string, meterName: string): readonly PriceRow[] {
    return this.byMeter.get(meterKey(regionId, productName, meterName)) ?? [];
  }

  /** Rows of one SKU of a non-VM product in one region ("General Block Blob v2" / "Hot LRS"). */
  skuRows(regionId: string, productName: string, skuName: string): readonly PriceRow[] {
    return this.bySku.get(meterKey(regionId, productName, skuName)) ?? [];
  }

  /** A readable spelling of a normalised size ("d2sv3" → "D2s v3"), as the price file writes it. */
  sizeName(sizeKey: string): string {
    return this.sizeDisplay.get(sizeKey) ?? sizeKey;
  }

  private index(row: PriceRow): void {
    this.regionIds.add(row.armRegionName);
    const existing = this.byMeterId.get(row.meterId);
    if (!existing) this.byMeterId.set(row.meterId, row);
    else if (Array.isArray(existing)) existing.push(row);
    else this.byMeterId.set(row.meterId, [existing, row]);
    let vm = this.vmProduct.get(row.productName);
    if (vm === undefined) {
      vm = isVmProduct(row);
      this.vmProduct.set(row.productName, vm);
    }
    if (vm) {
      let sizeKey = this.sizeKeyOfSku.get(row.skuName);
      if (sizeKey === undefined) {
        sizeKey = normalizeVmSize(row.skuName);
        this.sizeKeyOfSku.set(row.skuName, sizeKey);
        this.sizes.add(sizeKey);
        if (!this.sizeDisplay.has(sizeKey)) {
          const base = row.skuName.replace(/\s+(spot|low priority)$/i, '');
          this.sizeDisplay.set(sizeKey, base.replace(/^Standard_/i, '').replace(/_/g, ' '));
        }
      }
      push(this.vmBySize, `${row.armRegionName}|${sizeKey}`, row);
    } else if (row.serviceName !== 'Virtual Machines') {
      push(this.byMeter, meterKey(row.armRegionName, row.productName, row.meterName), row);
      push(this.bySku, meterKey(row.armRegionName, row.productName, row.skuName), row);
    }
  }
}

/**
 * Whether `key` (skuId|meterId|type|tier|term) is this row's key, compared in place: no strings
 * are built, so a structured lookup stays a Map hit plus a few character comparisons.
 */
function keyMatches(row: PriceRow, key: string, first: number, second: number): boolean {
  if (first !== row.skuId.length || !key.startsWith(row.skuId)) return false;
  let at = second + 1;
  if (!key.startsWith(row.type, at) || key.charCodeAt(at + row.type.length) !== 124) return false;
  at += row.type.length + 1;
  const tier = row.tierMinimumUnits.isZero() ? '0' : row.tierMinimumUnits.toFixed();
  if (!key.startsWith(tier, at) || key.charCodeAt(at + tier.length) !== 124) return false;
  at += tier.length + 1;
  return key.length - at === row.reservationTerm.length && key.endsWith(row.reservationTerm);
}

function meterKey(regionId: string, productName: string, meterName: string): string {
  return `${regionId}|${productName}|${meterName}`.toLowerCase();
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
