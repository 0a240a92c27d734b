import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { createGunzip, gunzipSync } from 'node:zlib';

/** The extension of the gzip-compressed data files the repository ships (reference/). */
export const GZIP_SUFFIX = '.gz';

export function isGzip(file: string): boolean {
  return file.endsWith(GZIP_SUFFIX);
}

/** `name` without a trailing `.gz` (the format a file holds: `x.csv.gz` → `x.csv`). */
export function uncompressedName(name: string): string {
  return isGzip(name) ? name.slice(0, -GZIP_SUFFIX.length) : name;
}

/** The path of `name` in `dir`, or of `name.gz` when only the compressed copy is there; null when neither. */
export function findDataFile(dir: string, name: string): string | null {
  const plain = join(dir, name);
  if (existsSync(plain)) return plain;
  const compressed = plain + GZIP_SUFFIX;
  return existsSync(compressed) ? compressed : null;
}

/** Reads a UTF-8 text file, gunzipping it when its name ends in `.gz`. */
export function readTextFileSync(file: string): string {
  const bytes = readFileSync(file);
  return (isGzip(file) ? gunzipSync(bytes) : bytes).toString('utf8');
}

/** Reads a UTF-8 text file, streaming it through gunzip when its name ends in `.gz`. */
export async function readTextFile(file: string): Promise<string> {
  if (!isGzip(file)) return readFile(file, 'utf8');
  const chunks: Buffer[] = [];
  for await (const chunk of openTextStream(file)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** A byte stream of the file's text: through gunzip when its name ends in `.gz`. */
export function openTextStream(file: string): Readable {
  const raw = createReadStream(file);
  if (!isGzip(file)) return raw;
  const gunzip = createGunzip();
  raw.on('error', (error) => gunzip.destroy(error));
  return raw.pipe(gunzip);
}
