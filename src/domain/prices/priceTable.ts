import type { PriceRow } from './priceRow.js';

/**
 * The columns of a price table, in cell order. Every cell is the id of a string in the table's
 * string table (-1 for "none"); prices are kept as their decimal text, so they stay exact and a
 * Decimal is built only for a row that is actually returned.
 */
export const PRICE_FIELDS = [
  'currencyCode',
  'serviceName',
  'armRegionName',
  'productId',
  'skuId',
  'meterId',
  'type',
  'reservationTerm',
  'productName',
  'skuName',
  'meterName',
  'unitOfMeasure',
  'tierMinimumUnits',
  'unitPrice',
  'retailPrice',
  'savingsPlan1Year',
  'effectiveStartDate',
  'effectiveEndDate',
  'tags',
] as const;

export type PriceField = (typeof PRICE_FIELDS)[number];
export const FIELD_COUNT = PRICE_FIELDS.length;

/** Column numbers by name (cells of row r, field f sit at `r * FIELD_COUNT + f`). */
export const F = Object.freeze(
  Object.fromEntries(PRICE_FIELDS.map((name, index) => [name, index])) as Record<PriceField, number>,
);

/** One row as the texts of its cells (decimals as written; null for an absent optional cell). */
export type PriceRowTexts = Readonly<Record<PriceField, string | null>>;

/**
 * A price catalog's rows without a per-row object: one Int32Array of string ids (row-major,
 * FIELD_COUNT cells a row) and one table of distinct strings. 1M rows cost 76 MB of cells plus the
 * distinct strings (mostly meter ids).
 */
export class PriceTable {
  constructor(
    readonly strings: readonly string[],
    readonly cells: Int32Array,
  ) {
    if (cells.length % FIELD_COUNT !== 0) throw new Error('price table: cells are not whole rows');
  }

  get rowCount(): number {
    return this.cells.length / FIELD_COUNT;
  }

  /** The string id of one cell (-1 when absent). */
  id(row: number, field: number): number {
    return this.cells[row * FIELD_COUNT + field];
  }

  text(row: number, field: number): string {
    const id = this.cells[row * FIELD_COUNT + field];
    return id < 0 ? '' : this.strings[id];
  }

  optional(row: number, field: number): string | null {
    const id = this.cells[row * FIELD_COUNT + field];
    return id < 0 ? null : this.strings[id];
  }
}

/** Builds a PriceTable row by row, sharing every repeated string through one id. */
export class PriceTableBuilder {
  private readonly strings: string[] = [];
  private readonly ids = new Map<string, number>();
  private cells = new Int32Array(FIELD_COUNT * 4096);
  private used = 0;

  get rowCount(): number {
    return this.used / FIELD_COUNT;
  }

  /** Adds a row given as texts (the import path: no Decimal is built). */
  addTexts(row: PriceRowTexts): void {
    this.reserve();
    for (let f = 0; f < FIELD_COUNT; f++) this.cells[this.used + f] = this.idOf(row[PRICE_FIELDS[f]]);
    this.used += FIELD_COUNT;
  }

  /** Adds a row given as a PriceRow (price sheets, JSON pages, tests). */
  addRow(row: PriceRow): void {
    this.addTexts(textsOfRow(row));
  }

  /** The table; the builder lets go of its id map and cells, so the two are never held twice. */
  build(): PriceTable {
    const cells = this.used === this.cells.length ? this.cells : this.cells.slice(0, this.used);
    this.cells = new Int32Array(0);
    this.used = 0;
    this.ids.clear();
    return new PriceTable(this.strings, cells);
  }

  private idOf(value: string | null): number {
    if (value === null) return -1;
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.strings.length;
      this.strings.push(value);
      this.ids.set(value, id);
    }
    return id;
  }

  private reserve(): void {
    if (this.used + FIELD_COUNT <= this.cells.length) return;
    const grown = new Int32Array(this.cells.length * 2);
    grown.set(this.cells);
    this.cells = grown;
  }
}

export function textsOfRow(row: PriceRow): PriceRowTexts {
  return {
    currencyCode: row.currencyCode,
    serviceName: row.serviceName,
    armRegionName: row.armRegionName,
    productId: row.productId,
    skuId: row.skuId,
    meterId: row.meterId,
    type: row.type,
    reservationTerm: row.reservationTerm,
    productName: row.productName,
    skuName: row.skuName,
    meterName: row.meterName,
    unitOfMeasure: row.unitOfMeasure,
    tierMinimumUnits: row.tierMinimumUnits.toFixed(),
    unitPrice: row.unitPriceText,
    retailPrice: row.retailPrice.toFixed(),
    savingsPlan1Year: row.savingsPlan1Year ? row.savingsPlan1Year.toFixed() : null,
    effectiveStartDate: row.effectiveStartDate,
    effectiveEndDate: row.effectiveEndDate,
    tags: row.tags,
  };
}
