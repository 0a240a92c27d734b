import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { formatAccessRecordsCsv } from './accessRecords.js';
import { readSnapshotPriceRows } from './priceSnapshotRows.js';
import {
  writeSyntheticRecon,
  type SyntheticReconManifest,
  type SyntheticReconOptions,
} from './syntheticRecon.js';

export interface SyntheticReconFiles {
  usageFile: string;
  accessFile: string;
  manifestFile: string;
  manifest: SyntheticReconManifest;
}

/** Writes a SYNTHETIC usage CSV, the matching access-record CSV and a manifest of what was seeded into `directory`. */
export async function generateSyntheticReconFiles(
  pricesFile: string,
  directory: string,
  options: SyntheticReconOptions,
): Promise<SyntheticReconFiles> {
  await mkdir(directory, { recursive: true });
  const { rows } = await readSnapshotPriceRows(pricesFile);
  const usageFile = join(directory, `daily-rated-usage-SYNTHETIC-${options.month}.csv`);
  const accessFile = join(directory, `access-records-SYNTHETIC-${options.month}.csv`);
  const manifestFile = join(directory, `manifest-SYNTHETIC-${options.month}.json`);
  const out = createWriteStream(usageFile);
  const { manifest, access } = await writeSyntheticRecon(rows, options, out, pricesFile);
  out.end();
  await finished(out);
  await writeFile(accessFile, formatAccessRecordsCsv(access));
  await writeFile(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
  return { usageFile, accessFile, manifestFile, manifest };
}
