import { parse } from 'csv-parse';
import { z } from 'zod';
import { openTextStream } from '../../priceData/compressedFiles.js';

/** The fields of a retail price snapshot row (shared/azure-price-data/retail-prices-*) the generator needs. */
export interface SnapshotPriceRow {
  serviceName: string;
  armRegionName: string;
  productId: string;
  /** SKU id within the product (the part after "/" of the Retail API skuId). */
  skuId: string;
  meterId: string;
  type: string;
  productName: string;
  skuName: string;
  meterName: string;
  unitOfMeasure: string;
  retailPrice: string;
}

const schema = z.object({
  serviceName: z.string().min(1),
  armRegionName: z.string().min(1),
  productId: z.string().min(1),
  skuId: z.string().min(1),
  meterId: z.string().min(1),
  type: z.string(),
  productName: z.string(),
  skuName: z.string(),
  meterName: z.string(),
  unitOfMeasure: z.string(),
  retailPrice: z.string().regex(/^\d+(\.\d+)?$/),
});

/** Streams a snapshot CSV (plain or `.csv.gz`) and keeps the rows `keep` accepts; malformed rows are skipped and counted. */
export async function readSnapshotPriceRows(
  file: string,
  keep: (row: SnapshotPriceRow) => boolean = () => true,
): Promise<{ rows: SnapshotPriceRow[]; skipped: number }> {
  const rows: SnapshotPriceRow[] = [];
  let skipped = 0;
  const parser = openTextStream(file).pipe(parse({ columns: true, skip_empty_lines: true, bom: true }));
  for await (const record of parser as AsyncIterable<Record<string, string>>) {
    const result = schema.safeParse(record);
    if (!result.success) {
      skipped += 1;
      continue;
    }
    const row = { ...result.data, skuId: result.data.skuId.split('/').pop() ?? result.data.skuId };
    if (keep(row)) rows.push(row);
  }
  return { rows, skipped };
}
