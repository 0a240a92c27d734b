import { effectiveVersion, isVmProduct, priceRowKey, type PriceRow } from './priceRow.js';
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
  private readonly byKey = new Map<string, PriceRow>();
  /** Keys with more than one effective-date version (rare): every version, for date lookups. */
  private readonly history = new Map<string, PriceRow[]>();
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
    const versions = at ? this.history.get(key) : undefined;
    if (versions && at) return effectiveVersion(versions, at);
    return this.byKey.get(key) ?? null;
  }

  /** VM rows of one size in one region (every product, OS and priority: the caller filters). */
  vmRows(regionId: string, sizeKey: string): readonly PriceRow[] {
    return this.vmBySize.get(`${regionId}|${sizeKey}`) ?? [];
  }

  /** Rows of one meter of one product in one region (case-insensitive names). */
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
    const key = priceRowKey(row);
    const previous = this.byKey.get(key);
    if (previous) {
      const versions = this.history.get(key) ?? [previous];
      versions.push(row);
      this.history.set(key, versions);
      // The plain lookup answers with the newest version.
      if ((row.effectiveStartDate ?? '') >= (previous.effectiveStartDate ?? '')) this.byKey.set(key, row);
    } else {
      this.byKey.set(key, row);
    }
    push(this.byMeter, meterKey(row.armRegionName, row.productName, row.meterName), row);
    if (isVmProduct(row)) {
      const sizeKey = normalizeVmSize(row.skuName);
      this.sizes.add(sizeKey);
      if (!this.sizeDisplay.has(sizeKey)) {
        const base = row.skuName.replace(/\s+(spot|low priority)$/i, '');
        this.sizeDisplay.set(sizeKey, base.replace(/^Standard_/i, '').replace(/_/g, ' '));
      }
      push(this.vmBySize, `${row.armRegionName}|${sizeKey}`, row);
    } else if (row.serviceName !== 'Virtual Machines') {
      push(this.bySku, meterKey(row.armRegionName, row.productName, row.skuName), row);
    }
  }
}

function meterKey(regionId: string, productName: string, meterName: string): string {
  return `${regionId}|${productName}|${meterName}`.toLowerCase();
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
