import { Decimal } from 'decimal.js';
import { z } from 'zod';
import type { RegionAlias } from '../domain/prices/regions.js';
import type { PricingUnit } from '../domain/prices/units.js';
import { importCsv, type ImportReport } from './importReport.js';

const unitSchema = z.object({
  UnitOfMeasure: z.string().min(1, 'is empty'),
  PricingBlockSize: z
    .string()
    .trim()
    .regex(/^\d+(\.\d+)?([eE][-+]?\d+)?$/, 'not a number'),
  DistinctUnits: z.string().trim(),
});

/** FinOps toolkit PricingUnits.csv: unit of measure → block size. */
export function importPricingUnitsCsv(file: string, csv: string): ImportReport<PricingUnit> {
  return importCsv(file, csv, ['UnitOfMeasure', 'PricingBlockSize'], unitSchema, (record) => ({
    unitOfMeasure: record.UnitOfMeasure,
    blockSize: new Decimal(record.PricingBlockSize),
    distinctUnits: record.DistinctUnits,
  }));
}

const regionSchema = z.object({
  OriginalValue: z.string().trim().min(1, 'is empty'),
  RegionId: z.string().trim().min(1, 'is empty'),
  RegionName: z.string().trim().min(1, 'is empty'),
});

/** FinOps toolkit Regions.csv: alias ("we", "eu west", "amsterdam") → ARM region id and display name. */
export function importRegionsCsv(file: string, csv: string): ImportReport<RegionAlias> {
  return importCsv(file, csv, ['OriginalValue', 'RegionId', 'RegionName'], regionSchema, (record) => ({
    alias: record.OriginalValue,
    regionId: record.RegionId,
    displayName: record.RegionName,
  }));
}
