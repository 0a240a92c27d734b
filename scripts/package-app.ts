/**
 * Zips the Teams app package `dist/appPackage.zip` from `manifest/`: manifest.json, its localization
 * files and both icons, all at the root of the zip as Teams requires. Run after build-manifest
 * (`npm run package` does both), then upload the zip in Teams (Apps → Manage your apps → Upload).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import JSZip from 'jszip';
import { manifestSchemaErrors } from './lib/manifestValidation.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const PACKAGE_PATH = join(ROOT, 'dist', 'appPackage.zip');

interface ManifestFileReferences {
  icons: { color: string; outline: string };
  localizationInfo?: { additionalLanguages?: { file: string }[] };
}

/** The files a manifest needs in its package: itself, its icons and its localization files. */
export function packageFileNames(manifest: ManifestFileReferences): string[] {
  const languages = manifest.localizationInfo?.additionalLanguages ?? [];
  return [
    'manifest.json',
    ...languages.map((language) => language.file),
    manifest.icons.color,
    manifest.icons.outline,
  ];
}

/**
 * Builds the zip in memory from a manifest folder. Fails if a referenced file is missing or if the
 * manifest or a localization file does not match its schema (Teams would refuse the upload).
 */
export async function buildAppPackage(manifestDirectory: string): Promise<Buffer> {
  const readJson = (file: string) =>
    JSON.parse(readFileSync(join(manifestDirectory, file), 'utf8')) as object;
  const manifest = readJson('manifest.json') as ManifestFileReferences;
  for (const file of packageFileNames(manifest).filter((name) => name.endsWith('.json'))) {
    const errors = await manifestSchemaErrors(readJson(file));
    if (errors.length > 0) throw new Error(`${file} does not match its schema:\n${errors.join('\n')}`);
  }
  const zip = new JSZip();
  // A fixed date keeps the zip identical for identical inputs.
  const date = new Date('2026-01-01T00:00:00Z');
  for (const file of packageFileNames(manifest)) {
    zip.file(file, readFileSync(join(manifestDirectory, file)), { date });
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

async function main(): Promise<void> {
  const zip = await buildAppPackage(join(ROOT, 'manifest'));
  mkdirSync(dirname(PACKAGE_PATH), { recursive: true });
  writeFileSync(PACKAGE_PATH, zip);
  console.log(`${PACKAGE_PATH} written (${zip.length} bytes)`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
